package quantaseal

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const proxyPlaintext = `{"integration_id":"int_1","operation":"send_event","upstream":{"status":202,"body":{"status":"ok","event":{"id":7}},"latency_ms":41},"audit_id":"aud_1"}`

// proxyHandler answers the proxy like the service: an envelope to the requested rkid, sealed by
// skid, with rid = X-Request-Id (unless rid is given), and status mirrored from Datadog.
func proxyHandler(f *fakeAPI, key *ClientKey, skid, headerRID, envRID string, status int, upstream bool, plaintext string) func(http.ResponseWriter, *http.Request, []byte) {
	return func(w http.ResponseWriter, r *http.Request, body []byte) {
		if envRID == "" {
			envRID = headerRID
		}
		env := f.seal(key, skid, envRID, f.now, []byte(plaintext))
		if upstream {
			w.Header().Set("X-QS-Source", "upstream")
		}
		writeJSON(w, status, headerRID, string(env))
	}
}

func outbound(c *Client) (*OutboundOutput, error) {
	return c.Proxy().Outbound(context.Background(), &OutboundInput{
		IntegrationID: "int_1", Operation: OperationSendEvent,
		Payload: map[string]any{"title": "t", "text": "x"},
	})
}

func TestOutboundOpensTheAnswer(t *testing.T) {
	f := newFakeAPI(t)
	key := testClientKey(t, "ck_a", "hk_a")
	f.setHandler(proxyHandler(f, key, "sk_test_1", "req_p1", "", 202, true, proxyPlaintext))
	c, _ := newTestClient(t, f, key)
	out, err := outbound(c)
	if err != nil {
		t.Fatal(err)
	}
	if out.Upstream.Status != 202 || out.AuditID != "aud_1" || out.IntegrationID != "int_1" || out.Operation != OperationSendEvent ||
		out.Upstream.LatencyMS != 41 || out.RequestID != "req_p1" {
		t.Fatalf("%+v", out)
	}
	var body struct {
		Event struct{ ID int } `json:"event"`
	}
	if err := out.Upstream.DecodeBody(&body); err != nil || body.Event.ID != 7 {
		t.Fatalf("body %s: %v", out.Upstream.Body, err)
	}
	reqs := f.apiRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	jsonEqual(t, reqs[0].Body, `{"integration_id":"int_1","operation":"send_event","payload":{"title":"t","text":"x"},"rkid":"ck_a"}`)
	if reqs[0].Header.Get("Idempotency-Key") == "" {
		t.Fatal("no generated Idempotency-Key on the proxy call")
	}
	// The server keys were fetched once; a second call uses the cache.
	if _, err := outbound(c); err != nil {
		t.Fatal(err)
	}
	if n := f.serverKeyGets(); n != 1 {
		t.Fatalf("server keys fetched %d times, want 1", n)
	}
}

func TestOutboundUpstreamErrorsAreAnswersNotErrors(t *testing.T) {
	for _, status := range []int{403, 429, 500, 503} {
		f := newFakeAPI(t)
		key := testClientKey(t, "ck_a", "hk_a")
		plain := strings.Replace(proxyPlaintext, `"status":202`, `"status":`+itoa(status), 1)
		f.setHandler(proxyHandler(f, key, "sk_test_1", "req_up", "", status, true, plain))
		c, waits := newTestClient(t, f, key)
		out, err := outbound(c)
		if err != nil {
			t.Fatalf("%d: %v", status, err)
		}
		if out.Upstream.Status != status || out.StatusCode != status {
			t.Fatalf("%d: %+v", status, out)
		}
		if n := len(f.apiRequests()); n != 1 || len(*waits) != 0 {
			t.Fatalf("%d: an upstream answer was retried (%d requests)", status, n)
		}
	}
}

func TestOutboundServiceErrorIsAPIError(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		writeJSON(w, 403, "req_deny", `{"error":{"code":"operation_not_allowed","message":"send_log is not allowed","request_id":"req_deny"}}`)
	})
	c, _ := newTestClient(t, f, testClientKey(t, "ck_a", "hk_a"))
	_, err := outbound(c)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != CodeOperationNotAllowed || apiErr.StatusCode != 403 {
		t.Fatalf("%v", err)
	}
}

