package quantaseal

import (
	"crypto/mlkem"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/envelope"
	"github.com/quantaseal/quantaseal-go/internal/strictjson"
)

// ClientKeyFormat is the format member of a client-key file (docs/clients.md).
const ClientKeyFormat = "quantaseal-client-key/v1"

// ClientKey is a registered client key: the ML-KEM-768 seed d ‖ z whose encapsulation key the
// service encrypts envelopes to (rkid), and the envelope MAC key (hkid) the service gave at
// registration. Make one with EncryptionService.CreateClientKey, keep it with Save, read it back
// with LoadClientKey. It never appears in a String, GoString or formatted value, and Destroy
// clears its secrets.
type ClientKey struct {
	rkid, hkid string
	seed       []byte // 64 bytes
	macKey     []byte // 64 bytes
	dk         *mlkem.DecapsulationKey768
}

// NewClientKey builds a client key from its parts; seed and macKey are copied.
func NewClientKey(rkid, hkid string, seed, macKey []byte) (*ClientKey, error) {
	if rkid == "" || len(rkid) > envelope.MaxIDBytes || hkid == "" || len(hkid) > envelope.MaxIDBytes {
		return nil, errors.New("quantaseal: a client key needs an rkid and an hkid of 1 to 256 bytes")
	}
	if len(seed) != mlkem.SeedSize {
		return nil, fmt.Errorf("quantaseal: a client key seed is %d bytes", mlkem.SeedSize)
	}
	if len(macKey) != envelope.MACKeySize {
		return nil, fmt.Errorf("quantaseal: a client key MAC key is %d bytes", envelope.MACKeySize)
	}
	dk, err := mlkem.NewDecapsulationKey768(seed)
	if err != nil {
		return nil, fmt.Errorf("quantaseal: client key seed: %w", err)
	}
	return &ClientKey{
		rkid:   rkid,
		hkid:   hkid,
		seed:   append([]byte(nil), seed...),
		macKey: append([]byte(nil), macKey...),
		dk:     dk,
	}, nil
}

// RKID is the id of the client key (ck_…); envelopes name it.
func (k *ClientKey) RKID() string { return k.rkid }

// HKID is the id of the envelope MAC key (hk_…).
func (k *ClientKey) HKID() string { return k.hkid }

// EncapsulationKey is the 1184-byte ML-KEM-768 public key (what registration sends).
func (k *ClientKey) EncapsulationKey() []byte { return k.dk.EncapsulationKey().Bytes() }

// Destroy overwrites the seed and MAC key held by k; k opens nothing afterwards. The expanded
// ML-KEM key inside crypto/mlkem cannot be cleared from outside the standard library.
func (k *ClientKey) Destroy() {
	clear(k.seed)
	clear(k.macKey)
	k.dk = nil
}

func (k ClientKey) String() string {
	return fmt.Sprintf("quantaseal.ClientKey{RKID: %q, HKID: %q, Seed: [REDACTED], MACKey: [REDACTED]}", k.rkid, k.hkid)
}

// GoString keeps the secrets out of %#v.
func (k ClientKey) GoString() string { return k.String() }

// Format keeps the secrets out of every verb.
func (k ClientKey) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(k.String())) }

// Save writes k to path in the quantaseal-client-key/v1 format with file mode 0600, atomically
// (a temporary file in the same directory, then a rename), replacing any file there.
func (k *ClientKey) Save(path string) error {
	if k.dk == nil {
		return errors.New("quantaseal: the client key was destroyed")
	}
	data := k.marshal()
	defer clear(data)
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".quantaseal-client-key-*") // created with mode 0600
	if err != nil {
		return fmt.Errorf("quantaseal: saving the client key: %w", err)
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("quantaseal: saving the client key: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("quantaseal: saving the client key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("quantaseal: saving the client key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("quantaseal: saving the client key: %w", err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("quantaseal: saving the client key: %w", err)
	}
	ok = true
	return nil
}

// marshal writes the file's JSON into a buffer the caller clears (no immutable string copies).
func (k *ClientKey) marshal() []byte {
	enc := base64.RawURLEncoding
	b := make([]byte, 0, 128+len(k.rkid)+len(k.hkid)+2*enc.EncodedLen(64))
	b = append(b, `{"format":"`+ClientKeyFormat+`","rkid":`...)
	b = appendJSONString(b, k.rkid)
	b = append(b, `,"hkid":`...)
	b = appendJSONString(b, k.hkid)
	b = append(b, `,"seed":"`...)
	b = enc.AppendEncode(b, k.seed)
	b = append(b, `","mac_key":"`...)
	b = enc.AppendEncode(b, k.macKey)
	b = append(b, "\"}\n"...)
	return b
}

// LoadClientKey reads a quantaseal-client-key/v1 file.
func LoadClientKey(path string) (*ClientKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("quantaseal: loading the client key: %w", err)
	}
	defer clear(data)
	k, err := ParseClientKey(data)
	if err != nil {
		return nil, fmt.Errorf("%w (%s)", err, path)
	}
	return k, nil
}

// ParseClientKey reads the JSON of a quantaseal-client-key/v1 file: any other format, a missing
// member, bad base64url or a wrong length is an error; unknown members are ignored.
func ParseClientKey(data []byte) (*ClientKey, error) {
	bad := func(why string) error {
		return errors.New("quantaseal: not a " + ClientKeyFormat + " file: " + why)
	}
	root, err := strictjson.Parse(data, strictjson.Limits{MaxBytes: 64 << 10})
	if err != nil || root.Kind != strictjson.Object {
		return nil, bad("not one JSON object without duplicate members")
	}
	str := func(name string) (string, bool) {
		v, ok := root.Get(name)
		return v.Str, ok && v.Kind == strictjson.String
	}
	if f, ok := str("format"); !ok || f != ClientKeyFormat {
		return nil, bad("format is not " + ClientKeyFormat)
	}
	rkid, ok1 := str("rkid")
	hkid, ok2 := str("hkid")
	if !ok1 || !ok2 {
		return nil, bad("rkid or hkid is missing")
	}
	seedText, ok1 := str("seed")
	macText, ok2 := str("mac_key")
	if !ok1 || !ok2 {
		return nil, bad("seed or mac_key is missing")
	}
	seed, ok := b64.DecodeLen(seedText, mlkem.SeedSize)
	if !ok {
		return nil, bad("seed is not 64 bytes of unpadded base64url")
	}
	defer clear(seed)
	macKey, ok := b64.DecodeLen(macText, envelope.MACKeySize)
	if !ok {
		return nil, bad("mac_key is not 64 bytes of unpadded base64url")
	}
	defer clear(macKey)
	return NewClientKey(rkid, hkid, seed, macKey)
}

// keys are the envelope keys this client key holds.
func (k *ClientKey) keys() (map[string]*mlkem.DecapsulationKey768, map[string][]byte) {
	if k == nil || k.dk == nil {
		return nil, nil
	}
	return map[string]*mlkem.DecapsulationKey768{k.rkid: k.dk}, map[string][]byte{k.hkid: k.macKey}
}

func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}
