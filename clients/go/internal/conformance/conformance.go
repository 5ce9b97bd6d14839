// Package conformance runs a conformance file (docs/envelope.md#conformance): every case
// names the holder's three keys, the clock and an envelope, and whether it must open (to exactly
// its plaintext) or be rejected.
package conformance

import (
	"bytes"
	"crypto/mlkem"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/envelope"
)

// File is a conformance file.
type File struct {
	Suite   string `json:"suite"`
	Vectors []Case `json:"vectors"`
}

// Case is one case; binary members are unpadded base64url.
type Case struct {
	Name            string `json:"name"`
	RecipientSeed   string `json:"recipient_seed"`
	RKID            string `json:"rkid"`
	ServerPublicKey string `json:"server_public_key"`
	SKID            string `json:"skid"`
	MACKey          string `json:"mac_key"`
	HKID            string `json:"hkid"`
	Now             int64  `json:"now"`
	// Envelope is the envelope exactly as received: a JSON string holding its text (a JSON
	// object in its place is taken as that text).
	Envelope  json.RawMessage `json:"envelope"`
	Result    string          `json:"result"` // valid | invalid
	Plaintext string          `json:"plaintext"`
}

// Load reads a conformance file.
func Load(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f := &File{}
	if err := json.Unmarshal(data, f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if f.Suite != envelope.Suite {
		return nil, fmt.Errorf("%s: suite %q is not %s", path, f.Suite, envelope.Suite)
	}
	return f, nil
}

// Opener opens one envelope text with the keys and clock of a case. The runner passes the SDK's
// own opening path; tests pass it through the public client too.
type Opener func(c *Case, keys *CaseKeys) ([]byte, error)

// CaseKeys are a case's keys, decoded.
type CaseKeys struct {
	Seed      []byte
	Recipient *mlkem.DecapsulationKey768
	Verifier  *mldsa65.PublicKey
	ServerKey []byte
	MACKey    []byte
	Now       time.Time
}

// Keys decodes the keys of c; an error means the case itself is malformed.
func (c *Case) Keys() (*CaseKeys, error) {
	seed, ok := b64.DecodeLen(c.RecipientSeed, mlkem.SeedSize)
	if !ok {
		return nil, errors.New("recipient_seed is not 64 bytes of base64url")
	}
	dk, err := mlkem.NewDecapsulationKey768(seed)
	if err != nil {
		return nil, err
	}
	pkb, ok := b64.DecodeLen(c.ServerPublicKey, mldsa65.PublicKeySize)
	if !ok {
		return nil, errors.New("server_public_key is not 1952 bytes of base64url")
	}
	pk := new(mldsa65.PublicKey)
	if err := pk.UnmarshalBinary(pkb); err != nil {
		return nil, err
	}
	mac, ok := b64.DecodeLen(c.MACKey, envelope.MACKeySize)
	if !ok {
		return nil, errors.New("mac_key is not 64 bytes of base64url")
	}
	return &CaseKeys{Seed: seed, Recipient: dk, Verifier: pk, ServerKey: pkb, MACKey: mac, Now: time.Unix(c.Now, 0)}, nil
}

// EnvelopeText is the envelope's text exactly as received.
func (c *Case) EnvelopeText() []byte {
	var s string
	if len(c.Envelope) > 0 && c.Envelope[0] == '"' && json.Unmarshal(c.Envelope, &s) == nil {
		return []byte(s)
	}
	return c.Envelope
}

// OpenInternal is the SDK's opening path (the one Client.Encryption().Decrypt ends in).
func OpenInternal(c *Case, k *CaseKeys) ([]byte, error) {
	e, err := envelope.Parse(c.EnvelopeText(), 0)
	if err != nil {
		return nil, err
	}
	return envelope.Open(e, envelope.Keys{
		Recipients: map[string]*mlkem.DecapsulationKey768{c.RKID: k.Recipient},
		Verifiers:  map[string]*mldsa65.PublicKey{c.SKID: k.Verifier},
		MACKeys:    map[string][]byte{c.HKID: k.MACKey},
	}, envelope.Checks{Now: k.Now})
}

// Check runs one case and returns nil when it passes, or why it fails.
func (c *Case) Check(open Opener) error {
	k, err := c.Keys()
	if err != nil {
		return fmt.Errorf("malformed case: %w", err)
	}
	got, err := open(c, k)
	switch c.Result {
	case "valid":
		if err != nil {
			return fmt.Errorf("valid envelope rejected: %v", err)
		}
		want, ok := b64.Decode(c.Plaintext)
		if !ok {
			return errors.New("malformed case: plaintext is not base64url")
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("opened to %d bytes that differ from the %d-byte plaintext", len(got), len(want))
		}
		return nil
	case "invalid":
		if err == nil {
			return errors.New("invalid envelope accepted")
		}
		if !errors.Is(err, envelope.ErrInvalid) {
			return fmt.Errorf("rejected, but not as an invalid envelope: %v", err)
		}
		return nil
	default:
		return fmt.Errorf("malformed case: result %q", c.Result)
	}
}
