package quantaseal

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// failing answers status (with headers) the first n times, then 200 with body.
func failing(n int, status int, header map[string]string, body string) (func(http.ResponseWriter, *http.Request, []byte), *int32) {
	var calls int32
	return func(w http.ResponseWriter, r *http.Request, _ []byte) {
		if int(atomic.AddInt32(&calls, 1)) <= n {
			for k, v := range header {
				w.Header().Set(k, v)
			}
			writeJSON(w, status, "req_fail", `{"error":{"code":"rate_limited","message":"slow down","request_id":"req_fail"}}`)
			return
		}
		writeJSON(w, 200, "req_ok", body)
	}, &calls
}

func TestAPIError(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		writeJSON(w, 404, "req_hdr", `{"error":{"code":"not_found","message":"No such vault entry.","request_id":"req_body"}}`)
	})
	c, _ := newTestClient(t, f, nil)
	_, err := c.Vault().GetEntry(context.Background(), &GetEntryInput{VaultEntryID: "vlt_x"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%T %v", err, err)
	}
	if apiErr.StatusCode != 404 || apiErr.Code != CodeNotFound || apiErr.Message != "No such vault entry." || apiErr.RequestID != "req_body" {
		t.Fatalf("%+v", apiErr)
	}
	if got := apiErr.Error(); got != "quantaseal: HTTP 404 not_found: No such vault entry. (request id req_body)" {
		t.Fatalf("Error() = %q", got)
	}
	if len(f.received()) != 1 {
		t.Fatal("a 404 was retried")
	}
}

func TestAPIErrorWithoutErrorBody(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		w.Header().Set("X-Amzn-Requestid", "abc-123")
		w.WriteHeader(400)
		_, _ = w.Write([]byte("<html>secret-looking body</html>"))
	})
	c, _ := newTestClient(t, f, nil)
	_, err := c.Integrations().List(context.Background(), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Code != "" || apiErr.RequestID != "req_abc-123" {
		t.Fatalf("%v", err)
	}
	if strings.Contains(err.Error(), "secret-looking") {
		t.Fatal("the body of an unknown answer is echoed in the error")
	}
}

