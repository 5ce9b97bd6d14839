package quantaseal

import (
	"context"
	"encoding/json"
	"fmt"
)

// ProxyService calls Datadog with an integration's sealed key.
type ProxyService struct{ c *Client }

// OutboundInput is the input of Outbound.
type OutboundInput struct {
	IntegrationID string
	Operation     Operation
	// Payload is encoded as JSON: a Datadog event (send_event), a v2 series body or one point
	// (send_metric), one log object or an array of them (send_log).
	Payload any
	// IdempotencyKey makes the call safe to retry (Datadog is not called twice for a call that
	// already got an answer); the SDK makes one when it is empty.
	IdempotencyKey string
}

// Upstream is Datadog's answer.
type Upstream struct {
	Status    int             `json:"status"`     // Datadog's HTTP status
	Body      json.RawMessage `json:"body"`       // Datadog's JSON, or a JSON string of its text
	LatencyMS int64           `json:"latency_ms"` // time of the upstream call
}

// DecodeBody decodes Body into v (e.g. a map[string]any).
func (u Upstream) DecodeBody(v any) error { return json.Unmarshal(u.Body, v) }

// OutboundOutput is the verified, decrypted answer of a proxy call (docs/openapi.yaml,
// ProxyPlaintext). A 4xx or 5xx of Datadog is an answer here, not an error: see Upstream.Status.
type OutboundOutput struct {
	IntegrationID  string    `json:"integration_id"`
	Operation      Operation `json:"operation"`
	Upstream       Upstream  `json:"upstream"`
	AuditID        string    `json:"audit_id"`
	ResultMetadata `json:"-"`
}

// Outbound sends one operation to Datadog (POST /api/v2/proxy/outbound, proxyOutbound). The
// operation must be in the integration's allowed_operations (else an APIError with
// CodeOperationNotAllowed, nothing sent). Whatever Datadog answers comes back in an envelope to
// the held client key, which the SDK verifies (bound to this answer's X-Request-Id and to the held
// rkid) and decrypts.
func (s *ProxyService) Outbound(ctx context.Context, in *OutboundInput) (*OutboundOutput, error) {
	const op = "proxyOutbound"
	if in == nil {
		in = &OutboundInput{}
	}
	if err := required(op, "IntegrationID", in.IntegrationID); err != nil {
		return nil, err
	}
	if err := required(op, "Operation", string(in.Operation)); err != nil {
		return nil, err
	}
	if in.Payload == nil {
		return nil, fmt.Errorf("quantaseal: %s: Payload is required", op)
	}
	key := s.c.clientKey
	if key == nil {
		return nil, ErrNoClientKey
	}
	idem, err := idempotencyKey(op, in.IdempotencyKey, true)
	if err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{
		op: op, method: "POST", path: "/api/v2/proxy/outbound",
		body: map[string]any{
			"integration_id": in.IntegrationID,
			"operation":      in.Operation,
			"payload":        in.Payload,
			"rkid":           key.RKID(),
		},
		idempotencyKey: idem, retry: true, upstream: true,
	})
	if err != nil {
		return nil, err
	}
	plaintext, err := s.c.open(ctx, resp.body, true, resp.meta.RequestID)
	if err != nil {
		return nil, err
	}
	defer clear(plaintext)
	out := &OutboundOutput{}
	if err := json.Unmarshal(plaintext, out); err != nil {
		return nil, fmt.Errorf("quantaseal: %s: the envelope's plaintext is not a proxy answer (request id %s)", op, resp.meta.RequestID)
	}
	out.ResultMetadata = resp.meta
	return out, nil
}
