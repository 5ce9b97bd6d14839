package quantaseal

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryOptions say how a call that failed with 429, a 5xx or a network error is retried. Only
// calls that are safe to repeat are retried: GET and DELETE, and POSTs that carry an
// Idempotency-Key (Vault.Seal, Vault.Unseal and Proxy.Outbound always do; the SDK makes one).
// Client-key registration is never retried: its MAC key is shown once, and a replay is 409.
//
// Between attempts the client waits the server's Retry-After when it gives one (a Retry-After
// longer than MaxRetryAfter ends the retries: the error is returned, with APIError.RetryAfter
// set), otherwise an exponential backoff with full jitter: a uniformly random wait in
// [0, min(MaxBackoff, BaseDelay·2^(attempt−1))].
type RetryOptions struct {
	MaxAttempts   int           // attempts in all, the first included; default 3; 1 turns retries off
	BaseDelay     time.Duration // default 200 ms
	MaxBackoff    time.Duration // longest computed wait; default 20 s
	MaxRetryAfter time.Duration // longest Retry-After honoured; default 30 s
}

func (r RetryOptions) withDefaults() RetryOptions {
	if r.MaxAttempts <= 0 {
		r.MaxAttempts = 3
	}
	if r.BaseDelay <= 0 {
		r.BaseDelay = 200 * time.Millisecond
	}
	if r.MaxBackoff <= 0 {
		r.MaxBackoff = 20 * time.Second
	}
	if r.MaxRetryAfter <= 0 {
		r.MaxRetryAfter = 30 * time.Second
	}
	return r
}

// backoff is the full-jitter wait before attempt+1 (attempt counts from 1).
func (r RetryOptions) backoff(attempt int) time.Duration {
	ceiling := r.MaxBackoff
	if attempt-1 < 62 {
		if d := r.BaseDelay << (attempt - 1); d > 0 && d < ceiling {
			ceiling = d
		}
	}
	return rand.N(ceiling + 1)
}

// retryableStatus: 429 and every 5xx but 501 (Not Implemented will not change by waiting).
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || (status >= 500 && status <= 599 && status != http.StatusNotImplemented)
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP date; ok is false without one.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

func sleepCtx(done <-chan struct{}, d time.Duration) bool {
	if d <= 0 {
		select {
		case <-done:
			return false
		default:
			return true
		}
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return false
	case <-t.C:
		return true
	}
}
