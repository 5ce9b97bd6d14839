// Package testvectors finds and reads the project's shared vectors (docs/vectors/ of the
// QuantaSeal repository): the golden envelopes and the client-key sample. Tests only.
package testvectors

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
)

// Golden is docs/vectors/envelope-v1.json (docs/envelope.md, "Golden vectors").
type Golden struct {
	Suite   string         `json:"suite"`
	Vectors []GoldenVector `json:"vectors"`
}

// GoldenVector is one vector; binary members are unpadded base64url.
type GoldenVector struct {
	Name          string          `json:"name"`
	RecipientSeed string          `json:"recipient_seed"`
	SignerSeed    string          `json:"signer_seed"`
	MACKey        string          `json:"mac_key"`
	EncapsM       string          `json:"encaps_m"`
	IV            string          `json:"iv"`
	RID           string          `json:"rid"`
	IAT           int64           `json:"iat"`
	RKID          string          `json:"rkid"`
	SKID          string          `json:"skid"`
	HKID          string          `json:"hkid"`
	Plaintext     string          `json:"plaintext"`
	H             string          `json:"H"`
	S             string          `json:"S"`
	Envelope      json.RawMessage `json:"envelope"`
}

// Dir is the docs/vectors directory: $QS_VECTORS_DIR, or found by walking up from the working
// directory (the SDK lives in clients/go of the repository).
func Dir() (string, error) {
	if d := os.Getenv("QS_VECTORS_DIR"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		c := filepath.Join(d, "docs", "vectors")
		if _, err := os.Stat(filepath.Join(c, "envelope-v1.json")); err == nil {
			return c, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("testvectors: docs/vectors not found above " + wd + " (set QS_VECTORS_DIR)")
		}
	}
}

// Path is the path of a file of docs/vectors.
func Path(name string) (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, name), nil
}

// LoadGolden reads envelope-v1.json.
func LoadGolden() (*Golden, error) {
	p, err := Path("envelope-v1.json")
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	g := &Golden{}
	return g, json.Unmarshal(data, g)
}
