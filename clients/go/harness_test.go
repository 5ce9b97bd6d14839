package quantaseal

import (
	"bytes"
	"crypto/mlkem"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/envelopetest"
	"github.com/quantaseal/quantaseal-go/internal/testvectors"
)

const testAPIKey = "qs_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

// recorded is one request the fake API received.
type recorded struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// fakeAPI is a loopback HTTP server that answers like QuantaSeal: each test gives the handler;
// it holds a signing key (skid) and can seal envelopes to a client key like the service does.
type fakeAPI struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	requests []recorded
	handle   func(w http.ResponseWriter, r *http.Request, body []byte)

	signers map[string]*mldsa65.PrivateKey // skid → key, listed by server-keys
	retired map[string][]byte              // skid → public key, listed only with include_retired=true
	keyGets int                            // GET server-keys served
	now     time.Time
}

func newFakeAPI(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, signers: map[string]*mldsa65.PrivateKey{}, now: time.Unix(1_800_000_000, 0)}
	f.addSigner("sk_test_1")
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body})
		handle := f.handle
		f.mu.Unlock()
		if r.Header.Get("X-API-Key") != testAPIKey {
			writeJSON(w, 403, "req_denied", `{"error":{"code":"invalid_api_key","message":"no","request_id":"req_denied"}}`)
			return
		}
		if r.Method == "GET" && r.URL.Path == "/api/v2/encryption/server-keys" {
			f.mu.Lock()
			f.keyGets++
			f.mu.Unlock()
			writeJSON(w, 200, "req_keys", f.serverKeysJSON(r.URL.Query().Get("include_retired") == "true"))
			return
		}
		if handle == nil {
			writeJSON(w, 404, "req_nf", `{"error":{"code":"not_found","message":"no route","request_id":"req_nf"}}`)
			return
		}
		handle(w, r, body)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) addSigner(skid string) *mldsa65.PrivateKey {
	_, sk, err := mldsa65.GenerateKey(nil)
	if err != nil {
		f.t.Fatal(err)
	}
	f.mu.Lock()
	f.signers[skid] = sk
	f.mu.Unlock()
	return sk
}

func (f *fakeAPI) serverKeysJSON(includeRetired bool) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	type key struct {
		SKID      string `json:"skid"`
		Alg       string `json:"alg"`
		PublicKey string `json:"public_key"`
		CreatedAt string `json:"created_at"`
		Status    string `json:"status"`
	}
	var keys []key
	for skid, sk := range f.signers {
		keys = append(keys, key{skid, "ML-DSA-65", b64.Encode(sk.Public().(*mldsa65.PublicKey).Bytes()), "2026-11-01T00:00:00Z", "active"})
	}
	if includeRetired {
		for skid, pk := range f.retired {
			keys = append(keys, key{skid, "ML-DSA-65", b64.Encode(pk), "2026-10-01T00:00:00Z", "retired"})
		}
	}
	b, _ := json.Marshal(map[string]any{"keys": keys})
	return string(b)
}

func (f *fakeAPI) serverKeyGets() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.keyGets
}

func (f *fakeAPI) setHandler(h func(w http.ResponseWriter, r *http.Request, body []byte)) {
	f.mu.Lock()
	f.handle = h
	f.mu.Unlock()
}

func (f *fakeAPI) received() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

// apiRequests are the received requests other than server-key fetches.
func (f *fakeAPI) apiRequests() []recorded {
	var out []recorded
	for _, r := range f.received() {
		if r.Path != "/api/v2/encryption/server-keys" {
			out = append(out, r)
		}
	}
	return out
}

// seal makes an envelope like the service: to key, signed by skid, with rid and iat.
func (f *fakeAPI) seal(key *ClientKey, skid, rid string, iat time.Time, plaintext []byte) []byte {
	f.t.Helper()
	f.mu.Lock()
	sk := f.signers[skid]
	f.mu.Unlock()
	if sk == nil {
		_, sk, _ = mldsa65.GenerateKey(nil) // a signer the service does not list
	}
	ek, err := mlkem.NewEncapsulationKey768(key.EncapsulationKey())
	if err != nil {
		f.t.Fatal(err)
	}
	e, err := envelopetest.Seal(envelopetest.Inputs{
		RID: rid, IAT: iat.Unix(), RKID: key.RKID(), SKID: skid, HKID: key.HKID(),
		Recipient: ek, Signer: sk, MACKey: key.macKey, Plaintext: plaintext,
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return envelopetest.JSON(e)
}

func writeJSON(w http.ResponseWriter, status int, rid, body string) {
	w.Header().Set("Content-Type", "application/json")
	if rid != "" {
		w.Header().Set("X-Request-Id", rid)
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// newTestClient is a client of f whose waits between retries are recorded, not slept.
func newTestClient(t *testing.T, f *fakeAPI, key *ClientKey, optFns ...func(*Options)) (*Client, *[]time.Duration) {
	t.Helper()
	opts := Options{BaseURL: f.srv.URL, APIKey: testAPIKey, ClientKey: key, Clock: func() time.Time { return f.now }}
	c, err := New(opts, optFns...)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	waits := &[]time.Duration{}
	c.sleep = func(done <-chan struct{}, d time.Duration) bool {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		select {
		case <-done:
			return false
		default:
			return true
		}
	}
	return c, waits
}

// testClientKey is a client key made here (not registered anywhere).
func testClientKey(t *testing.T, rkid, hkid string) *ClientKey {
	t.Helper()
	seed := bytes.Repeat([]byte{byte(len(rkid))}, 64)
	mac := bytes.Repeat([]byte{0x5a}, 64)
	k, err := NewClientKey(rkid, hkid, seed, mac)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// jsonEqual compares two JSON texts as values.
func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("request body is not JSON: %q", got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want: %v", err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(gb, wb) {
		t.Fatalf("body %s, want %s", gb, wb)
	}
}

// repoFile is a file of the QuantaSeal repository (found from docs/vectors).
func repoFile(t *testing.T, rel string) string {
	t.Helper()
	d, err := testvectors.Dir()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(filepath.Dir(filepath.Dir(d)), filepath.FromSlash(rel))
}

func b64Encode(b []byte) string { return b64.Encode(b) }

func sprintf(format string, v any) string { return fmt.Sprintf(format, v) }
