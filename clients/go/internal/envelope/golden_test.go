package envelope_test

import (
	"bytes"
	"crypto/mlkem"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/envelope"
	"github.com/quantaseal/quantaseal-go/internal/envelopetest"
	"github.com/quantaseal/quantaseal-go/internal/testvectors"
)

// vector is a golden vector with its inputs decoded.
type vector struct {
	testvectors.GoldenVector
	recipient *mlkem.DecapsulationKey768
	signer    *mldsa65.PrivateKey
	verifier  *mldsa65.PublicKey
	macKey    []byte
	encapsM   []byte
	iv        []byte
	plaintext []byte
	h, s      []byte
	text      []byte // the envelope's JSON text as it stands in the file
}

func mustB64(t testing.TB, name, s string) []byte {
	t.Helper()
	b, ok := b64.Decode(s)
	if !ok {
		t.Fatalf("%s is not canonical base64url", name)
	}
	return b
}

func goldenVectors(t testing.TB) []vector {
	t.Helper()
	g, err := testvectors.LoadGolden()
	if err != nil {
		t.Fatal(err)
	}
	if g.Suite != envelope.Suite || len(g.Vectors) < 6 {
		t.Fatalf("golden file: suite %q, %d vectors", g.Suite, len(g.Vectors))
	}
	out := make([]vector, 0, len(g.Vectors))
	for _, gv := range g.Vectors {
		v := vector{GoldenVector: gv}
		var err error
		if v.recipient, err = mlkem.NewDecapsulationKey768(mustB64(t, "recipient_seed", gv.RecipientSeed)); err != nil {
			t.Fatal(err)
		}
		seed := mustB64(t, "signer_seed", gv.SignerSeed)
		if len(seed) != mldsa65.SeedSize {
			t.Fatalf("%s: signer_seed is %d bytes", gv.Name, len(seed))
		}
		v.verifier, v.signer = mldsa65.NewKeyFromSeed((*[mldsa65.SeedSize]byte)(seed))
		v.macKey = mustB64(t, "mac_key", gv.MACKey)
		v.encapsM = mustB64(t, "encaps_m", gv.EncapsM)
		v.iv = mustB64(t, "iv", gv.IV)
		v.plaintext = mustB64(t, "plaintext", gv.Plaintext)
		v.h = mustB64(t, "H", gv.H)
		v.s = mustB64(t, "S", gv.S)
		v.text = gv.Envelope
		out = append(out, v)
	}
	return out
}

func (v *vector) keys() envelope.Keys {
	return envelope.Keys{
		Recipients: map[string]*mlkem.DecapsulationKey768{v.RKID: v.recipient},
		Verifiers:  map[string]*mldsa65.PublicKey{v.SKID: v.verifier},
		MACKeys:    map[string][]byte{v.HKID: v.macKey},
	}
}

func (v *vector) at() envelope.Checks { return envelope.Checks{Now: time.Unix(v.IAT, 0)} }

func TestGoldenVectors(t *testing.T) {
	for _, v := range goldenVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			e, err := envelope.Parse(v.text, 0)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			t.Run("header", func(t *testing.T) {
				if got := envelope.Header(v.RID, v.IAT, v.RKID, v.SKID, v.HKID); !bytes.Equal(got, v.h) {
					t.Fatalf("H differs from the vector's (%d vs %d bytes)", len(got), len(v.h))
				}
				if !bytes.Equal(e.Header(), v.h) {
					t.Fatal("H rebuilt from the envelope's members differs")
				}
			})
			t.Run("signed-bytes", func(t *testing.T) {
				if got := envelope.SignedBytes(e.Header(), e.KEM, e.IV, e.CT); !bytes.Equal(got, v.s) {
					t.Fatalf("S differs from the vector's (%d vs %d bytes)", len(got), len(v.s))
				}
			})
			t.Run("open", func(t *testing.T) {
				got, err := envelope.Open(e, v.keys(), v.at())
				if err != nil {
					t.Fatalf("open: %v", err)
				}
				if !bytes.Equal(got, v.plaintext) {
					t.Fatalf("plaintext differs (%d vs %d bytes)", len(got), len(v.plaintext))
				}
			})
			t.Run("recreate", func(t *testing.T) {
				if !envelopetest.DerandomizedEncapsulation {
					t.Skip("re-creating the envelope bytes needs ML-KEM.Encaps_internal: crypto/mlkem/mlkemtest is Go 1.26+")
				}
				got, err := envelopetest.Seal(envelopetest.Inputs{
					RID: v.RID, IAT: v.IAT, RKID: v.RKID, SKID: v.SKID, HKID: v.HKID,
					Recipient: v.recipient.EncapsulationKey(), Signer: v.signer, MACKey: v.macKey,
					Plaintext: v.plaintext, EncapsM: v.encapsM, IV: v.iv, Deterministic: true,
				})
				if err != nil {
					t.Fatal(err)
				}
				var want map[string]any
				dec := json.NewDecoder(bytes.NewReader(v.text))
				dec.UseNumber()
				if err := dec.Decode(&want); err != nil {
					t.Fatal(err)
				}
				for name, member := range envelopetest.Members(got) {
					w := want[name]
					if n, ok := w.(json.Number); ok {
						w = n.String()
						member = json.Number(jsonInt(member)).String()
					}
					if w != member {
						t.Errorf("member %s differs from the vector's", name)
					}
				}
				if len(want) != 12 {
					t.Errorf("the vector's envelope has %d members, want 12", len(want))
				}
			})
		})
	}
}

func jsonInt(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestClientKeySampleIsFirstRecipient: docs/vectors/client-key-v1.json is the first vector's recipient.
func TestClientKeySampleIsFirstRecipient(t *testing.T) {
	p, err := testvectors.Path("client-key-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var k struct {
		RKID   string `json:"rkid"`
		HKID   string `json:"hkid"`
		Seed   string `json:"seed"`
		MACKey string `json:"mac_key"`
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &k); err != nil {
		t.Fatal(err)
	}
	v := goldenVectors(t)[0]
	if k.RKID != v.RKID || k.HKID != v.HKID || k.Seed != v.RecipientSeed || k.MACKey != v.MACKey {
		t.Fatal("client-key-v1.json is not the recipient of the first golden vector")
	}
}

// BenchmarkOpen: parse and open each golden envelope (go test -bench Open ./internal/envelope).
func BenchmarkOpen(b *testing.B) {
	for _, v := range goldenVectors(b) {
		b.Run(v.Name, func(b *testing.B) {
			b.SetBytes(int64(len(v.text)))
			for i := 0; i < b.N; i++ {
				e, err := envelope.Parse(v.text, 0)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := envelope.Open(e, v.keys(), v.at()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
