package quantaseal

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/testvectors"
)

func TestClientKeySaveAndLoad(t *testing.T) {
	key := testClientKey(t, "ck_01jdz7yv3b5n8q2r4t6w8y0a1c", "hk_é漢")
	path := filepath.Join(t.TempDir(), "client-key.json")
	if err := os.WriteFile(path, []byte("old, world-readable"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := key.Save(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	var doc map[string]string
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["format"] != ClientKeyFormat || doc["rkid"] != key.RKID() || doc["hkid"] != key.HKID() ||
		doc["seed"] != b64.Encode(key.seed) || doc["mac_key"] != b64.Encode(key.macKey) || len(doc) != 5 {
		t.Fatalf("file %s", data)
	}
	loaded, err := LoadClientKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.RKID() != key.RKID() || loaded.HKID() != key.HKID() || !bytes.Equal(loaded.seed, key.seed) ||
		!bytes.Equal(loaded.macKey, key.macKey) || !bytes.Equal(loaded.EncapsulationKey(), key.EncapsulationKey()) {
		t.Fatal("the loaded key differs")
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".quantaseal-client-key-*"))
	if len(matches) != 0 {
		t.Fatalf("temporary files left: %v", matches)
	}
}

func TestClientKeyDestroy(t *testing.T) {
	key := testClientKey(t, "ck_a", "hk_a")
	seed, mac := key.seed, key.macKey
	key.Destroy()
	if !bytes.Equal(seed, make([]byte, 64)) || !bytes.Equal(mac, make([]byte, 64)) {
		t.Fatal("Destroy left the secrets in memory")
	}
	if err := key.Save(filepath.Join(t.TempDir(), "k.json")); err == nil {
		t.Fatal("a destroyed key was saved")
	}
}

// TestLoadSharedSampleAndOpenGoldenVector: docs/vectors/client-key-v1.json is the recipient of
// the first golden vector; loaded through LoadClientKey, the public Decrypt opens that envelope.
func TestLoadSharedSampleAndOpenGoldenVector(t *testing.T) {
	path, err := testvectors.Path("client-key-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	key, err := LoadClientKey(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := testvectors.LoadGolden()
	if err != nil {
		t.Fatal(err)
	}
	v := g.Vectors[0]
	if key.RKID() != v.RKID || key.HKID() != v.HKID {
		t.Fatalf("sample %v is not the first vector's recipient", key)
	}
	seed, _ := b64.Decode(v.SignerSeed)
	pk, _ := mldsa65.NewKeyFromSeed((*[32]byte)(seed))
	keysDoc, _ := json.Marshal(map[string]any{"keys": []map[string]string{{
		"skid": v.SKID, "alg": "ML-DSA-65", "public_key": b64.Encode(pk.Bytes()),
		"created_at": "2025-11-01T00:00:00Z", "status": "active",
	}}})
	f := newFakeAPI(t)
	f.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, "req_keys", string(keysDoc))
	})
	c, err := New(Options{BaseURL: f.srv.URL, APIKey: testAPIKey, ClientKey: key, Clock: func() time.Time { return time.Unix(v.IAT, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	pt, err := c.Encryption().Decrypt(context.Background(), v.Envelope, WithRequestID(v.RID))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := b64.Decode(v.Plaintext)
	if !bytes.Equal(pt, want) {
		t.Fatal("plaintext differs")
	}
}

func TestParseClientKeyRefuses(t *testing.T) {
	good := map[string]string{
		"format": ClientKeyFormat, "rkid": "ck_1", "hkid": "hk_1",
		"seed": b64.Encode(bytes.Repeat([]byte{1}, 64)), "mac_key": b64.Encode(bytes.Repeat([]byte{2}, 64)),
	}
	doc := func(edit func(map[string]string)) []byte {
		m := map[string]string{}
		for k, v := range good {
			m[k] = v
		}
		edit(m)
		b, _ := json.Marshal(m)
		return b
	}
	if _, err := ParseClientKey(doc(func(m map[string]string) { m["comment"] = "unknown members are ignored" })); err != nil {
		t.Fatalf("a good file: %v", err)
	}
	for name, data := range map[string][]byte{
		"other format":       doc(func(m map[string]string) { m["format"] = "quantaseal-client-key/v2" }),
		"no format":          doc(func(m map[string]string) { delete(m, "format") }),
		"no rkid":            doc(func(m map[string]string) { delete(m, "rkid") }),
		"no hkid":            doc(func(m map[string]string) { delete(m, "hkid") }),
		"empty rkid":         doc(func(m map[string]string) { m["rkid"] = "" }),
		"no seed":            doc(func(m map[string]string) { delete(m, "seed") }),
		"no mac_key":         doc(func(m map[string]string) { delete(m, "mac_key") }),
		"padded seed":        doc(func(m map[string]string) { m["seed"] += "==" }),
		"standard base64":    doc(func(m map[string]string) { m["seed"] = strings.Repeat("+", 85) + "A" }),
		"32-byte seed":       doc(func(m map[string]string) { m["seed"] = b64.Encode(make([]byte, 32)) }),
		"63-byte MAC key":    doc(func(m map[string]string) { m["mac_key"] = b64.Encode(make([]byte, 63)) }),
		"non-canonical seed": doc(func(m map[string]string) { m["seed"] = m["seed"][:85] + "B" }),
		"duplicate member":   []byte(strings.Replace(string(doc(func(map[string]string) {})), "{", `{"rkid":"ck_2",`, 1)),
		"not an object":      []byte(`["quantaseal-client-key/v1"]`),
		"not JSON":           []byte("rkid=ck_1"),
		"seed a number":      []byte(strings.Replace(string(doc(func(map[string]string) {})), `"seed":"`+good["seed"]+`"`, `"seed":1`, 1)),
	} {
		if _, err := ParseClientKey(data); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSecretsAreRedacted(t *testing.T) {
	key := testClientKey(t, "ck_a", "hk_a")
	secretSeed, secretMAC := b64.Encode(key.seed), b64.Encode(key.macKey)
	c, err := New(Options{BaseURL: "http://127.0.0.1:1", APIKey: "qs_test_SUPERSECRETAPIKEY000000000000000000000000000", ClientKey: key})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{APIKey: "qs_test_SUPERSECRETAPIKEY000000000000000000000000000", ClientKey: key}
	values := []any{
		c, *c, key, *key, opts, &opts,
		APIKeyCredential{APIKey: "dd-SECRET-1", AppKey: "dd-SECRET-2"},
		BearerTokenCredential{Token: "SECRET-token"},
		BasicAuthCredential{Username: "user", Password: "SECRET-pw"},
		OAuth2ClientCredentials{ClientID: "id", ClientSecret: "SECRET-cs"},
		RawCredential{Type: "x", Values: map[string]string{"k": "SECRET-raw"}},
		SealInput{Name: "dd", Credential: APIKeyCredential{APIKey: "dd-SECRET-1"}},
		&SealInput{Credential: BasicAuthCredential{Password: "SECRET-pw"}},
		RotateEntryInput{VaultEntryID: "v", Credential: BearerTokenCredential{Token: "SECRET-token"}},
		UnsealOutput{VaultEntryID: "v", Values: map[string]string{"api_key": "SECRET-unsealed"}},
		&UnsealOutput{Values: map[string]string{"api_key": "SECRET-unsealed"}},
		RegisterClientKeyOutput{RKID: "ck_a", HMACKey: []byte("SECRET-hmac-key-bytes")},
		CreateAPIKeyOutput{APIKey: APIKey{APIKeyID: "key_a"}, Key: "qs_test_SUPERSECRETNEWKEY"},
		&CreateAPIKeyOutput{Key: "qs_live_SUPERSECRETNEWKEY"},
		struct{ Key *ClientKey }{key},
		[]any{key, opts},
	}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := sprintf(verb, v)
			for _, secret := range []string{"SUPERSECRET", "SECRET-", secretSeed, secretMAC, "dd-SECRET", "U0VDUkVU" /* base64 of SECRET */} {
				if strings.Contains(out, secret) || strings.Contains(out, "5345435245") /* hex of SECRET */ {
					t.Errorf("%s of %T shows a secret: %s", verb, v, out)
				}
			}
		}
	}
	if s := key.String(); !strings.Contains(s, "ck_a") || !strings.Contains(s, "[REDACTED]") {
		t.Fatalf("%s", s)
	}
	if s := (SealInput{Credential: APIKeyCredential{APIKey: "x"}}).String(); !strings.Contains(s, "api_key: [REDACTED]") {
		t.Fatalf("the field names should stay visible: %s", s)
	}
}
