// Package envelopetest seals envelopes the way the service does, for tests only: the SDK itself
// never seals. It writes the construction of docs/envelope.md out again (it shares only H and S
// with the opener), so a test that opens what it seals checks two readings of the spec.
package envelopetest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/mlkem"
	"crypto/rand"
	"crypto/sha512"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/envelope"
)

// Inputs of one envelope. EncapsM and IV fix the randomness (nil: random); Deterministic signs
// with rnd = 32 zero bytes, as the golden vectors do.
type Inputs struct {
	RID, RKID, SKID, HKID string
	IAT                   int64
	Recipient             *mlkem.EncapsulationKey768
	Signer                *mldsa65.PrivateKey
	MACKey                []byte
	Plaintext             []byte
	EncapsM               []byte
	IV                    []byte
	Deterministic         bool
}

// Seal builds the envelope of in.
func Seal(in Inputs) (*envelope.Envelope, error) {
	h := envelope.Header(in.RID, in.IAT, in.RKID, in.SKID, in.HKID)
	var ss, kem []byte
	if in.EncapsM != nil {
		var err error
		if ss, kem, err = encapsulateDerandomized(in.Recipient, in.EncapsM); err != nil {
			return nil, err
		}
	} else {
		ss, kem = in.Recipient.Encapsulate()
	}
	k, err := hkdf.Key(sha512.New, ss, nil, "quantaseal/envelope/v1/aes-256-gcm"+string(h), 32)
	if err != nil {
		return nil, err
	}
	iv := in.IV
	if iv == nil {
		iv = make([]byte, 12)
		_, _ = rand.Read(iv)
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	ct := gcm.Seal(nil, iv, in.Plaintext, h)
	s := envelope.SignedBytes(h, kem, iv, ct)
	sig := make([]byte, mldsa65.SignatureSize)
	if err := mldsa65.SignTo(in.Signer, s, []byte(envelope.SignatureContext), !in.Deterministic, sig); err != nil {
		return nil, err
	}
	if len(in.MACKey) != 64 {
		return nil, errors.New("envelopetest: the MAC key is 64 bytes")
	}
	m := hmac.New(sha512.New, in.MACKey)
	m.Write(s)
	return &envelope.Envelope{
		RID: in.RID, RKID: in.RKID, SKID: in.SKID, HKID: in.HKID, IAT: in.IAT,
		KEM: kem, IV: iv, CT: ct, Sig: sig, MAC: m.Sum(nil),
	}, nil
}

// Members is the JSON form's members, binary ones as unpadded base64url.
func Members(e *envelope.Envelope) map[string]any {
	return map[string]any{
		"v": 1, "suite": envelope.Suite, "rid": e.RID, "iat": e.IAT,
		"rkid": e.RKID, "skid": e.SKID, "hkid": e.HKID,
		"kem": b64.Encode(e.KEM), "iv": b64.Encode(e.IV), "ct": b64.Encode(e.CT),
		"sig": b64.Encode(e.Sig), "mac": b64.Encode(e.MAC),
	}
}

// JSON writes the envelope's JSON form in the service's member order.
func JSON(e *envelope.Envelope) []byte {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	b := []byte(`{"v":1,"suite":"` + envelope.Suite + `","rid":` + q(e.RID) +
		`,"iat":` + strconv.FormatInt(e.IAT, 10) + `,"rkid":` + q(e.RKID) + `,"skid":` + q(e.SKID) +
		`,"hkid":` + q(e.HKID) + `,"kem":"` + b64.Encode(e.KEM) + `","iv":"` + b64.Encode(e.IV) +
		`","ct":"` + b64.Encode(e.CT) + `","sig":"` + b64.Encode(e.Sig) + `","mac":"` + b64.Encode(e.MAC) + `"}`)
	return b
}
