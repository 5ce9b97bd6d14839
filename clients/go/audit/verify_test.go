package audit

// The verifier against the project's known answers (docs/audit.md, "Known-answer vectors"): the
// JCS library against docs/vectors/rfc8785-jcs.json, the tree against RFC 6962's reference
// (rfc6962-merkle.json), every period of audit-v1.json rebuilt from its inputs (signatures re-made
// byte for byte with circl's deterministic mode), and every verification case naming the failure
// the Java verifier names.

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/gowebpki/jcs"

	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/testvectors"
)

type jcsFile struct {
	Cases []struct {
		Name   string `json:"name"`
		Input  string `json:"input"`
		Output string `json:"output"`
	} `json:"cases"`
	Numbers []struct {
		Bits   string `json:"bits"`
		Output string `json:"output"`
	} `json:"numbers"`
	Invalid []struct {
		Name  string `json:"name"`
		Input string `json:"input"`
	} `json:"invalid"`
}

type merkleFile struct {
	LeafInputs []string   `json:"leaf_inputs"`
	NodeHashes [][]string `json:"node_hashes"`
	Roots      []string   `json:"roots"`
}

type vectorCase struct {
	Name        string            `json:"name"`
	From        string            `json:"from"`
	To          string            `json:"to"`
	Anchor      json.RawMessage   `json:"anchor"`
	Checkpoints []json.RawMessage `json:"checkpoints"`
	Records     []json.RawMessage `json:"records"`
	Expect      *struct {
		Kind        string  `json:"kind"`
		Seq         *int64  `json:"seq"`
		PeriodStart *string `json:"period_start"`
		PeriodEnd   *string `json:"period_end"`
	} `json:"expect"`
}

type auditFile struct {
	Context  string `json:"context"`
	TenantID string `json:"tenant_id"`
	Keys     []struct {
		Skid      string `json:"skid"`
		Seed      string `json:"seed"`
		PublicKey string `json:"public_key"`
		Trusted   bool   `json:"trusted"`
	} `json:"keys"`
	Periods []struct {
		Seq     int64 `json:"seq"`
		Records []struct {
			Record json.RawMessage `json:"record"`
			JCS    string          `json:"jcs"`
			Leaf   string          `json:"leaf"`
		} `json:"records"`
		Root     string          `json:"root"`
		Body     json.RawMessage `json:"body"`
		BodyJCS  string          `json:"body_jcs"`
		BodyHash string          `json:"body_hash"`
		Sig      string          `json:"sig"`
	} `json:"periods"`
	Verifications []vectorCase `json:"verifications"`
}

func load(t *testing.T, name string, into any) {
	t.Helper()
	p, err := testvectors.Path(name)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, into); err != nil {
		t.Fatal(err)
	}
}

func mustB64(t *testing.T, s string) []byte {
	t.Helper()
	b, ok := b64.Decode(s)
	if !ok {
		t.Fatalf("not base64url: %.16s", s)
	}
	return b
}

