package quantaseal

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// VaultService covers sealed credentials. Values are never echoed; only Unseal returns them, in
// an envelope that the SDK verifies and decrypts.
type VaultService struct{ c *Client }

// VaultEntry is a sealed credential's metadata (docs/openapi.yaml, VaultEntry).
type VaultEntry struct {
	VaultEntryID   string         `json:"vault_entry_id"`
	Name           string         `json:"name,omitempty"`
	CredentialType CredentialType `json:"credential_type"`
	Version        int            `json:"version"`
	CreatedAt      time.Time      `json:"created_at"`
	RotatedAt      time.Time      `json:"rotated_at"`
}

// VaultEntryVersion is one version of an entry.
type VaultEntryVersion struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Current   bool      `json:"current"`
}

// VaultEntryDetail is an entry with its versions (docs/openapi.yaml, VaultEntryDetail).
type VaultEntryDetail struct {
	VaultEntry
	Versions []VaultEntryVersion `json:"versions"`
}

// SealInput is the input of Seal.
type SealInput struct {
	Name       string     // optional, ≤ 128 characters
	Credential Credential // required: APIKeyCredential, BearerTokenCredential, …
	// IdempotencyKey makes the call safe to retry; the SDK makes one when it is empty.
	IdempotencyKey string
}

func (in SealInput) String() string {
	return fmt.Sprintf("quantaseal.SealInput{Name: %q, Credential: %s}", in.Name, credentialString(in.Credential))
}

// GoString keeps the credential out of %#v.
func (in SealInput) GoString() string { return in.String() }

// Format keeps the credential out of every verb.
func (in SealInput) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(in.String())) }

func credentialString(c Credential) string {
	if c == nil {
		return "<nil>"
	}
	return redactedValues(string(c.CredentialType()), c.CredentialValues())
}

// SealOutput is the sealed entry (version 1).
type SealOutput struct {
	VaultEntry
	ResultMetadata `json:"-"`
}

// Seal stores a credential sealed (POST /api/v2/vault/seal, sealCredential).
func (s *VaultService) Seal(ctx context.Context, in *SealInput) (*SealOutput, error) {
	const op = "sealCredential"
	if in == nil || in.Credential == nil {
		return nil, fmt.Errorf("quantaseal: %s: Credential is required", op)
	}
	idem, err := idempotencyKey(op, in.IdempotencyKey, true)
	if err != nil {
		return nil, err
	}
	body := map[string]any{
		"credential_type": in.Credential.CredentialType(),
		"values":          in.Credential.CredentialValues(),
	}
	if in.Name != "" {
		body["name"] = in.Name
	}
	resp, err := s.c.send(ctx, request{op: op, method: "POST", path: "/api/v2/vault/seal", body: body, idempotencyKey: idem, retry: true})
	if err != nil {
		return nil, err
	}
	out := &SealOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.VaultEntry)
}

// UnsealInput is the input of Unseal.
type UnsealInput struct {
	VaultEntryID string
	// IdempotencyKey makes the call safe to retry; the SDK makes one when it is empty.
	IdempotencyKey string
}

// UnsealOutput is a credential in clear, from a verified envelope (docs/openapi.yaml,
// UnsealPlaintext). Values never appear in a formatted value.
type UnsealOutput struct {
	VaultEntryID   string            `json:"vault_entry_id"`
	CredentialType CredentialType    `json:"credential_type"`
	Version        int               `json:"version"`
	Values         map[string]string `json:"values"`
	ResultMetadata `json:"-"`
}

func (o UnsealOutput) String() string {
	return fmt.Sprintf("quantaseal.UnsealOutput{VaultEntryID: %q, CredentialType: %q, Version: %d, Values: %s}",
		o.VaultEntryID, o.CredentialType, o.Version, redactedValues("Values", o.Values))
}

// GoString keeps the values out of %#v.
func (o UnsealOutput) GoString() string { return o.String() }

// Format keeps the values out of every verb.
func (o UnsealOutput) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(o.String())) }

// Unseal opens a credential (POST /api/v2/vault/unseal, unsealCredential): the service answers
// with an envelope to the held client key, which the SDK verifies (bound to this answer's
// X-Request-Id and to the held rkid) and decrypts. Needs an API key with the vault:unseal scope.
func (s *VaultService) Unseal(ctx context.Context, in *UnsealInput) (*UnsealOutput, error) {
	const op = "unsealCredential"
	if in == nil {
		in = &UnsealInput{}
	}
	if err := required(op, "VaultEntryID", in.VaultEntryID); err != nil {
		return nil, err
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
		op: op, method: "POST", path: "/api/v2/vault/unseal",
		body:           map[string]string{"vault_entry_id": in.VaultEntryID, "rkid": key.RKID()},
		idempotencyKey: idem, retry: true,
	})
	if err != nil {
		return nil, err
	}
	plaintext, err := s.c.open(ctx, resp.body, true, resp.meta.RequestID)
	if err != nil {
		return nil, err
	}
	defer clear(plaintext)
	out := &UnsealOutput{}
	if err := json.Unmarshal(plaintext, out); err != nil {
		return nil, fmt.Errorf("quantaseal: %s: the envelope's plaintext is not an unsealed credential (request id %s)", op, resp.meta.RequestID)
	}
	out.ResultMetadata = resp.meta
	return out, nil
}

// ListEntriesInput is the input of ListEntries; Limit and Cursor page through the entries.
type ListEntriesInput struct {
	Limit  int    // 0: the service's default
	Cursor string // NextCursor of the previous page
}

// ListEntriesOutput is one page of entries.
type ListEntriesOutput struct {
	Entries        []VaultEntry `json:"entries"`
	NextCursor     string       `json:"next_cursor,omitempty"` // empty on the last page
	ResultMetadata `json:"-"`
}

