package quantaseal

import (
	"context"
	"fmt"
	"time"
)

// APIKeysService covers the tenant's API keys (docs/openapi.yaml, tag tenant).
type APIKeysService struct{ c *Client }

// APIKeyScope is a scope of an API key (docs/openapi.yaml, Scope; docs/api.md, "Scopes").
type APIKeyScope string

// The scopes.
const (
	APIKeyScopeAdmin            APIKeyScope = "admin"
	APIKeyScopeClientKeysManage APIKeyScope = "client_keys:manage"
	APIKeyScopeVaultUnseal      APIKeyScope = "vault:unseal"
)

// APIKeyStatus says whether an API key is accepted.
type APIKeyStatus string

// The statuses of an API key.
const (
	APIKeyActive  APIKeyStatus = "active"
	APIKeyExpired APIKeyStatus = "expired"
	APIKeyRevoked APIKeyStatus = "revoked"
)

// APIKey is an API key as listed (docs/openapi.yaml, ApiKey): never the key or its hash.
type APIKey struct {
	APIKeyID      string        `json:"api_key_id"`
	Name          string        `json:"name"` // empty for keys the operator issued
	DisplayPrefix string        `json:"display_prefix"`
	Scopes        []APIKeyScope `json:"scopes"`
	CreatedAt     time.Time     `json:"created_at"`
	LastUsedAt    *time.Time    `json:"last_used_at"`
	ExpiresAt     *time.Time    `json:"expires_at"`
	RevokedAt     *time.Time    `json:"revoked_at"`
	Status        APIKeyStatus  `json:"status"`
}

// CreateAPIKeyInput is the input of Create.
type CreateAPIKeyInput struct {
	Name      string        // 1–64 characters, no control characters
	Scopes    []APIKeyScope // each one a scope the calling key holds; nil: none
	ExpiresAt time.Time     // zero: never
	// IdempotencyKey makes a replay of the same call a 409 rather than a second key; the call is
	// never retried by the SDK either way.
	IdempotencyKey string
}

// CreateAPIKeyOutput is the new key (docs/openapi.yaml, ApiKeyCreated). Key is shown this once;
// it never appears in a formatted value.
type CreateAPIKeyOutput struct {
	APIKey
	Key string // qs_live_… or qs_test_…
	ResultMetadata
}

func (o CreateAPIKeyOutput) String() string {
	return fmt.Sprintf("quantaseal.CreateAPIKeyOutput{APIKeyID: %q, Name: %q, DisplayPrefix: %q, Scopes: %v, Key: %s, Status: %s}",
		o.APIKeyID, o.Name, o.DisplayPrefix, o.Scopes, redactedIfSet(o.Key), o.Status)
}

// GoString keeps the key out of %#v.
func (o CreateAPIKeyOutput) GoString() string { return o.String() }

// Format keeps the key out of every verb.
func (o CreateAPIKeyOutput) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(o.String())) }

// Create makes an API key of the caller's tenant (POST /api/v2/api-keys, createApiKey). Needs
// admin; the new key has the caller's live/test mode.
func (s *APIKeysService) Create(ctx context.Context, in *CreateAPIKeyInput) (*CreateAPIKeyOutput, error) {
	const op = "createApiKey"
	if in == nil {
		in = &CreateAPIKeyInput{}
	}
	if err := required(op, "Name", in.Name); err != nil {
		return nil, err
	}
	idem, err := idempotencyKey(op, in.IdempotencyKey, false)
	if err != nil {
		return nil, err
	}
	body := map[string]any{"name": in.Name}
	if in.Scopes != nil {
		body["scopes"] = in.Scopes
	}
	if !in.ExpiresAt.IsZero() {
		body["expires_at"] = in.ExpiresAt.UTC().Format(time.RFC3339)
	}
	resp, err := s.c.send(ctx, request{
		op: op, method: "POST", path: "/api/v2/api-keys", body: body, idempotencyKey: idem,
		retry: false, // the key is shown once: a replay is 409, never the key again
	})
	if err != nil {
		return nil, err
	}
	defer clear(resp.body)
	var w struct {
		APIKey
		Key string `json:"api_key"`
	}
	if err := decode(op, resp, &w); err != nil {
		return nil, err
	}
	if w.Key == "" || w.APIKeyID == "" {
		return nil, fmt.Errorf("quantaseal: %s: the answer is not a new API key (request id %s)", op, resp.meta.RequestID)
	}
	return &CreateAPIKeyOutput{APIKey: w.APIKey, Key: w.Key, ResultMetadata: resp.meta}, nil
}

