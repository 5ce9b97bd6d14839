package quantaseal

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxResponseBytes bounds what the client reads of one answer: the largest envelope the service
// writes (8 MiB of ciphertext as base64url, and its header) fits with room to spare.
const maxResponseBytes = 16 << 20

// ResultMetadata describes the HTTP answer a result came in.
type ResultMetadata struct {
	RequestID  string // X-Request-Id (req_…)
	StatusCode int    // the HTTP status
	Replayed   bool   // Idempotent-Replayed: the stored answer of an earlier call with the same Idempotency-Key
}

// request is one API call, before it is sent (one request/transport layer for every operation).
type request struct {
	op             string // the operationId, for error messages
	method         string
	path           string // escaped, from /api/v2/
	query          url.Values
	body           any // JSON-encoded when non-nil
	idempotencyKey string
	retry          bool // safe to repeat: GET, DELETE, or a POST with an Idempotency-Key
	upstream       bool // an answer with X-QS-Source: upstream is a result whatever its status
}

type response struct {
	status   int
	header   http.Header
	body     []byte
	upstream bool
	meta     ResultMetadata
}

// errTooLarge marks an answer over maxResponseBytes: not retried.
var errTooLarge = errors.New("answer larger than 16 MiB")

// send performs r with the client's retry policy and returns a 2xx answer (or an upstream one
// when r.upstream), an *APIError, or a transport error.
func (c *Client) send(ctx context.Context, r request) (*response, error) {
	var body []byte
	if r.body != nil {
		var err error
		if body, err = json.Marshal(r.body); err != nil {
			return nil, fmt.Errorf("quantaseal: %s: encoding the request: %w", r.op, err)
		}
		defer clear(body) // it may hold a credential
	}
	for attempt := 1; ; attempt++ {
		resp, err := c.attempt(ctx, r, body)
		last := !r.retry || attempt >= c.retry.MaxAttempts
		wait := c.retry.backoff(attempt)
		switch {
		case err != nil:
			if ctxErr := ctx.Err(); ctxErr != nil {
				return nil, fmt.Errorf("quantaseal: %s: %w", r.op, ctxErr)
			}
			if last || errors.Is(err, errTooLarge) {
				return nil, fmt.Errorf("quantaseal: %s: %w", r.op, err)
			}
		case resp.status/100 == 2 || (r.upstream && resp.upstream):
			return resp, nil
		default:
			apiErr := c.apiError(resp)
			if last || !retryableStatus(resp.status) {
				return nil, apiErr
			}
			if d, ok := parseRetryAfter(resp.header.Get("Retry-After"), c.clock()); ok {
				if d > c.retry.MaxRetryAfter {
					return nil, apiErr
				}
				wait = d
			}
		}
		if !c.sleep(ctx.Done(), wait) {
			return nil, fmt.Errorf("quantaseal: %s: %w", r.op, ctx.Err())
		}
	}
}

func (c *Client) attempt(ctx context.Context, r request, body []byte) (*response, error) {
	u := c.baseURL.String() + r.path
	if len(r.query) > 0 {
		u += "?" + r.query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-API-Key", c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.idempotencyKey != "" {
		req.Header.Set("Idempotency-Key", r.idempotencyKey)
	}
	hr, err := c.httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer hr.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hr.Body, maxResponseBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxResponseBytes {
		return nil, errTooLarge
	}
	return &response{
		status:   hr.StatusCode,
		header:   hr.Header,
		body:     data,
		upstream: hr.Header.Get("X-QS-Source") == "upstream",
		meta: ResultMetadata{
			RequestID:  hr.Header.Get("X-Request-Id"),
			StatusCode: hr.StatusCode,
			Replayed:   hr.Header.Get("Idempotent-Replayed") == "true",
		},
	}, nil
}

// apiError reads the contract's error body; anything else becomes an APIError without a code.
func (c *Client) apiError(resp *response) *APIError {
	e := &APIError{StatusCode: resp.status, RequestID: resp.meta.RequestID}
	var b struct {
		Error *struct {
			Code      string `json:"code"`
			Message   string `json:"message"`
			RequestID string `json:"request_id"`
		} `json:"error"`
	}
	if json.Unmarshal(resp.body, &b) == nil && b.Error != nil && b.Error.Code != "" {
		e.Code, e.Message = b.Error.Code, b.Error.Message
		if b.Error.RequestID != "" {
			e.RequestID = b.Error.RequestID
		}
	} else {
		e.Message = http.StatusText(resp.status)
	}
	if e.RequestID == "" {
		if id := resp.header.Get("X-Amzn-Requestid"); id != "" {
			e.RequestID = "req_" + id
		}
	}
	if d, ok := parseRetryAfter(resp.header.Get("Retry-After"), c.clock()); ok {
		e.RetryAfter = d
	}
	return e
}

// decode reads a JSON answer into out (unknown members are ignored: the API may grow).
func decode(op string, resp *response, out any) error {
	if err := json.Unmarshal(resp.body, out); err != nil {
		return fmt.Errorf("quantaseal: %s: unexpected answer (HTTP %d, request id %s): %w", op, resp.status, resp.meta.RequestID, err)
	}
	return nil
}

// newIdempotencyKey is 128 random bits, printable ASCII as the API requires.
func newIdempotencyKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return "qsgo-" + hex.EncodeToString(b[:])
}

// idempotencyKey validates a caller's key (1–255 printable ASCII) or, when generate, makes one.
func idempotencyKey(op, given string, generate bool) (string, error) {
	if given == "" {
		if generate {
			return newIdempotencyKey(), nil
		}
		return "", nil
	}
	if len(given) > 255 {
		return "", fmt.Errorf("quantaseal: %s: IdempotencyKey is longer than 255 characters", op)
	}
	for i := 0; i < len(given); i++ {
		if given[i] < '!' || given[i] > '~' {
			return "", fmt.Errorf("quantaseal: %s: IdempotencyKey must be printable ASCII without spaces", op)
		}
	}
	return given, nil
}

// required checks that an id parameter is present before anything is sent.
func required(op, field, v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("quantaseal: %s: %s is required", op, field)
	}
	return nil
}

// pathID escapes one path segment.
func pathID(id string) string { return url.PathEscape(id) }

// listQuery is the limit/cursor of a list call.
func listQuery(limit int, cursor string) url.Values {
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", fmt.Sprint(limit))
	}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return q
}

// forceQuery is ?force=true when force.
func forceQuery(force bool) url.Values {
	if !force {
		return nil
	}
	return url.Values{"force": {"true"}}
}
