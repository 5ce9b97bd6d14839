package quantaseal

import (
	"context"
	"encoding/json"
	"time"
)

// SIEMService covers SIEM destinations: where QuantaSeal's own metrics, audit trail and security
// alerts go.
type SIEMService struct{ c *Client }

// SIEMStream is one of the streams a destination receives.
type SIEMStream string

// The streams (docs/openapi.yaml, SiemStream).
const (
	SIEMStreamMetrics        SIEMStream = "metrics"
	SIEMStreamAudit          SIEMStream = "audit"
	SIEMStreamSecurityAlerts SIEMStream = "security_alerts"
)

// SIEMDestinationStatus says whether a destination receives records.
type SIEMDestinationStatus string

// The statuses of a destination.
const (
	SIEMDestinationActive                      SIEMDestinationStatus = "active"
	SIEMDestinationStoppedCredentialRejected   SIEMDestinationStatus = "stopped_credential_rejected"
	SIEMDestinationStoppedIntegrationUnhealthy SIEMDestinationStatus = "stopped_integration_unhealthy"
	SIEMDestinationIntegrationMissing          SIEMDestinationStatus = "integration_missing"
	SIEMDestinationCredentialMissing           SIEMDestinationStatus = "credential_missing"
)

// SIEMDestination is where records go (docs/openapi.yaml, SiemDestination).
type SIEMDestination struct {
	DestinationID string                `json:"destination_id"`
	SystemType    SystemType            `json:"system_type"`
	IntegrationID string                `json:"integration_id"`
	Streams       []SIEMStream          `json:"streams"`
	CreatedAt     time.Time             `json:"created_at"`
	Status        SIEMDestinationStatus `json:"status"`
	StoppedReason string                `json:"stopped_reason,omitempty"`
	StoppedAt     *time.Time            `json:"stopped_at,omitempty"`
}

// CreateSIEMDestinationInput is the input of CreateDestination.
type CreateSIEMDestinationInput struct {
	SystemType    SystemType   // empty: datadog
	IntegrationID string       // it must allow what the streams send
	Streams       []SIEMStream // nil: all three
	// IdempotencyKey makes the call safe to retry (only then is it retried).
	IdempotencyKey string
}

// CreateSIEMDestinationOutput is the new destination.
type CreateSIEMDestinationOutput struct {
	SIEMDestination
	ResultMetadata `json:"-"`
}

// CreateDestination sends QuantaSeal's records to an integration (POST /api/v2/siem/destinations,
// createSiemDestination): metrics needs send_metric, audit needs send_log, security_alerts needs
// send_event and send_log.
func (s *SIEMService) CreateDestination(ctx context.Context, in *CreateSIEMDestinationInput) (*CreateSIEMDestinationOutput, error) {
	const op = "createSiemDestination"
	if in == nil {
		in = &CreateSIEMDestinationInput{}
	}
	if err := required(op, "IntegrationID", in.IntegrationID); err != nil {
		return nil, err
	}
	idem, err := idempotencyKey(op, in.IdempotencyKey, false)
	if err != nil {
		return nil, err
	}
	body := map[string]any{"system_type": systemType(in.SystemType), "integration_id": in.IntegrationID}
	if in.Streams != nil {
		body["streams"] = in.Streams
	}
	resp, err := s.c.send(ctx, request{op: op, method: "POST", path: "/api/v2/siem/destinations", body: body, idempotencyKey: idem, retry: idem != ""})
	if err != nil {
		return nil, err
	}
	out := &CreateSIEMDestinationOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.SIEMDestination)
}

// ListSIEMDestinationsInput is the input of ListDestinations.
type ListSIEMDestinationsInput struct {
	Limit  int
	Cursor string
}

// ListSIEMDestinationsOutput is one page of destinations.
type ListSIEMDestinationsOutput struct {
	Destinations   []SIEMDestination `json:"destinations"`
	NextCursor     string            `json:"next_cursor,omitempty"`
	ResultMetadata `json:"-"`
}

