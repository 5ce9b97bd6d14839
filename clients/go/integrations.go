package quantaseal

import (
	"context"
	"time"
)

// SystemType is the third party of an integration or SIEM destination.
type SystemType string

// SystemTypeDatadog is the only system type today; an empty SystemType in an input means it.
const SystemTypeDatadog SystemType = "datadog"

// DatadogSite is one of Datadog's sites; nothing else is ever called.
type DatadogSite string

// Datadog's sites (docs/openapi.yaml, DatadogSite).
const (
	DatadogSiteUS1    DatadogSite = "datadoghq.com"
	DatadogSiteUS3    DatadogSite = "us3.datadoghq.com"
	DatadogSiteUS5    DatadogSite = "us5.datadoghq.com"
	DatadogSiteEU1    DatadogSite = "datadoghq.eu"
	DatadogSiteUK1    DatadogSite = "uk1.datadoghq.com"
	DatadogSiteAP1    DatadogSite = "ap1.datadoghq.com"
	DatadogSiteAP2    DatadogSite = "ap2.datadoghq.com"
	DatadogSiteGov    DatadogSite = "ddog-gov.com"
	DatadogSiteUS2Gov DatadogSite = "us2.ddog-gov.com"
)

// Operation is what the proxy may do with an integration's key.
type Operation string

// The operations (docs/openapi.yaml, DatadogOperation).
const (
	OperationSendEvent  Operation = "send_event"
	OperationSendMetric Operation = "send_metric"
	OperationSendLog    Operation = "send_log"
)

// IntegrationConfig is an integration's configuration.
type IntegrationConfig struct {
	Site DatadogSite `json:"site"`
}

// IntegrationStatus says whether Datadog accepts the integration's key.
type IntegrationStatus string

// The statuses of an integration.
const (
	IntegrationHealthy   IntegrationStatus = "healthy"
	IntegrationUnhealthy IntegrationStatus = "unhealthy"
)

// Integration is a sealed Datadog key, a site and a default-deny list of operations.
type Integration struct {
	IntegrationID     string            `json:"integration_id"`
	SystemType        SystemType        `json:"system_type"`
	Name              string            `json:"name,omitempty"`
	CredentialID      string            `json:"credential_id"`
	Config            IntegrationConfig `json:"config"`
	AllowedOperations []Operation       `json:"allowed_operations"`
	Status            IntegrationStatus `json:"status"`
	UnhealthyReason   string            `json:"unhealthy_reason,omitempty"` // e.g. credential_rejected
	CreatedAt         time.Time         `json:"created_at"`
	UpdatedAt         time.Time         `json:"updated_at"`
}

// IntegrationsService covers Datadog integrations.
type IntegrationsService struct{ c *Client }

// CreateIntegrationInput is the input of Create.
type CreateIntegrationInput struct {
	SystemType        SystemType        // empty: datadog
	Name              string            // optional
	CredentialID      string            // an api_key vault entry
	Config            IntegrationConfig // the Datadog site
	AllowedOperations []Operation       // none by default (default deny)
	// IdempotencyKey makes the call safe to retry (only then is it retried).
	IdempotencyKey string
}

// CreateIntegrationOutput is the new integration.
type CreateIntegrationOutput struct {
	Integration
	ResultMetadata `json:"-"`
}

// Create makes a Datadog integration (POST /api/v2/integrations, createIntegration). The service
// validates the key with Datadog first: a refused key is an APIError with CodeCredentialRejected.
func (s *IntegrationsService) Create(ctx context.Context, in *CreateIntegrationInput) (*CreateIntegrationOutput, error) {
	const op = "createIntegration"
	if in == nil {
		in = &CreateIntegrationInput{}
	}
	if err := required(op, "CredentialID", in.CredentialID); err != nil {
		return nil, err
	}
	if err := required(op, "Config.Site", string(in.Config.Site)); err != nil {
		return nil, err
	}
	idem, err := idempotencyKey(op, in.IdempotencyKey, false)
	if err != nil {
		return nil, err
	}
	body := map[string]any{
		"system_type":   systemType(in.SystemType),
		"credential_id": in.CredentialID,
		"config":        in.Config,
	}
	if in.Name != "" {
		body["name"] = in.Name
	}
	if in.AllowedOperations != nil {
		body["allowed_operations"] = in.AllowedOperations
	}
	resp, err := s.c.send(ctx, request{op: op, method: "POST", path: "/api/v2/integrations", body: body, idempotencyKey: idem, retry: idem != ""})
	if err != nil {
		return nil, err
	}
	out := &CreateIntegrationOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.Integration)
}

// ListIntegrationsInput is the input of List; Limit and Cursor page through the integrations.
type ListIntegrationsInput struct {
	Limit  int
	Cursor string
}