func TestRetriesGETOn5xxAnd429(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504} {
		f := newFakeAPI(t)
		h, calls := failing(2, status, nil, `{"entries":[]}`)
		f.setHandler(h)
		c, waits := newTestClient(t, f, nil, func(o *Options) { o.Retry.BaseDelay = 100 * time.Millisecond })
		out, err := c.Vault().ListEntries(context.Background(), nil)
		if err != nil {
			t.Fatalf("%d: %v", status, err)
		}
		if *calls != 3 || out.RequestID != "req_ok" {
			t.Fatalf("%d: %d calls", status, *calls)
		}
		// full jitter: each wait in [0, base·2^(attempt−1)]
		if len(*waits) != 2 || (*waits)[0] > 100*time.Millisecond || (*waits)[1] > 200*time.Millisecond || (*waits)[0] < 0 {
			t.Fatalf("%d: waits %v", status, *waits)
		}
	}
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	f := newFakeAPI(t)
	h, calls := failing(100, 503, nil, `{}`)
	f.setHandler(h)
	c, _ := newTestClient(t, f, nil, func(o *Options) { o.Retry.MaxAttempts = 4 })
	_, err := c.Integrations().Get(context.Background(), &GetIntegrationInput{IntegrationID: "int_1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
		t.Fatalf("%v", err)
	}
	if *calls != 4 {
		t.Fatalf("%d attempts, want 4", *calls)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	f := newFakeAPI(t)
	h, calls := failing(1, 429, map[string]string{"Retry-After": "7"}, `{"integrations":[]}`)
	f.setHandler(h)
	c, waits := newTestClient(t, f, nil)
	if _, err := c.Integrations().List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if *calls != 2 || len(*waits) != 1 || (*waits)[0] != 7*time.Second {
		t.Fatalf("%d calls, waits %v; want a 7 s wait", *calls, *waits)
	}
}

func TestRetryAfterAsHTTPDate(t *testing.T) {
	f := newFakeAPI(t)
	at := f.now.Add(4 * time.Second).UTC().Format(http.TimeFormat)
	h, _ := failing(1, 503, map[string]string{"Retry-After": at}, `{"integrations":[]}`)
	f.setHandler(h)
	c, waits := newTestClient(t, f, nil)
	if _, err := c.Integrations().List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if len(*waits) != 1 || (*waits)[0] != 4*time.Second {
		t.Fatalf("waits %v, want 4 s", *waits)
	}
}

func TestRetryAfterOverTheCapEndsRetries(t *testing.T) {
	f := newFakeAPI(t)
	h, calls := failing(1, 429, map[string]string{"Retry-After": "120"}, `{}`)
	f.setHandler(h)
	c, waits := newTestClient(t, f, nil, func(o *Options) { o.Retry.MaxRetryAfter = time.Minute })
	_, err := c.Integrations().List(context.Background(), nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != CodeRateLimited || apiErr.RetryAfter != 120*time.Second {
		t.Fatalf("%v", err)
	}
	if *calls != 1 || len(*waits) != 0 {
		t.Fatalf("%d calls, waits %v", *calls, *waits)
	}
}

func TestIdempotentPOSTRetriesWithTheSameKey(t *testing.T) {
	f := newFakeAPI(t)
	h, calls := failing(2, 502, nil, entryJSON)
	f.setHandler(h)
	c, _ := newTestClient(t, f, nil)
	if _, err := c.Vault().Seal(context.Background(), &SealInput{Credential: APIKeyCredential{APIKey: "k"}}); err != nil {
		t.Fatal(err)
	}
	reqs := f.received()
	if *calls != 3 || len(reqs) != 3 {
		t.Fatalf("%d calls", *calls)
	}
	key := reqs[0].Header.Get("Idempotency-Key")
	for _, r := range reqs {
		if r.Header.Get("Idempotency-Key") != key || key == "" {
			t.Fatal("the retries did not carry the same Idempotency-Key")
		}
		jsonEqual(t, r.Body, `{"credential_type":"api_key","values":{"api_key":"k"}}`)
	}
}

func TestNonIdempotentCallsAreNotRetried(t *testing.T) {
	ctx := context.Background()
	for name, call := range map[string]func(*Client) error{
		"PATCH": func(c *Client) error {
			_, err := c.Integrations().Update(ctx, &UpdateIntegrationInput{IntegrationID: "int_1", Name: String("n")})
			return err
		},
		"POST without Idempotency-Key": func(c *Client) error {
			_, err := c.Integrations().Create(ctx, &CreateIntegrationInput{CredentialID: "v", Config: IntegrationConfig{Site: DatadogSiteUS1}})
			return err
		},
		"client-key registration, even with an Idempotency-Key": func(c *Client) error {
			_, err := c.Encryption().RegisterClientKey(ctx, &RegisterClientKeyInput{PublicKey: make([]byte, 1184), IdempotencyKey: "k"})
			return err
		},
		"rotate without Idempotency-Key": func(c *Client) error {
			_, err := c.Vault().RotateEntry(ctx, &RotateEntryInput{VaultEntryID: "v", Credential: BearerTokenCredential{Token: "t"}})
			return err
		},
	} {
		f := newFakeAPI(t)
		h, calls := failing(5, 503, nil, `{}`)
		f.setHandler(h)
		c, _ := newTestClient(t, f, nil)
		if err := call(c); err == nil {
			t.Fatalf("%s: no error", name)
		}
		if *calls != 1 {
			t.Errorf("%s: %d attempts, want 1", name, *calls)
		}
	}
}

func TestNetworkErrorsAreRetried(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	var accepted int32
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			atomic.AddInt32(&accepted, 1)
			_ = conn.Close() // the connection drops before any answer
		}
	}()
	defer l.Close()
	c, err := New(Options{BaseURL: "http://" + addr, APIKey: testAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	c.sleep = func(<-chan struct{}, time.Duration) bool { return true }
	_, err = c.Vault().ListEntries(context.Background(), nil)
	var apiErr *APIError
	if err == nil || errors.As(err, &apiErr) {
		t.Fatalf("%v", err)
	}
	if n := atomic.LoadInt32(&accepted); n != 3 {
		t.Fatalf("%d connections, want 3 attempts", n)
	}
}

func TestContextCancelStopsRetrying(t *testing.T) {
	f := newFakeAPI(t)
	h, calls := failing(100, 503, nil, `{}`)
	f.setHandler(h)
	c, _ := newTestClient(t, f, nil, func(o *Options) { o.Retry.MaxAttempts = 50 })
	ctx, cancel := context.WithCancel(context.Background())
	c.sleep = func(done <-chan struct{}, d time.Duration) bool {
		cancel()
		<-done
		return false
	}
	_, err := c.Vault().ListEntries(ctx, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%v", err)
	}
	if *calls != 1 {
		t.Fatalf("%d attempts after cancel", *calls)
	}
}

func TestBackoffIsFullJitterWithinTheCap(t *testing.T) {
	r := RetryOptions{BaseDelay: time.Second, MaxBackoff: 5 * time.Second}.withDefaults()
	var sawLow, sawHigh bool
	for i := 0; i < 2000; i++ {
		for attempt, ceiling := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 4: 5 * time.Second, 80: 5 * time.Second} {
			d := r.backoff(attempt)
			if d < 0 || d > ceiling {
				t.Fatalf("attempt %d: %v outside [0, %v]", attempt, d, ceiling)
			}
			if attempt == 4 {
				sawLow = sawLow || d < 500*time.Millisecond
				sawHigh = sawHigh || d > 4500*time.Millisecond
			}
		}
	}
	if !sawLow || !sawHigh {
		t.Fatal("the waits do not spread over [0, cap]")
	}
}