// ListAPIKeysInput is the input of List.
type ListAPIKeysInput struct {
	Limit  int
	Cursor string
}

// ListAPIKeysOutput is one page of API keys.
type ListAPIKeysOutput struct {
	APIKeys        []APIKey `json:"api_keys"`
	NextCursor     string   `json:"next_cursor,omitempty"`
	ResultMetadata `json:"-"`
}

// List lists the tenant's API keys, revoked and expired ones too (GET /api/v2/api-keys,
// listApiKeys). Needs admin. NewListAPIKeysPaginator walks every page.
func (s *APIKeysService) List(ctx context.Context, in *ListAPIKeysInput) (*ListAPIKeysOutput, error) {
	const op = "listApiKeys"
	if in == nil {
		in = &ListAPIKeysInput{}
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/api-keys", query: listQuery(in.Limit, in.Cursor), retry: true})
	if err != nil {
		return nil, err
	}
	out := &ListAPIKeysOutput{}
	if err := decode(op, resp, out); err != nil {
		return nil, err
	}
	out.ResultMetadata = resp.meta
	return out, nil
}

// CurrentAPIKeyInput is the input of Current (nil is fine).
type CurrentAPIKeyInput struct{}

// CurrentAPIKeyOutput is the calling key with its tenant (docs/openapi.yaml, ApiKeyCurrent).
type CurrentAPIKeyOutput struct {
	TenantID string `json:"tenant_id"`
	APIKey
	ResultMetadata `json:"-"`
}

// Current returns the calling API key: its tenant, id, name and scopes (GET
// /api/v2/api-keys/current, getCurrentApiKey). Any key may read itself.
func (s *APIKeysService) Current(ctx context.Context, _ *CurrentAPIKeyInput) (*CurrentAPIKeyOutput, error) {
	const op = "getCurrentApiKey"
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/api-keys/current", retry: true})
	if err != nil {
		return nil, err
	}
	out := &CurrentAPIKeyOutput{}
	if err := decode(op, resp, out); err != nil {
		return nil, err
	}
	if out.TenantID == "" {
		return nil, fmt.Errorf("quantaseal: %s: unexpected answer (request id %s): no tenant_id", op, resp.meta.RequestID)
	}
	out.ResultMetadata = resp.meta
	return out, nil
}

// RevokeAPIKeyInput is the input of Revoke.
type RevokeAPIKeyInput struct {
	APIKeyID string // key_…
}

// RevokeAPIKeyOutput is the revoked key as listed.
type RevokeAPIKeyOutput struct {
	APIKey
	ResultMetadata `json:"-"`
}

// Revoke revokes an API key (DELETE /api/v2/api-keys/{id}, revokeApiKey). Needs admin. The key
// may still be accepted for up to 60 s (the authorizer's cache); revoking the tenant's last active
// admin key is a 409 last_admin_key; revoking a revoked key changes nothing.
func (s *APIKeysService) Revoke(ctx context.Context, in *RevokeAPIKeyInput) (*RevokeAPIKeyOutput, error) {
	const op = "revokeApiKey"
	if in == nil {
		in = &RevokeAPIKeyInput{}
	}
	if err := required(op, "APIKeyID", in.APIKeyID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "DELETE", path: "/api/v2/api-keys/" + pathID(in.APIKeyID), retry: true})
	if err != nil {
		return nil, err
	}
	out := &RevokeAPIKeyOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.APIKey)
}