// ListDestinations lists the tenant's destinations (GET /api/v2/siem/destinations,
// listSiemDestinations). NewListSIEMDestinationsPaginator walks every page.
func (s *SIEMService) ListDestinations(ctx context.Context, in *ListSIEMDestinationsInput) (*ListSIEMDestinationsOutput, error) {
	const op = "listSiemDestinations"
	if in == nil {
		in = &ListSIEMDestinationsInput{}
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/siem/destinations", query: listQuery(in.Limit, in.Cursor), retry: true})
	if err != nil {
		return nil, err
	}
	out := &ListSIEMDestinationsOutput{}
	if err := decode(op, resp, out); err != nil {
		return nil, err
	}
	out.ResultMetadata = resp.meta
	return out, nil
}

// GetSIEMDestinationInput is the input of GetDestination.
type GetSIEMDestinationInput struct {
	DestinationID string
}

// GetSIEMDestinationOutput is one destination.
type GetSIEMDestinationOutput struct {
	SIEMDestination
	ResultMetadata `json:"-"`
}

// GetDestination returns one destination (GET /api/v2/siem/destinations/{id}, getSiemDestination).
func (s *SIEMService) GetDestination(ctx context.Context, in *GetSIEMDestinationInput) (*GetSIEMDestinationOutput, error) {
	const op = "getSiemDestination"
	if in == nil {
		in = &GetSIEMDestinationInput{}
	}
	if err := required(op, "DestinationID", in.DestinationID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/siem/destinations/" + pathID(in.DestinationID), retry: true})
	if err != nil {
		return nil, err
	}
	out := &GetSIEMDestinationOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.SIEMDestination)
}

// DeleteSIEMDestinationInput is the input of DeleteDestination.
type DeleteSIEMDestinationInput struct {
	DestinationID string
}

// DeleteSIEMDestinationOutput describes the answer.
type DeleteSIEMDestinationOutput struct {
	ResultMetadata
}

// DeleteDestination stops sending to a destination (DELETE /api/v2/siem/destinations/{id},
// deleteSiemDestination).
func (s *SIEMService) DeleteDestination(ctx context.Context, in *DeleteSIEMDestinationInput) (*DeleteSIEMDestinationOutput, error) {
	const op = "deleteSiemDestination"
	if in == nil {
		in = &DeleteSIEMDestinationInput{}
	}
	if err := required(op, "DestinationID", in.DestinationID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "DELETE", path: "/api/v2/siem/destinations/" + pathID(in.DestinationID), retry: true})
	if err != nil {
		return nil, err
	}
	return &DeleteSIEMDestinationOutput{ResultMetadata: resp.meta}, nil
}

// TestSIEMDestinationInput is the input of TestDestination.
type TestSIEMDestinationInput struct {
	DestinationID string
}

// SIEMTestDatadogAnswer is what Datadog answered to the test item.
type SIEMTestDatadogAnswer struct {
	Status    int             `json:"status"`
	Body      json.RawMessage `json:"body"` // JSON when Datadog answered JSON, else a JSON string of its text
	LatencyMS int64           `json:"latency_ms"`
}

// TestSIEMDestinationOutput is the result of a test (docs/openapi.yaml, SiemDestinationTestResult).
type TestSIEMDestinationOutput struct {
	DestinationID  string                `json:"destination_id"`
	Operation      Operation             `json:"operation"`
	SentAt         time.Time             `json:"sent_at"`
	Delivered      bool                  `json:"delivered"` // Datadog accepted it (2xx)
	Datadog        SIEMTestDatadogAnswer `json:"datadog"`
	Error          string                `json:"error,omitempty"` // what a refusal means
	ResultMetadata `json:"-"`
}

// TestDestination sends one item tagged quantaseal:test to the destination's Datadog (POST
// /api/v2/siem/destinations/{id}/test, testSiemDestination) and returns Datadog's answer. A
// refused key stops the destination, as a push would. It sends to Datadog, so it is not retried.
func (s *SIEMService) TestDestination(ctx context.Context, in *TestSIEMDestinationInput) (*TestSIEMDestinationOutput, error) {
	const op = "testSiemDestination"
	if in == nil {
		in = &TestSIEMDestinationInput{}
	}
	if err := required(op, "DestinationID", in.DestinationID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "POST", path: "/api/v2/siem/destinations/" + pathID(in.DestinationID) + "/test"})
	if err != nil {
		return nil, err
	}
	out := &TestSIEMDestinationOutput{}
	if err := decode(op, resp, out); err != nil {
		return nil, err
	}
	out.ResultMetadata = resp.meta
	return out, nil
}
