package envelope_test

import (
	"bytes"
	"crypto/mlkem"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/envelope"
	"github.com/quantaseal/quantaseal-go/internal/envelopetest"
)

func proxyVector(t *testing.T) vector {
	t.Helper()
	for _, v := range goldenVectors(t) {
		if v.Name == "proxy-response" {
			return v
		}
	}
	t.Fatal("no proxy-response vector")
	return vector{}
}

func openText(v vector, text []byte, c envelope.Checks) ([]byte, error) {
	e, err := envelope.Parse(text, 0)
	if err != nil {
		return nil, err
	}
	return envelope.Open(e, v.keys(), c)
}

func requireInvalid(t *testing.T, what string, pt []byte, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: accepted (%d bytes of plaintext)", what, len(pt))
	}
	if err != envelope.ErrInvalid {
		t.Fatalf("%s: error %v, want exactly ErrInvalid", what, err)
	}
	if err.Error() != "quantaseal: invalid envelope" {
		t.Fatalf("%s: the error says %q", what, err.Error())
	}
}

// members returns the vector's envelope as an ordered list of raw members, for text edits.
func members(t *testing.T, text []byte) map[string]json.RawMessage {
	t.Helper()
	m := map[string]json.RawMessage{}
	if err := json.Unmarshal(text, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// withMember rewrites the envelope with one member's raw JSON text replaced or added (removed when
// raw is ""); the members come out sorted by name, without whitespace.
func withMember(t *testing.T, text []byte, name, raw string) []byte {
	t.Helper()
	m := members(t, text)
	if raw == "" {
		delete(m, name)
	} else {
		m[name] = json.RawMessage(raw)
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		q, _ := json.Marshal(n)
		b.Write(q)
		b.WriteByte(':')
		b.Write(bytes.TrimSpace(m[n]))
	}
	b.WriteByte('}')
	return b.Bytes()
}

func TestEveryBitFlipIsRejected(t *testing.T) {
	v := proxyVector(t)
	e, err := envelope.Parse(v.text, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		name string
		b    []byte
	}{{"kem", e.KEM}, {"iv", e.IV}, {"ct", e.CT}, {"sig", e.Sig}, {"mac", e.MAC}} {
		t.Run(m.name, func(t *testing.T) {
			// Every bit of iv and mac; one bit of every byte of kem, ct and sig (the bit moves).
			var bits []int
			for i := range m.b {
				if len(m.b) <= 64 {
					for j := 0; j < 8; j++ {
						bits = append(bits, i*8+j)
					}
				} else {
					bits = append(bits, i*8+i%8)
				}
			}
			for _, bit := range bits {
				m.b[bit/8] ^= 1 << (bit % 8)
				pt, err := envelope.Open(e, v.keys(), v.at())
				m.b[bit/8] ^= 1 << (bit % 8)
				if err == nil {
					t.Fatalf("bit %d flipped: accepted (%d bytes)", bit, len(pt))
				}
			}
			if _, err := envelope.Open(e, v.keys(), v.at()); err != nil {
				t.Fatal("the restored envelope no longer opens")
			}
		})
	}
}

func TestHeaderMembersAreBound(t *testing.T) {
	v := proxyVector(t)
	for _, tc := range []struct{ name, raw string }{
		{"rid", `"req_other"`},
		{"iat", strconv.FormatInt(v.IAT+1, 10)},
		{"rkid", `"ck_other"`},
		{"skid", `"sk_other"`},
		{"hkid", `"hk_other"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := withMember(t, v.text, tc.name, tc.raw)
			// The holder knows the new id too, with the same key: only H/S can catch the change.
			var name string
			_ = json.Unmarshal([]byte(tc.raw), &name)
			keys := v.keys()
			switch tc.name {
			case "rkid":
				keys.Recipients[name] = v.recipient
			case "skid":
				keys.Verifiers[name] = v.verifier
			case "hkid":
				keys.MACKeys[name] = v.macKey
			}
			e, err := envelope.Parse(text, 0)
			if err != nil {
				t.Fatal(err)
			}
			pt, err := envelope.Open(e, keys, envelope.Checks{Now: time.Unix(v.IAT, 0)})
			requireInvalid(t, tc.name+" changed", pt, err)
		})
	}
}

func TestWrongOrUnknownKeys(t *testing.T) {
	v := proxyVector(t)
	e, err := envelope.Parse(v.text, 0)
	if err != nil {
		t.Fatal(err)
	}
	otherDK, _ := mlkem.GenerateKey768()
	otherPK, _, _ := mldsa65.GenerateKey(nil)
	for _, tc := range []struct {
		name string
		edit func(*envelope.Keys)
	}{
		{"wrong recipient key", func(k *envelope.Keys) { k.Recipients[v.RKID] = otherDK }},
		{"unknown rkid", func(k *envelope.Keys) { k.Recipients = map[string]*mlkem.DecapsulationKey768{"ck_x": v.recipient} }},
		{"wrong server key", func(k *envelope.Keys) { k.Verifiers[v.SKID] = otherPK }},
		{"unknown skid", func(k *envelope.Keys) { k.Verifiers = map[string]*mldsa65.PublicKey{"sk_x": v.verifier} }},
		{"wrong MAC key", func(k *envelope.Keys) { k.MACKeys[v.HKID] = bytes.Repeat([]byte{7}, 64) }},
		{"unknown hkid", func(k *envelope.Keys) { k.MACKeys = map[string][]byte{"hk_x": v.macKey} }},
		{"short MAC key", func(k *envelope.Keys) { k.MACKeys[v.HKID] = v.macKey[:32] }},
		{"no keys", func(k *envelope.Keys) { *k = envelope.Keys{} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			keys := v.keys()
			tc.edit(&keys)
			pt, err := envelope.Open(e, keys, v.at())
			requireInvalid(t, tc.name, pt, err)
		})
	}
}

func TestClockSkew(t *testing.T) {
	v := proxyVector(t)
	for _, tc := range []struct {
		name  string
		delta int64
		skew  time.Duration
		ok    bool
	}{
		{"at iat", 0, 0, true},
		{"300 s later", 300, 0, true},
		{"300 s earlier", -300, 0, true},
		{"301 s later", 301, 0, false},
		{"301 s earlier", -301, 0, false},
		{"a day later", 86400, 0, false},
		{"configured 10 s: 10 s later", 10, 10 * time.Second, true},
		{"configured 10 s: 11 s later", 11, 10 * time.Second, false},
		{"configured 1 h: 3600 s earlier", -3600, time.Hour, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pt, err := openText(v, v.text, envelope.Checks{Now: time.Unix(v.IAT+tc.delta, 0), MaxClockSkew: tc.skew})
			if tc.ok && err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if !tc.ok {
				requireInvalid(t, tc.name, pt, err)
			}
		})
	}
}

func TestRequestIDBinding(t *testing.T) {
	v := proxyVector(t)
	if _, err := openText(v, v.text, envelope.Checks{Now: time.Unix(v.IAT, 0), BindRequestID: true, RequestID: v.RID}); err != nil {
		t.Fatalf("the envelope's own request id: %v", err)
	}
	for _, rid := range []string{"", "req_other", v.RID + "x", strings.ToUpper(v.RID)} {
		pt, err := openText(v, v.text, envelope.Checks{Now: time.Unix(v.IAT, 0), BindRequestID: true, RequestID: rid})
		requireInvalid(t, "X-Request-Id "+rid, pt, err)
	}
}

// TestBothChecksAlwaysRun: the signature and the MAC are both computed whichever one fails.
func TestBothChecksAlwaysRun(t *testing.T) {
	v := proxyVector(t)
	for _, tc := range []struct {
		name   string
		tamper func(e *envelope.Envelope)
		keys   func(k *envelope.Keys)
	}{
		{"valid", func(*envelope.Envelope) {}, func(*envelope.Keys) {}},
		{"bad signature", func(e *envelope.Envelope) { e.Sig[100] ^= 1 }, func(*envelope.Keys) {}},
		{"bad MAC", func(e *envelope.Envelope) { e.MAC[0] ^= 1 }, func(*envelope.Keys) {}},
		{"both bad", func(e *envelope.Envelope) { e.Sig[0] ^= 1; e.MAC[0] ^= 1 }, func(*envelope.Keys) {}},
		{"unknown skid", func(*envelope.Envelope) {}, func(k *envelope.Keys) { k.Verifiers = nil }},
		{"unknown hkid", func(*envelope.Envelope) {}, func(k *envelope.Keys) { k.MACKeys = nil }},
		{"unknown rkid", func(*envelope.Envelope) {}, func(k *envelope.Keys) { k.Recipients = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sigCalls, macCalls := 0, 0
			restore := envelope.SetChecks(
				func(pk *mldsa65.PublicKey, s, sig []byte) int { sigCalls++; return envelope.CheckSignature(pk, s, sig) },
				func(k, s, mac []byte) int { macCalls++; return envelope.CheckMAC(k, s, mac) })
			defer restore()
			e, err := envelope.Parse(v.text, 0)
			if err != nil {
				t.Fatal(err)
			}
			tc.tamper(e)
			keys := v.keys()
			tc.keys(&keys)
			_, err = envelope.Open(e, keys, v.at())
			if sigCalls != 1 || macCalls != 1 {
				t.Fatalf("signature checked %d times, MAC %d times; want 1 and 1", sigCalls, macCalls)
			}
			if (tc.name == "valid") != (err == nil) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// TestStrictParsing: docs/envelope.md#strict-parsing.
func TestStrictParsing(t *testing.T) {
	v := proxyVector(t)
	text := string(v.text)
	m := members(t, v.text)
	b64member := func(name string) string {
		var s string
		_ = json.Unmarshal(m[name], &s)
		return s
	}
	kem := b64member("kem")
	cases := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"not JSON", "envelope"},
		{"JSON array", "[" + text + "]"},
		{"JSON string", `"` + strings.ReplaceAll(text, `"`, `\"`) + `"`},
		{"JSON null", "null"},
		{"trailing content", text + " x"},
		{"two objects", text + text},
		{"duplicate member", strings.Replace(text, `{`, `{"rid":"req_x",`, 1)},
		{"duplicate member via escape", strings.Replace(text, `{`, `{"\u0072id":"req_x",`, 1)},
		{"duplicate unknown member", strings.Replace(text, `{`, `{"x":1,"x":2,`, 1)},
		{"duplicate in a nested unknown object", strings.Replace(text, `{`, `{"x":{"a":1,"a":1},`, 1)},
		{"v missing", string(withMember(t, v.text, "v", ""))},
		{"v 2", string(withMember(t, v.text, "v", "2"))},
		{"v 1.0", string(withMember(t, v.text, "v", "1.0"))},
		{"v 1e0", string(withMember(t, v.text, "v", "1e0"))},
		{"v string", string(withMember(t, v.text, "v", `"1"`))},
		{"v true", string(withMember(t, v.text, "v", "true"))},
		{"v 4294967297", string(withMember(t, v.text, "v", "4294967297"))},
		{"suite other", string(withMember(t, v.text, "suite", `"QS1-MLKEM768-HKDFSHA256-A256GCM-MLDSA65-HS512"`))},
		{"suite lowercase", string(withMember(t, v.text, "suite", `"`+strings.ToLower(envelope.Suite)+`"`))},
		{"iat missing", string(withMember(t, v.text, "iat", ""))},
		{"iat negative", string(withMember(t, v.text, "iat", "-1764115200"))},
		{"iat minus zero", string(withMember(t, v.text, "iat", "-0"))},
		{"iat fraction", string(withMember(t, v.text, "iat", "1764115200.0"))},
		{"iat exponent", string(withMember(t, v.text, "iat", "1.7641152e9"))},
		{"iat string", string(withMember(t, v.text, "iat", `"1764115200"`))},
		{"iat leading zero", string(withMember(t, v.text, "iat", "01764115200"))},
		{"iat over 2^63-1", string(withMember(t, v.text, "iat", "9223372036854775808"))},
		{"iat null", string(withMember(t, v.text, "iat", "null"))},
		{"rid empty", string(withMember(t, v.text, "rid", `""`))},
		{"rid of 257 bytes", string(withMember(t, v.text, "rid", `"`+strings.Repeat("r", 257)+`"`))},
		{"rid a number", string(withMember(t, v.text, "rid", "7"))},
		{"rkid lone surrogate", string(withMember(t, v.text, "rkid", `"ck_\ud800"`))},
		{"skid lone low surrogate", string(withMember(t, v.text, "skid", `"sk_\udc00x"`))},
		{"hkid missing", string(withMember(t, v.text, "hkid", ""))},
		{"kem padded", string(withMember(t, v.text, "kem", `"`+kem+`="`))},
		{"kem standard alphabet", string(withMember(t, v.text, "kem", `"`+strings.NewReplacer("-", "+", "_", "/").Replace(kem)+`"`))},
		{"kem with a newline escape", string(withMember(t, v.text, "kem", `"`+kem[:100]+`\n`+kem[100:]+`"`))},
		{"kem one byte short", string(withMember(t, v.text, "kem", `"`+b64.Encode(make([]byte, envelope.KEMSize-1))+`"`))},
		{"kem one byte long", string(withMember(t, v.text, "kem", `"`+b64.Encode(make([]byte, envelope.KEMSize+1))+`"`))},
		{"iv 16 bytes", string(withMember(t, v.text, "iv", `"`+b64.Encode(make([]byte, 16))+`"`))},
		{"kem non-canonical last character", string(withMember(t, v.text, "kem", `"`+nonCanonical(kem)+`"`))},
		{"ct shorter than a tag", string(withMember(t, v.text, "ct", `"`+b64.Encode(make([]byte, 15))+`"`))},
		{"ct missing", string(withMember(t, v.text, "ct", ""))},
		{"sig one byte short", string(withMember(t, v.text, "sig", `"`+b64.Encode(make([]byte, envelope.SignatureSize-1))+`"`))},
		{"mac 32 bytes", string(withMember(t, v.text, "mac", `"`+b64.Encode(make([]byte, 32))+`"`))},
		{"mac non-canonical", string(withMember(t, v.text, "mac", `"`+nonCanonical(b64member("mac"))+`"`))},
		{"mac a number", string(withMember(t, v.text, "mac", "1"))},
		{"deep nesting", strings.Replace(text, `{`, `{"x":`+strings.Repeat("[", 40)+strings.Repeat("]", 40)+`,`, 1)},
		{"long number", strings.Replace(text, `{`, `{"x":`+strings.Repeat("1", 40)+`,`, 1)},
		{"raw control character in a string", strings.Replace(text, `{`, "{\"x\":\"a\x01b\",", 1)},
		{"invalid UTF-8", strings.Replace(text, `{`, "{\"x\":\"\xff\",", 1)},
		{"byte order mark", "\ufeff" + text},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, err := envelope.Parse([]byte(tc.text), 0) // refused by the parser itself
			if err != envelope.ErrInvalid || e != nil {
				t.Fatalf("parsed (err %v)", err)
			}
		})
	}

	// Unknown members are ignored, member order and whitespace are free.
	for _, tc := range []struct{ name, text string }{
		{"unknown members", strings.Replace(text, `{`, `{"x-future":{"a":[1,2,{"b":null}]},"note":"é\u00e9",`, 1)},
		{"whitespace", strings.ReplaceAll(strings.ReplaceAll(text, `,"`, " ,\n\t\"" /* keep */), `":`, `" : `)},
		{"members reordered", string(withMember(t, v.text, "x", "0"))}, // json.Marshal sorts the names
		{"escaped id characters", strings.Replace(text, `"rid":"req_`, `"rid":"\u0072eq_`, 1)},
	} {
		t.Run("accepted/"+tc.name, func(t *testing.T) {
			pt, err := openText(v, []byte(tc.text), v.at())
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if !bytes.Equal(pt, v.plaintext) {
				t.Fatal("plaintext differs")
			}
		})
	}
}

// nonCanonical changes the spare low bits of the last character (same bytes, other text).
func nonCanonical(s string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, s[len(s)-1])
	return s[:len(s)-1] + string(alphabet[last|1])
}

func TestSizeLimits(t *testing.T) {
	dk, _ := mlkem.GenerateKey768()
	pk, sk, _ := mldsa65.GenerateKey(nil)
	mac := bytes.Repeat([]byte{1}, 64)
	seal := func(n int) []byte {
		e, err := envelopetest.Seal(envelopetest.Inputs{
			RID: "req_big", IAT: 1_800_000_000, RKID: "ck_1", SKID: "sk_1", HKID: "hk_1",
			Recipient: dk.EncapsulationKey(), Signer: sk, MACKey: mac, Plaintext: make([]byte, n),
		})
		if err != nil {
			t.Fatal(err)
		}
		return envelopetest.JSON(e)
	}
	keys := envelope.Keys{
		Recipients: map[string]*mlkem.DecapsulationKey768{"ck_1": dk},
		Verifiers:  map[string]*mldsa65.PublicKey{"sk_1": pk},
		MACKeys:    map[string][]byte{"hk_1": mac},
	}
	at := envelope.Checks{Now: time.Unix(1_800_000_000, 0)}

	largest := seal(envelope.DefaultMaxCiphertextSize - envelope.TagSize)
	e, err := envelope.Parse(largest, 0)
	if err != nil {
		t.Fatalf("the largest envelope (8 MiB of ciphertext): %v", err)
	}
	if pt, err := envelope.Open(e, keys, at); err != nil || len(pt) != envelope.DefaultMaxCiphertextSize-envelope.TagSize {
		t.Fatalf("the largest envelope does not open: %v", err)
	}
	if _, err := envelope.Parse(seal(envelope.DefaultMaxCiphertextSize-envelope.TagSize+1), 0); !errors.Is(err, envelope.ErrInvalid) {
		t.Fatal("one byte over 8 MiB of ciphertext was accepted")
	}
	if _, err := envelope.Parse(seal(1024), 1000); !errors.Is(err, envelope.ErrInvalid) {
		t.Fatal("a lowered ciphertext limit was not applied")
	}
	huge := append([]byte(`{"x":"`), bytes.Repeat([]byte("a"), 12<<20)...)
	huge = append(huge, `"}`...)
	if _, err := envelope.Parse(huge, 0); !errors.Is(err, envelope.ErrInvalid) {
		t.Fatal("a 12 MiB text was parsed")
	}
}

// TestNothingButErrInvalid: whatever the input, Parse and Open return a plaintext or ErrInvalid.
func TestNothingButErrInvalid(t *testing.T) {
	v := proxyVector(t)
	text := v.text
	for cut := 0; cut < len(text); cut += 97 {
		inputs := [][]byte{text[:cut]}
		if c := text[cut]; c != ' ' && c != '\n' && c != '\t' && c != '\r' { // whitespace may go
			inputs = append(inputs, append(append([]byte{}, text[:cut]...), text[cut+1:]...))
		}
		for _, in := range inputs {
			pt, err := openText(v, in, v.at())
			if err == nil {
				t.Fatalf("a cut envelope (%d) opened to %d bytes", cut, len(pt))
			}
			if err != envelope.ErrInvalid {
				t.Fatalf("cut %d: %v", cut, err)
			}
		}
	}
	if _, err := envelope.Open(nil, v.keys(), v.at()); err != envelope.ErrInvalid {
		t.Fatal("Open(nil) did not return ErrInvalid")
	}
}