// TestAnswerBinding: an envelope must carry the X-Request-Id of its answer and the held rkid.
func TestAnswerBinding(t *testing.T) {
	key := testClientKey(t, "ck_a", "hk_a")
	other := testClientKey(t, "ck_other", "hk_a")
	for _, tc := range []struct {
		name                string
		sealTo              *ClientKey
		headerRID, envRID   string
		skid                string
		iat                 time.Duration
		wantInvalidEnvelope bool
	}{
		{"bound", key, "req_1", "req_1", "sk_test_1", 0, false},
		{"rid of another request", key, "req_1", "req_2", "sk_test_1", 0, true},
		{"no X-Request-Id", key, "", "req_2", "sk_test_1", 0, true},
		{"sealed to another client key", other, "req_1", "req_1", "sk_test_1", 0, true},
		{"signed by a key the service does not list", key, "req_1", "req_1", "sk_forged", 0, true},
		{"iat 10 minutes old", key, "req_1", "req_1", "sk_test_1", -10 * time.Minute, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPI(t)
			f.setHandler(func(w http.ResponseWriter, r *http.Request, _ []byte) {
				env := f.seal(tc.sealTo, tc.skid, tc.envRID, f.now.Add(tc.iat), []byte(proxyPlaintext))
				w.Header().Set("X-QS-Source", "upstream")
				if tc.headerRID == "" {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(202)
					_, _ = w.Write(env)
					return
				}
				writeJSON(w, 202, tc.headerRID, string(env))
			})
			c, _ := newTestClient(t, f, key)
			out, err := outbound(c)
			if !tc.wantInvalidEnvelope {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidEnvelope) || out != nil {
				t.Fatalf("%v", err)
			}
			if err.Error() != "quantaseal: invalid envelope" {
				t.Fatalf("the error says more than 'invalid envelope': %q", err)
			}
		})
	}
}

func TestServerKeyRotationRefetchesOnce(t *testing.T) {
	f := newFakeAPI(t)
	key := testClientKey(t, "ck_a", "hk_a")
	c, _ := newTestClient(t, f, key)
	ctx := context.Background()
	env1 := f.seal(key, "sk_test_1", "req_1", f.now, []byte("one"))
	if pt, err := c.Encryption().Decrypt(ctx, env1); err != nil || string(pt) != "one" {
		t.Fatalf("%q %v", pt, err)
	}
	if f.serverKeyGets() != 1 {
		t.Fatal("server keys not fetched once")
	}
	// The service rotates: a new skid appears; the client refetches once and opens.
	f.addSigner("sk_test_2")
	env2 := f.seal(key, "sk_test_2", "req_2", f.now, []byte("two"))
	if pt, err := c.Encryption().Decrypt(ctx, env2); err != nil || string(pt) != "two" {
		t.Fatalf("%q %v", pt, err)
	}
	if n := f.serverKeyGets(); n != 2 {
		t.Fatalf("%d fetches after the rotation, want 2", n)
	}
	// Both keys are cached now.
	for _, env := range [][]byte{env1, env2} {
		if _, err := c.Encryption().Decrypt(ctx, env); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.serverKeyGets(); n != 2 {
		t.Fatalf("%d fetches, want 2", n)
	}
	// An unknown skid: exactly one more fetch, then the one error.
	env3 := f.seal(key, "sk_unknown", "req_3", f.now, []byte("three"))
	if _, err := c.Encryption().Decrypt(ctx, env3); !errors.Is(err, ErrInvalidEnvelope) {
		t.Fatalf("%v", err)
	}
	if n := f.serverKeyGets(); n != 3 {
		t.Fatalf("%d fetches after an unknown skid, want 3", n)
	}
	// A copy made with WithClientKey shares the cache.
	if _, err := c.WithClientKey(key).Encryption().Decrypt(ctx, env2); err != nil || f.serverKeyGets() != 3 {
		t.Fatalf("%v, %d fetches", err, f.serverKeyGets())
	}
}

func TestConcurrentDecryptsShareOneFetch(t *testing.T) {
	f := newFakeAPI(t)
	key := testClientKey(t, "ck_a", "hk_a")
	c, _ := newTestClient(t, f, key)
	env := f.seal(key, "sk_test_1", "req_1", f.now, []byte("x"))
	var wg sync.WaitGroup
	var failures int32
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Encryption().Decrypt(context.Background(), env); err != nil {
				atomic.AddInt32(&failures, 1)
			}
		}()
	}
	wg.Wait()
	if failures != 0 || f.serverKeyGets() != 1 {
		t.Fatalf("%d failures, %d fetches", failures, f.serverKeyGets())
	}
}

