package quantaseal

import (
	"errors"
	"fmt"
	"time"

	"github.com/quantaseal/quantaseal-go/internal/envelope"
)

// ErrInvalidEnvelope is returned (match it with errors.Is) for every envelope that does not open:
// malformed, tampered, signed or MACed with an unknown or wrong key, outside the clock skew, sent
// to another client key, or bound to another request. By design it never says which check failed.
var ErrInvalidEnvelope = envelope.ErrInvalid

// ErrNoClientKey is returned by calls that need a client key (Decrypt, Vault.Unseal,
// Proxy.Outbound) on a client without one; see Client.WithClientKey.
var ErrNoClientKey = errors.New("quantaseal: no client key (create or load one, then use Client.WithClientKey)")

// Error codes of the API's error body (docs/openapi.yaml, components.schemas.ErrorCode).
const (
	CodeInvalidRequest       = "invalid_request"
	CodeMissingAPIKey        = "missing_api_key"
	CodeInvalidAPIKey        = "invalid_api_key"
	CodeOperationNotAllowed  = "operation_not_allowed"
	CodeNotFound             = "not_found"
	CodeIdempotencyConflict  = "idempotency_conflict"
	CodeResourceInUse        = "resource_in_use"
	CodePayloadTooLarge      = "payload_too_large"
	CodeUnsupportedMediaType = "unsupported_media_type"
	CodeCredentialRejected   = "credential_rejected"
	CodeRateLimited          = "rate_limited"
	CodeUpstreamUnreachable  = "upstream_unreachable"
	CodeKeyUnavailable       = "key_unavailable"
	CodeInternalError        = "internal_error"
)

// APIError is an error answer of the QuantaSeal API: {"error":{"code","message","request_id"}}.
// Match it with errors.As:
//
//	var apiErr *quantaseal.APIError
//	if errors.As(err, &apiErr) && apiErr.Code == quantaseal.CodeNotFound { … }
type APIError struct {
	StatusCode int    // the HTTP status
	Code       string // one of the Code… constants; empty when the body was not an error body
	Message    string // the service's human sentence (never a secret)
	RequestID  string // req_…, from the body or the X-Request-Id header
	// RetryAfter is the wait the service asked for (Retry-After), zero when it named none.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	code := e.Code
	if code == "" {
		code = "http_error"
	}
	s := fmt.Sprintf("quantaseal: HTTP %d %s: %s", e.StatusCode, code, e.Message)
	if e.RequestID != "" {
		s += " (request id " + e.RequestID + ")"
	}
	return s
}