func TestJCSLibraryAgainstRFC8785File(t *testing.T) {
	var f jcsFile
	load(t, "rfc8785-jcs.json", &f)
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			out, err := jcs.Transform([]byte(c.Input))
			if err != nil || string(out) != c.Output {
				t.Fatalf("got %q, %v", out, err)
			}
		})
	}
	for _, n := range f.Numbers {
		t.Run("number-"+n.Bits, func(t *testing.T) {
			raw, _ := hex.DecodeString(n.Bits)
			v := math.Float64frombits(binary.BigEndian.Uint64(raw))
			text, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			out, err := jcs.Transform(text)
			if err != nil || string(out) != n.Output {
				t.Fatalf("got %q, %v", out, err)
			}
		})
	}
	for _, c := range f.Invalid {
		t.Run("refuses-"+c.Name, func(t *testing.T) {
			if _, err := Canonical([]byte(c.Input)); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestMerkleTreeIsRFC6962(t *testing.T) {
	var f merkleFile
	load(t, "rfc6962-merkle.json", &f)
	leaves := make([][]byte, len(f.LeafInputs))
	for i, d := range f.LeafInputs {
		raw, _ := hex.DecodeString(d)
		leaves[i] = LeafHash(raw)
	}
	for n, root := range f.Roots {
		if got := hex.EncodeToString(MerkleRoot(leaves[:n])); got != root {
			t.Errorf("root of %d leaves: %s", n, got)
		}
	}
	for level, hashes := range f.NodeHashes {
		width := 1 << level
		for i, want := range hashes {
			if got := hex.EncodeToString(MerkleRoot(leaves[i*width : (i+1)*width])); got != want {
				t.Errorf("level %d node %d: %s", level, i, got)
			}
		}
	}
}

func TestEachPeriodRebuildsFromItsInputs(t *testing.T) {
	var f auditFile
	load(t, "audit-v1.json", &f)
	var seed [mldsa65.SeedSize]byte
	for _, k := range f.Keys {
		if k.Trusted {
			copy(seed[:], mustB64(t, k.Seed))
			pk, _ := mldsa65.NewKeyFromSeed(&seed)
			raw, _ := pk.MarshalBinary()
			if b64.Encode(raw) != k.PublicKey {
				t.Fatal("the trusted seed does not give the trusted public key")
			}
		}
	}
	_, sk := mldsa65.NewKeyFromSeed(&seed)
	for i, p := range f.Periods {
		var leaves [][]byte
		for _, r := range p.Records {
			c, err := Canonical(r.Record)
			if err != nil || string(c) != r.JCS {
				t.Fatalf("seq %d: jcs %q, %v", p.Seq, c, err)
			}
			if b64.Encode(LeafHash(c)) != r.Leaf {
				t.Fatalf("seq %d: leaf", p.Seq)
			}
			leaves = append(leaves, LeafHash(c))
		}
		if b64.Encode(MerkleRoot(leaves)) != p.Root {
			t.Fatalf("seq %d: root", p.Seq)
		}
		c, err := Canonical(p.Body)
		if err != nil || string(c) != p.BodyJCS {
			t.Fatalf("seq %d: body jcs %q, %v", p.Seq, c, err)
		}
		if h, _ := BodyHash(p.Body); h != p.BodyHash {
			t.Fatalf("seq %d: body hash", p.Seq)
		}
		b, err := parseBody(p.Body)
		if err != nil {
			t.Fatal(err)
		}
		wantPrev := ""
		if i > 0 {
			wantPrev = f.Periods[i-1].BodyHash
		}
		if b64.Encode(b.prev) != wantPrev || b.count != int64(len(p.Records)) || b64.Encode(b.root) != p.Root {
			t.Fatalf("seq %d: body members", p.Seq)
		}
		sig := make([]byte, mldsa65.SignatureSize)
		if err := mldsa65.SignTo(sk, []byte(p.BodyJCS), []byte(f.Context), false, sig); err != nil {
			t.Fatal(err)
		}
		if b64.Encode(sig) != p.Sig {
			t.Fatalf("seq %d: deterministic ML-DSA-65 does not re-make the signature", p.Seq)
		}
	}
}

func trustedKeys(t *testing.T, f *auditFile) map[string]*mldsa65.PublicKey {
	keys := map[string]*mldsa65.PublicKey{}
	for _, k := range f.Keys {
		if k.Trusted {
			var pk mldsa65.PublicKey
			if err := pk.UnmarshalBinary(mustB64(t, k.PublicKey)); err != nil {
				t.Fatal(err)
			}
			keys[k.Skid] = &pk
		}
	}
	return keys
}

func request(t *testing.T, f *auditFile, c vectorCase) Request {
	anchor := c.Anchor
	if string(anchor) == "null" {
		anchor = nil
	}
	return Request{TenantID: f.TenantID, From: c.From, To: c.To, Checkpoints: c.Checkpoints,
		Records: c.Records, ServerKeys: trustedKeys(t, f), Anchor: anchor}
}

func TestEachVerificationCase(t *testing.T) {
	var f auditFile
	load(t, "audit-v1.json", &f)
	if len(f.Verifications) < 13 {
		t.Fatalf("%d cases", len(f.Verifications))
	}
	for _, c := range f.Verifications {
		t.Run(c.Name, func(t *testing.T) {
			res, err := Verify(request(t, &f, c))
			if err != nil {
				t.Fatal(err)
			}
			if c.Expect == nil {
				if !res.Valid() {
					t.Fatalf("failed: %v", res.Failure)
				}
				if res.CheckpointsVerified != len(c.Checkpoints) || res.RecordsVerified != len(c.Records) {
					t.Fatalf("verified %d checkpoints, %d records", res.CheckpointsVerified, res.RecordsVerified)
				}
				if res.LastVerified == nil {
					t.Fatal("no last verified body")
				}
				return
			}
			fl := res.Failure
			if fl == nil {
				t.Fatal("verified")
			}
			if string(fl.Kind) != c.Expect.Kind || !sameSeq(fl.Seq, c.Expect.Seq) ||
				fl.PeriodStart != deref(c.Expect.PeriodStart) || fl.PeriodEnd != deref(c.Expect.PeriodEnd) {
				t.Fatalf("got %s seq %v [%s, %s) (%s), want %+v", fl.Kind, fl.Seq, fl.PeriodStart, fl.PeriodEnd, fl.Detail, *c.Expect)
			}
		})
	}
}

func sameSeq(a, b *int64) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func cleanCase(t *testing.T) (*auditFile, vectorCase) {
	var f auditFile
	load(t, "audit-v1.json", &f)
	for _, c := range f.Verifications {
		if c.Name == "clean" {
			return &f, c
		}
	}
	t.Fatal("no clean case")
	return nil, vectorCase{}
}

func kindOf(t *testing.T, f *auditFile, c vectorCase) FailureKind {
	res, err := Verify(request(t, f, c))
	if err != nil {
		t.Fatal(err)
	}
	if res.Failure == nil {
		return ""
	}
	return res.Failure.Kind
}

// edit replaces the first occurrence of old in raw (the vectors' own bytes, so JCS sees them).
func edit(t *testing.T, raw json.RawMessage, old, replacement string) json.RawMessage {
	t.Helper()
	s := string(raw)
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in %.80s", old, s)
	}
	return json.RawMessage(strings.Replace(s, old, replacement, 1))
}

func TestMalformedCheckpointsAndRecords(t *testing.T) {
	f, clean := cleanCase(t)
	for _, tc := range []struct{ name, old, replacement string }{
		{"version", `"v":1`, `"v":2`},
		{"fractional seq", `"seq":0`, `"seq":0.0`},
		{"count as text", `"count":3`, `"count":"3"`},
		{"unknown member", `"v":1`, `"v":1,"extra":1`},
		{"duplicate member", `"v":1`, `"v":1,"v":1`},
		{"time without micros", `"period_start":"2026-12-04T18:39:00.000000Z"`, `"period_start":"2026-12-04T18:39:00Z"`},
	} {
		t.Run("checkpoint "+tc.name, func(t *testing.T) {
			c := clean
			c.Checkpoints = append([]json.RawMessage(nil), clean.Checkpoints...)
			c.Checkpoints[0] = edit(t, compact(t, c.Checkpoints[0]), tc.old, tc.replacement)
			if k := kindOf(t, f, c); k != MalformedCheckpoint {
				t.Fatalf("got %q", k)
			}
		})
	}
	for _, tc := range []struct{ name, old, replacement string }{
		{"float", `"latency_ms":41`, `"latency_ms":41.5`},
		{"beyond 2^53", `"latency_ms":41`, `"latency_ms":9007199254740993`},
		{"resource not an object", `"resource":{`, `"resource":"x","r":{`},
	} {
		t.Run("record "+tc.name, func(t *testing.T) {
			c := clean
			c.Records = append([]json.RawMessage(nil), clean.Records...)
			c.Records[0] = edit(t, compact(t, c.Records[0]), tc.old, tc.replacement)
			if k := kindOf(t, f, c); k != MalformedRecord {
				t.Fatalf("got %q", k)
			}
		})
	}
}

func compact(t *testing.T, raw json.RawMessage) json.RawMessage {
	t.Helper()
	out, err := jcs.Transform(raw)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStructuralFailures(t *testing.T) {
	f, clean := cleanCase(t)
	c := clean
	c.Checkpoints = nil
	res, _ := Verify(request(t, f, c))
	if res.Failure == nil || res.Failure.Kind != NoCheckpoints || res.Failure.PeriodStart != clean.From {
		t.Fatalf("no checkpoints: %+v", res.Failure)
	}
	c = clean
	c.Checkpoints = append(append([]json.RawMessage(nil), clean.Checkpoints...), clean.Checkpoints[1])
	if k := kindOf(t, f, c); k != SequenceBroken {
		t.Fatalf("repeated checkpoint: %q", k)
	}
	c = clean
	late := edit(t, compact(t, clean.Records[0]), `"time":"2026-12-04T18:39`, `"time":"2026-12-04T18:43`)
	late = edit(t, late, `"audit_id":"aud_`, `"audit_id":"aud_late_`)
	c.Records = append(append([]json.RawMessage(nil), clean.Records...), late)
	if k := kindOf(t, f, c); k != RecordOutsideCheckpoints {
		t.Fatalf("late record: %q", k)
	}
}

func TestCallersOwnBadInputsAreErrors(t *testing.T) {
	f, clean := cleanCase(t)
	r := request(t, f, clean)
	r.From = "yesterday"
	if _, err := Verify(r); !errors.Is(err, ErrInput) {
		t.Fatalf("bad From: %v", err)
	}
	r = request(t, f, clean)
	r.ServerKeys = map[string]*mldsa65.PublicKey{"k": nil}
	if _, err := Verify(r); !errors.Is(err, ErrInput) {
		t.Fatalf("nil key: %v", err)
	}
}

func TestEveryKindIsListed(t *testing.T) {
	var f auditFile
	load(t, "audit-v1.json", &f)
	known := map[FailureKind]bool{}
	for _, k := range FailureKinds {
		known[k] = true
	}
	for _, c := range f.Verifications {
		if c.Expect != nil && !known[FailureKind(c.Expect.Kind)] {
			t.Errorf("%s: unknown kind %s", c.Name, c.Expect.Kind)
		}
	}
	if Context != f.Context {
		t.Fatal("context string")
	}
}