// ListEntries lists the tenant's entries, metadata only (GET /api/v2/vault/entries, listEntries).
// NewListEntriesPaginator walks every page.
func (s *VaultService) ListEntries(ctx context.Context, in *ListEntriesInput) (*ListEntriesOutput, error) {
	const op = "listEntries"
	if in == nil {
		in = &ListEntriesInput{}
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/vault/entries", query: listQuery(in.Limit, in.Cursor), retry: true})
	if err != nil {
		return nil, err
	}
	out := &ListEntriesOutput{}
	if err := decode(op, resp, out); err != nil {
		return nil, err
	}
	out.ResultMetadata = resp.meta
	return out, nil
}

// GetEntryInput is the input of GetEntry.
type GetEntryInput struct {
	VaultEntryID string
}

// GetEntryOutput is an entry with its versions.
type GetEntryOutput struct {
	VaultEntryDetail
	ResultMetadata `json:"-"`
}

// GetEntry returns one entry with its versions (GET /api/v2/vault/entries/{id}, getEntry).
func (s *VaultService) GetEntry(ctx context.Context, in *GetEntryInput) (*GetEntryOutput, error) {
	const op = "getEntry"
	if in == nil {
		in = &GetEntryInput{}
	}
	if err := required(op, "VaultEntryID", in.VaultEntryID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/vault/entries/" + pathID(in.VaultEntryID), retry: true})
	if err != nil {
		return nil, err
	}
	out := &GetEntryOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.VaultEntryDetail)
}

// RotateEntryInput is the input of RotateEntry.
type RotateEntryInput struct {
	VaultEntryID string
	Credential   Credential // the new values; its type must be the entry's
	// IdempotencyKey makes the call safe to retry (only then is it retried).
	IdempotencyKey string
}

func (in RotateEntryInput) String() string {
	return fmt.Sprintf("quantaseal.RotateEntryInput{VaultEntryID: %q, Credential: %s}", in.VaultEntryID, credentialString(in.Credential))
}

// GoString keeps the credential out of %#v.
func (in RotateEntryInput) GoString() string { return in.String() }

// Format keeps the credential out of every verb.
func (in RotateEntryInput) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(in.String())) }

// RotateEntryOutput is the entry after rotation (version + 1).
type RotateEntryOutput struct {
	VaultEntryDetail
	ResultMetadata `json:"-"`
}

// RotateEntry seals new values as version + 1 (POST /api/v2/vault/entries/{id}/rotate, rotateEntry);
// older versions are kept until retired.
func (s *VaultService) RotateEntry(ctx context.Context, in *RotateEntryInput) (*RotateEntryOutput, error) {
	const op = "rotateEntry"
	if in == nil || in.Credential == nil {
		return nil, fmt.Errorf("quantaseal: %s: Credential is required", op)
	}
	if err := required(op, "VaultEntryID", in.VaultEntryID); err != nil {
		return nil, err
	}
	idem, err := idempotencyKey(op, in.IdempotencyKey, false)
	if err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{
		op: op, method: "POST", path: "/api/v2/vault/entries/" + pathID(in.VaultEntryID) + "/rotate",
		body:           map[string]any{"values": in.Credential.CredentialValues()},
		idempotencyKey: idem, retry: idem != "",
	})
	if err != nil {
		return nil, err
	}
	out := &RotateEntryOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.VaultEntryDetail)
}

// DeleteEntryInput is the input of DeleteEntry.
type DeleteEntryInput struct {
	VaultEntryID string
	// Force deletes even while integrations use the entry (they become unhealthy); otherwise
	// that is an APIError with CodeResourceInUse.
	Force bool
}

// DeleteEntryOutput describes the answer.
type DeleteEntryOutput struct {
	ResultMetadata
}

// DeleteEntry crypto-erases an entry and all its versions (DELETE /api/v2/vault/entries/{id}, deleteEntry).
func (s *VaultService) DeleteEntry(ctx context.Context, in *DeleteEntryInput) (*DeleteEntryOutput, error) {
	const op = "deleteEntry"
	if in == nil {
		in = &DeleteEntryInput{}
	}
	if err := required(op, "VaultEntryID", in.VaultEntryID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "DELETE", path: "/api/v2/vault/entries/" + pathID(in.VaultEntryID), query: forceQuery(in.Force), retry: true})
	if err != nil {
		return nil, err
	}
	return &DeleteEntryOutput{ResultMetadata: resp.meta}, nil
}

// RetireVersionInput is the input of RetireVersion.
type RetireVersionInput struct {
	VaultEntryID string
	Version      int // a version other than the current one
}

// RetireVersionOutput describes the answer.
type RetireVersionOutput struct {
	ResultMetadata
}

// RetireVersion crypto-erases an old version (DELETE /api/v2/vault/entries/{id}/versions/{version},
// retireVersion).
func (s *VaultService) RetireVersion(ctx context.Context, in *RetireVersionInput) (*RetireVersionOutput, error) {
	const op = "retireVersion"
	if in == nil {
		in = &RetireVersionInput{}
	}
	if err := required(op, "VaultEntryID", in.VaultEntryID); err != nil {
		return nil, err
	}
	if in.Version < 1 {
		return nil, fmt.Errorf("quantaseal: %s: Version must be 1 or more", op)
	}
	path := "/api/v2/vault/entries/" + pathID(in.VaultEntryID) + "/versions/" + strconv.Itoa(in.Version)
	resp, err := s.c.send(ctx, request{op: op, method: "DELETE", path: path, retry: true})
	if err != nil {
		return nil, err
	}
	return &RetireVersionOutput{ResultMetadata: resp.meta}, nil
}