func TestDecryptOptionsAndClock(t *testing.T) {
	f := newFakeAPI(t)
	key := testClientKey(t, "ck_a", "hk_a")
	env := f.seal(key, "sk_test_1", "req_9", f.now.Add(-100*time.Second), []byte("x"))
	ctx := context.Background()
	c, _ := newTestClient(t, f, key)
	if _, err := c.Encryption().Decrypt(ctx, env, WithRequestID("req_9")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Encryption().Decrypt(ctx, env, WithRequestID("req_8")); !errors.Is(err, ErrInvalidEnvelope) {
		t.Fatalf("another request id: %v", err)
	}
	strict, _ := newTestClient(t, f, key, func(o *Options) { o.MaxClockSkew = 60 * time.Second })
	if _, err := strict.Encryption().Decrypt(ctx, env); !errors.Is(err, ErrInvalidEnvelope) {
		t.Fatalf("100 s old with a 60 s skew: %v", err)
	}
	later, _ := newTestClient(t, f, key, func(o *Options) { o.Clock = func() time.Time { return f.now.Add(time.Hour) } })
	if _, err := later.Encryption().Decrypt(ctx, env); !errors.Is(err, ErrInvalidEnvelope) {
		t.Fatalf("an hour later: %v", err)
	}
	// A raw JSON message works as it is, inside another document.
	var doc struct{ Envelope json.RawMessage }
	_ = json.Unmarshal([]byte(`{"Envelope":`+string(env)+`}`), &doc)
	if pt, err := c.Encryption().Decrypt(ctx, doc.Envelope); err != nil || string(pt) != "x" {
		t.Fatalf("%v", err)
	}
	for _, bad := range []string{"", "null", "[]", `"text"`, "{", string(env) + "x"} {
		if _, err := c.Encryption().Decrypt(ctx, []byte(bad)); !errors.Is(err, ErrInvalidEnvelope) {
			t.Fatalf("%q: %v", bad, err)
		}
	}
}

func TestServerKeysUnavailableIsNotAnInvalidEnvelope(t *testing.T) {
	key := testClientKey(t, "ck_a", "hk_a")
	f := newFakeAPI(t)
	env := f.seal(key, "sk_test_1", "req_1", f.now, []byte("x"))
	c, err := New(Options{BaseURL: f.srv.URL, APIKey: "qs_test_wrong", ClientKey: key, Clock: func() time.Time { return f.now }})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Encryption().Decrypt(context.Background(), env)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != CodeInvalidAPIKey || errors.Is(err, ErrInvalidEnvelope) {
		t.Fatalf("%v", err)
	}
}

func TestUnseal(t *testing.T) {
	f := newFakeAPI(t)
	key := testClientKey(t, "ck_a", "hk_a")
	plain := `{"vault_entry_id":"vlt_1","credential_type":"api_key","version":3,"values":{"api_key":"dd-secret-key"}}`
	f.setHandler(proxyHandler(f, key, "sk_test_1", "req_u", "", 200, false, plain))
	c, _ := newTestClient(t, f, key)
	out, err := c.Vault().Unseal(context.Background(), &UnsealInput{VaultEntryID: "vlt_1"})
	if err != nil {
		t.Fatal(err)
	}
	if out.Values["api_key"] != "dd-secret-key" || out.Version != 3 || out.CredentialType != CredentialTypeAPIKey || out.RequestID != "req_u" {
		t.Fatalf("%v", out)
	}
	r := f.apiRequests()[0]
	jsonEqual(t, r.Body, `{"vault_entry_id":"vlt_1","rkid":"ck_a"}`)
	if r.Path != "/api/v2/vault/unseal" || r.Header.Get("Idempotency-Key") == "" {
		t.Fatalf("%+v", r)
	}
}

func TestCreateClientKeyRegistersALocalKeyPair(t *testing.T) {
	f := newFakeAPI(t)
	var got string
	f.setHandler(func(w http.ResponseWriter, r *http.Request, body []byte) {
		var b struct {
			PublicKey string `json:"public_key"`
		}
		_ = json.Unmarshal(body, &b)
		got = b.PublicKey
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, 201, "req_ck", `{"rkid":"ck_new","hkid":"hk_new","hmac_key":"`+strings.Repeat("A", 86)+`","created_at":"2026-12-01T10:00:00Z"}`)
	})
	c, _ := newTestClient(t, f, nil)
	key, err := c.Encryption().CreateClientKey(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if key.RKID() != "ck_new" || key.HKID() != "hk_new" || len(got) != 1579 {
		t.Fatalf("%v, public key of %d characters", key, len(got))
	}
	if got != b64Encode(key.EncapsulationKey()) {
		t.Fatal("the registered public key is not the key's encapsulation key")
	}
	// The key opens what the service seals to it.
	env := f.seal(key, "sk_test_1", "req_1", f.now, []byte("hello"))
	if pt, err := c.WithClientKey(key).Encryption().Decrypt(context.Background(), env); err != nil || string(pt) != "hello" {
		t.Fatalf("%v", err)
	}
	// Two keys are two seeds.
	key2, _ := c.Encryption().CreateClientKey(context.Background(), nil)
	if string(key2.EncapsulationKey()) == string(key.EncapsulationKey()) {
		t.Fatal("two client keys share a seed")
	}
}

func TestRegistrationAnswerWithABadMACKeyIsAnError(t *testing.T) {
	for _, mac := range []string{strings.Repeat("A", 85), strings.Repeat("A", 85) + "B", strings.Repeat("A", 86) + "==", ""} {
		f := newFakeAPI(t)
		f.setHandler(func(w http.ResponseWriter, r *http.Request, body []byte) {
			writeJSON(w, 201, "req_ck", `{"rkid":"ck_new","hkid":"hk_new","hmac_key":"`+mac+`","created_at":"2026-12-01T10:00:00Z"}`)
		})
		c, _ := newTestClient(t, f, nil)
		if _, err := c.Encryption().CreateClientKey(context.Background(), nil); err == nil {
			t.Fatalf("hmac_key %q accepted", mac)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