// ListIntegrationsOutput is one page of integrations.
type ListIntegrationsOutput struct {
	Integrations   []Integration `json:"integrations"`
	NextCursor     string        `json:"next_cursor,omitempty"`
	ResultMetadata `json:"-"`
}

// List lists the tenant's integrations (GET /api/v2/integrations, listIntegrations).
// NewListIntegrationsPaginator walks every page.
func (s *IntegrationsService) List(ctx context.Context, in *ListIntegrationsInput) (*ListIntegrationsOutput, error) {
	const op = "listIntegrations"
	if in == nil {
		in = &ListIntegrationsInput{}
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/integrations", query: listQuery(in.Limit, in.Cursor), retry: true})
	if err != nil {
		return nil, err
	}
	out := &ListIntegrationsOutput{}
	if err := decode(op, resp, out); err != nil {
		return nil, err
	}
	out.ResultMetadata = resp.meta
	return out, nil
}

// GetIntegrationInput is the input of Get.
type GetIntegrationInput struct {
	IntegrationID string
}

// GetIntegrationOutput is one integration.
type GetIntegrationOutput struct {
	Integration
	ResultMetadata `json:"-"`
}

// Get returns one integration (GET /api/v2/integrations/{id}, getIntegration).
func (s *IntegrationsService) Get(ctx context.Context, in *GetIntegrationInput) (*GetIntegrationOutput, error) {
	const op = "getIntegration"
	if in == nil {
		in = &GetIntegrationInput{}
	}
	if err := required(op, "IntegrationID", in.IntegrationID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/integrations/" + pathID(in.IntegrationID), retry: true})
	if err != nil {
		return nil, err
	}
	out := &GetIntegrationOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.Integration)
}

// UpdateIntegrationInput is the input of Update: only the fields given change. A nil
// AllowedOperations leaves them as they are; an empty, non-nil one allows nothing.
type UpdateIntegrationInput struct {
	IntegrationID     string
	Name              *string
	CredentialID      *string
	Config            *IntegrationConfig
	AllowedOperations []Operation
}

// UpdateIntegrationOutput is the integration after the change.
type UpdateIntegrationOutput struct {
	Integration
	ResultMetadata `json:"-"`
}

// Update changes name, credential, site or allowed operations (PATCH /api/v2/integrations/{id},
// updateIntegration). Another credential or site is validated with Datadog again. Not retried.
func (s *IntegrationsService) Update(ctx context.Context, in *UpdateIntegrationInput) (*UpdateIntegrationOutput, error) {
	const op = "updateIntegration"
	if in == nil {
		in = &UpdateIntegrationInput{}
	}
	if err := required(op, "IntegrationID", in.IntegrationID); err != nil {
		return nil, err
	}
	body := map[string]any{}
	if in.Name != nil {
		body["name"] = *in.Name
	}
	if in.CredentialID != nil {
		body["credential_id"] = *in.CredentialID
	}
	if in.Config != nil {
		body["config"] = in.Config
	}
	if in.AllowedOperations != nil {
		body["allowed_operations"] = in.AllowedOperations
	}
	resp, err := s.c.send(ctx, request{op: op, method: "PATCH", path: "/api/v2/integrations/" + pathID(in.IntegrationID), body: body})
	if err != nil {
		return nil, err
	}
	out := &UpdateIntegrationOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.Integration)
}

// DeleteIntegrationInput is the input of Delete.
type DeleteIntegrationInput struct {
	IntegrationID string
	// Force deletes even while SIEM destinations use it (their records then go to the
	// dead-letter queue); otherwise that is an APIError with CodeResourceInUse.
	Force bool
}

// DeleteIntegrationOutput describes the answer.
type DeleteIntegrationOutput struct {
	ResultMetadata
}

// Delete removes an integration (DELETE /api/v2/integrations/{id}, deleteIntegration).
func (s *IntegrationsService) Delete(ctx context.Context, in *DeleteIntegrationInput) (*DeleteIntegrationOutput, error) {
	const op = "deleteIntegration"
	if in == nil {
		in = &DeleteIntegrationInput{}
	}
	if err := required(op, "IntegrationID", in.IntegrationID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "DELETE", path: "/api/v2/integrations/" + pathID(in.IntegrationID), query: forceQuery(in.Force), retry: true})
	if err != nil {
		return nil, err
	}
	return &DeleteIntegrationOutput{ResultMetadata: resp.meta}, nil
}

func systemType(t SystemType) SystemType {
	if t == "" {
		return SystemTypeDatadog
	}
	return t
}

// String returns a pointer to s, for the optional fields of UpdateIntegrationInput.
func String(s string) *string { return &s }
