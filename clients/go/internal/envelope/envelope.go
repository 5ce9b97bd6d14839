// Package envelope reads and opens HybridCryptoEnvelope v1 exactly as docs/envelope.md specifies:
// strict parsing, lengths checked before use, H and S rebuilt from the received members, the
// ML-DSA-65 signature and the HMAC-SHA-512 tag both always checked, the clock skew, then ML-KEM-768
// decapsulation, HKDF-SHA-512 and AES-256-GCM. Every failure is ErrInvalid.
package envelope

import (
	"encoding/binary"
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/strictjson"
)

// Suite is the only suite of envelope version 1.
const Suite = "QS1-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512"

// Sizes of the binary members, in bytes (docs/envelope.md, "Lengths").
const (
	KEMSize                  = 1088
	IVSize                   = 12
	TagSize                  = 16
	SignatureSize            = 3309
	MACSize                  = 64
	MACKeySize               = 64
	MaxIDBytes               = 256
	DefaultMaxCiphertextSize = 8 << 20 // including the tag
)

// ErrInvalid is the one error of Parse and Open. It never says which step failed.
var ErrInvalid = errors.New("quantaseal: invalid envelope")

const (
	headerLabel   = "QSENV1"
	signedLabel   = "QSENV1-SIGNED"
	kdfInfoPrefix = "quantaseal/envelope/v1/aes-256-gcm"
	// SignatureContext is the ML-DSA-65 context string of every envelope signature.
	SignatureContext = "quantaseal/envelope/v1"
	// Room for the header members and JSON punctuation beyond the ciphertext's base64url.
	jsonOverhead = 16384
)

// Envelope is a parsed envelope: the members of its JSON form, binary ones decoded.
type Envelope struct {
	RID, RKID, SKID, HKID string
	IAT                   int64
	KEM, IV, CT, Sig, MAC []byte
}

// Parse reads the JSON text of an envelope strictly; maxCiphertext ≤ 0 means the default 8 MiB.
func Parse(data []byte, maxCiphertext int) (*Envelope, error) {
	if maxCiphertext <= 0 {
		maxCiphertext = DefaultMaxCiphertextSize
	}
	maxChars := b64.EncodedLen(maxCiphertext) + jsonOverhead
	// The limit is in characters (UTF-16 code units, as the service counts them); a character
	// takes at most 3 bytes per UTF-16 unit, so only a long text needs counting.
	if len(data) > 3*maxChars || (len(data) > maxChars && utf16Len(data) > maxChars) {
		return nil, ErrInvalid
	}
	root, err := strictjson.Parse(data, strictjson.Limits{MaxDepth: 32, MaxNumberLen: 32})
	if err != nil || root.Kind != strictjson.Object {
		return nil, ErrInvalid
	}
	if v, ok := root.Get("v"); !ok || v.Kind != strictjson.Number || v.Str != "1" {
		return nil, ErrInvalid
	}
	if s, ok := root.Get("suite"); !ok || s.Kind != strictjson.String || s.Str != Suite {
		return nil, ErrInvalid
	}
	e := &Envelope{}
	var ok bool
	if e.IAT, ok = iat(root); !ok {
		return nil, ErrInvalid
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"rid", &e.RID}, {"rkid", &e.RKID}, {"skid", &e.SKID}, {"hkid", &e.HKID}} {
		if *f.dst, ok = id(root, f.name); !ok {
			return nil, ErrInvalid
		}
	}
	for _, f := range []struct {
		name     string
		dst      *[]byte
		min, max int
	}{
		{"kem", &e.KEM, KEMSize, KEMSize},
		{"iv", &e.IV, IVSize, IVSize},
		{"ct", &e.CT, TagSize, maxCiphertext},
		{"sig", &e.Sig, SignatureSize, SignatureSize},
		{"mac", &e.MAC, MACSize, MACSize},
	} {
		if *f.dst, ok = binaryMember(root, f.name, f.min, f.max); !ok {
			return nil, ErrInvalid
		}
	}
	return e, nil
}

// iat is a JSON integer from 0 to 2^63 − 1: digits only (the parser already refused leading zeros).
func iat(root strictjson.Value) (int64, bool) {
	v, ok := root.Get("iat")
	if !ok || v.Kind != strictjson.Number {
		return 0, false
	}
	for i := 0; i < len(v.Str); i++ {
		if v.Str[i] < '0' || v.Str[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(v.Str, 10, 64)
	return n, err == nil
}

// id is a JSON string of 1 to 256 UTF-8 bytes (the parser already refused ill-formed Unicode).
func id(root strictjson.Value, name string) (string, bool) {
	v, ok := root.Get(name)
	if !ok || v.Kind != strictjson.String || len(v.Str) == 0 || len(v.Str) > MaxIDBytes {
		return "", false
	}
	return v.Str, true
}

// binaryMember decodes a canonical base64url string of min..max bytes, its length checked first.
func binaryMember(root strictjson.Value, name string, minLen, maxLen int) ([]byte, bool) {
	v, ok := root.Get(name)
	if !ok || v.Kind != strictjson.String {
		return nil, false
	}
	if len(v.Str) < b64.EncodedLen(minLen) || len(v.Str) > b64.EncodedLen(maxLen) {
		return nil, false
	}
	b, ok := b64.Decode(v.Str)
	if !ok || len(b) < minLen || len(b) > maxLen {
		return nil, false
	}
	return b, true
}

func utf16Len(data []byte) int {
	n := 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		data = data[size:]
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// lp appends the 4-byte big-endian length of x, then x.
func lp(dst []byte, x []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(x)))
	return append(dst, x...)
}

// Header is H = lp("QSENV1") ‖ lp(suite) ‖ lp(rid) ‖ lp(iat) ‖ lp(rkid) ‖ lp(skid) ‖ lp(hkid).
func Header(rid string, iat int64, rkid, skid, hkid string) []byte {
	parts := [][]byte{
		[]byte(headerLabel), []byte(Suite), []byte(rid),
		strconv.AppendInt(nil, iat, 10), []byte(rkid), []byte(skid), []byte(hkid),
	}
	n := 0
	for _, p := range parts {
		n += 4 + len(p)
	}
	h := make([]byte, 0, n)
	for _, p := range parts {
		h = lp(h, p)
	}
	return h
}

// SignedBytes is S = lp("QSENV1-SIGNED") ‖ lp(H) ‖ lp(kem) ‖ lp(iv) ‖ lp(ct).
func SignedBytes(h, kem, iv, ct []byte) []byte {
	s := make([]byte, 0, 5*4+len(signedLabel)+len(h)+len(kem)+len(iv)+len(ct))
	for _, p := range [][]byte{[]byte(signedLabel), h, kem, iv, ct} {
		s = lp(s, p)
	}
	return s
}

// KDFInfo is the HKDF info of the AES key: "quantaseal/envelope/v1/aes-256-gcm" ‖ H.
func KDFInfo(h []byte) string { return kdfInfoPrefix + string(h) }

// Header rebuilds this envelope's H from its members.
func (e *Envelope) Header() []byte { return Header(e.RID, e.IAT, e.RKID, e.SKID, e.HKID) }
