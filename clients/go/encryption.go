package quantaseal

import (
	"context"
	"crypto/mlkem"
	"crypto/rand"
	"fmt"
	"net/url"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/envelope"
)

// EncryptionService covers the keys of the envelopes: client keys (yours, ML-KEM-768), server keys
// (the service's, ML-DSA-65), and Decrypt.
type EncryptionService struct{ c *Client }

// CreateClientKeyInput is the input of CreateClientKey (nil is fine).
type CreateClientKeyInput struct{}

// CreateClientKey makes an ML-KEM-768 key pair here from a fresh 64-byte seed, registers its public
// half (RegisterClientKey) and returns the client key: rkid, hkid, the seed and the MAC key. The
// MAC key is shown once: Save the key before anything else. Never retried.
func (s *EncryptionService) CreateClientKey(ctx context.Context, _ *CreateClientKeyInput) (*ClientKey, error) {
	seed := make([]byte, mlkem.SeedSize)
	defer clear(seed)
	_, _ = rand.Read(seed) // crypto/rand.Read never fails (Go ≥ 1.24)
	dk, err := mlkem.NewDecapsulationKey768(seed)
	if err != nil {
		return nil, fmt.Errorf("quantaseal: createClientKey: %w", err)
	}
	reg, err := s.RegisterClientKey(ctx, &RegisterClientKeyInput{PublicKey: dk.EncapsulationKey().Bytes()})
	if err != nil {
		return nil, err
	}
	defer clear(reg.HMACKey)
	return NewClientKey(reg.RKID, reg.HKID, seed, reg.HMACKey)
}

// RegisterClientKeyInput is the input of RegisterClientKey.
type RegisterClientKeyInput struct {
	PublicKey []byte // the 1184-byte ML-KEM-768 encapsulation key
	// IdempotencyKey makes a replay of the same call a 409 rather than a second key; the call
	// is never retried by the SDK either way.
	IdempotencyKey string
}

// RegisterClientKeyOutput is the registration (docs/openapi.yaml, ClientKeyRegistration).
// HMACKey is shown once; it never appears in a formatted value.
type RegisterClientKeyOutput struct {
	RKID      string
	HKID      string
	HMACKey   []byte // 64 bytes
	CreatedAt time.Time
	ResultMetadata
}

func (o RegisterClientKeyOutput) String() string {
	return fmt.Sprintf("quantaseal.RegisterClientKeyOutput{RKID: %q, HKID: %q, HMACKey: [REDACTED], CreatedAt: %s}", o.RKID, o.HKID, o.CreatedAt.Format(time.RFC3339))
}

// GoString keeps the MAC key out of %#v.
func (o RegisterClientKeyOutput) GoString() string { return o.String() }

// Format keeps the MAC key out of every verb.
func (o RegisterClientKeyOutput) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(o.String())) }

// RegisterClientKey registers an ML-KEM-768 encapsulation key (POST /api/v2/encryption/client-keys,
// registerClientKey). Prefer CreateClientKey, which makes the key pair and keeps the seed.
func (s *EncryptionService) RegisterClientKey(ctx context.Context, in *RegisterClientKeyInput) (*RegisterClientKeyOutput, error) {
	const op = "registerClientKey"
	if in == nil || len(in.PublicKey) != mlkem.EncapsulationKeySize768 {
		return nil, fmt.Errorf("quantaseal: %s: PublicKey must be the %d-byte ML-KEM-768 encapsulation key", op, mlkem.EncapsulationKeySize768)
	}
	idem, err := idempotencyKey(op, in.IdempotencyKey, false)
	if err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{
		op: op, method: "POST", path: "/api/v2/encryption/client-keys",
		body:           map[string]string{"public_key": b64.Encode(in.PublicKey)},
		idempotencyKey: idem,
		retry:          false, // the MAC key is shown once: a replay is 409, never the key again
	})
	if err != nil {
		return nil, err
	}
	defer clear(resp.body)
	var w struct {
		RKID      string    `json:"rkid"`
		HKID      string    `json:"hkid"`
		HMACKey   string    `json:"hmac_key"`
		CreatedAt time.Time `json:"created_at"`
	}
	if err := decode(op, resp, &w); err != nil {
		return nil, err
	}
	mac, ok := b64.DecodeLen(w.HMACKey, envelope.MACKeySize)
	if !ok || w.RKID == "" || w.HKID == "" {
		return nil, fmt.Errorf("quantaseal: %s: the answer is not a client-key registration (request id %s)", op, resp.meta.RequestID)
	}
	return &RegisterClientKeyOutput{RKID: w.RKID, HKID: w.HKID, HMACKey: mac, CreatedAt: w.CreatedAt, ResultMetadata: resp.meta}, nil
}

// ServerKeyStatus says whether the service still signs with a key.
type ServerKeyStatus string

// The statuses of a server key.
const (
	ServerKeyActive   ServerKeyStatus = "active"
	ServerKeyRetiring ServerKeyStatus = "retiring"
	ServerKeyRetired  ServerKeyStatus = "retired"
)

// ServerKey is one of the service's ML-DSA-65 signing keys (public half).
type ServerKey struct {
	SKID      string
	Alg       string // ML-DSA-65
	PublicKey []byte // 1952 bytes
	CreatedAt time.Time
	Status    ServerKeyStatus
}

// ListServerKeysInput is the input of ListServerKeys (nil is fine).
type ListServerKeysInput struct{}

// ListServerKeysOutput lists the server keys that verify envelopes (active and retiring).
type ListServerKeysOutput struct {
	Keys []ServerKey
	ResultMetadata
}

// ListServerKeys lists the service's ML-DSA-65 public keys (GET /api/v2/encryption/server-keys,
// listServerKeys) and refreshes the client's cache of them. Keys of another alg are listed but never
// verify an envelope; an ML-DSA-65 key that is not 1952 bytes of canonical base64url makes the
// whole answer an error (the document is malformed).
func (s *EncryptionService) ListServerKeys(ctx context.Context, _ *ListServerKeysInput) (*ListServerKeysOutput, error) {
	out, verifiers, err := s.c.listServerKeys(ctx, false)
	if err != nil {
		return nil, err
	}
	s.c.serverKeys.set(ctx, verifiers)
	return out, nil
}

// listServerKeys is GET /api/v2/encryption/server-keys; includeRetired lists retired keys too
// (include_retired=true: the keys that signed old audit checkpoints).
func (c *Client) listServerKeys(ctx context.Context, includeRetired bool) (*ListServerKeysOutput, map[string]*mldsa65.PublicKey, error) {
	const op = "listServerKeys"
	var query url.Values
	if includeRetired {
		query = url.Values{"include_retired": {"true"}}
	}
	resp, err := c.send(ctx, request{op: op, method: "GET", path: "/api/v2/encryption/server-keys", query: query, retry: true})
	if err != nil {
		return nil, nil, err
	}
	var w struct {
		Keys []struct {
			SKID      string          `json:"skid"`
			Alg       string          `json:"alg"`
			PublicKey string          `json:"public_key"`
			CreatedAt time.Time       `json:"created_at"`
			Status    ServerKeyStatus `json:"status"`
		} `json:"keys"`
	}
	if err := decode(op, resp, &w); err != nil {
		return nil, nil, err
	}
	out := &ListServerKeysOutput{ResultMetadata: resp.meta}
	verifiers := make(map[string]*mldsa65.PublicKey, len(w.Keys))
	for _, k := range w.Keys {
		if k.Alg != "ML-DSA-65" { // listed, but not a key this SDK verifies with
			raw, _ := b64.Decode(k.PublicKey)
			out.Keys = append(out.Keys, ServerKey{SKID: k.SKID, Alg: k.Alg, PublicKey: raw, CreatedAt: k.CreatedAt, Status: k.Status})
			continue
		}
		raw, ok := b64.DecodeLen(k.PublicKey, mldsa65.PublicKeySize)
		if !ok || k.SKID == "" {
			return nil, nil, fmt.Errorf("quantaseal: %s: server key %q is not a 1952-byte ML-DSA-65 key in canonical base64url (request id %s)", op, k.SKID, resp.meta.RequestID)
		}
		pk := new(mldsa65.PublicKey)
		if err := pk.UnmarshalBinary(raw); err != nil {
			return nil, nil, fmt.Errorf("quantaseal: %s: server key %q: %w", op, k.SKID, err)
		}
		verifiers[k.SKID] = pk
		out.Keys = append(out.Keys, ServerKey{SKID: k.SKID, Alg: k.Alg, PublicKey: raw, CreatedAt: k.CreatedAt, Status: k.Status})
	}
	return out, verifiers, nil
}

func (c *Client) fetchServerKeys(ctx context.Context) (map[string]*mldsa65.PublicKey, error) {
	_, v, err := c.listServerKeys(ctx, false)
	return v, err
}

// DecryptOptions are the options of one Decrypt.
type DecryptOptions struct {
	// RequestID, when set, must equal the envelope's rid (the X-Request-Id of the answer it came in).
	RequestID string
}

// WithRequestID binds Decrypt to the request id of the HTTP answer the envelope came in.
func WithRequestID(id string) func(*DecryptOptions) {
	return func(o *DecryptOptions) { o.RequestID = id }
}

// Decrypt verifies and decrypts any envelope (its JSON text; a json.RawMessage works as it is)
// with the held client key and returns the plaintext, or an error that matches
// ErrInvalidEnvelope and never says which check failed. The envelope must name the held client
// key (rkid) and its MAC key (hkid) and be signed by a key the service lists (fetched on first
// use, and once more when the envelope names an unknown skid); its iat must be within the
// clock skew. Clear the plaintext when done with it.
func (s *EncryptionService) Decrypt(ctx context.Context, envelopeJSON []byte, optFns ...func(*DecryptOptions)) ([]byte, error) {
	var o DecryptOptions
	for _, fn := range optFns {
		fn(&o)
	}
	return s.c.open(ctx, envelopeJSON, o.RequestID != "", o.RequestID)
}

// open is the one path from envelope bytes to plaintext (Decrypt, Unseal, Outbound).
func (c *Client) open(ctx context.Context, data []byte, bindRID bool, rid string) ([]byte, error) {
	if c.clientKey == nil {
		return nil, ErrNoClientKey
	}
	recipients, macKeys := c.clientKey.keys()
	e, err := envelope.Parse(data, 0)
	if err != nil {
		return nil, ErrInvalidEnvelope
	}
	verifiers, err := c.serverKeys.forSKID(ctx, e.SKID)
	if err != nil {
		return nil, fmt.Errorf("quantaseal: fetching the server keys to verify an envelope: %w", err)
	}
	return envelope.Open(e, envelope.Keys{Recipients: recipients, Verifiers: verifiers, MACKeys: macKeys},
		envelope.Checks{Now: c.clock(), MaxClockSkew: c.skew, BindRequestID: bindRID, RequestID: rid})
}

// ClientKeyStatus says whether envelopes are still sealed to a client key.
type ClientKeyStatus string

// The statuses of a registered client key.
const (
	ClientKeyActive  ClientKeyStatus = "active"
	ClientKeyRevoked ClientKeyStatus = "revoked"
)

// RegisteredClientKey is a client key as the service lists it (docs/openapi.yaml, ClientKey):
// its ids, never a secret.
type RegisteredClientKey struct {
	RKID       string          `json:"rkid"`
	HKID       string          `json:"hkid"`
	APIKeyID   string          `json:"api_key_id"` // the API key that registered it
	CreatedAt  time.Time       `json:"created_at"`
	LastUsedAt *time.Time      `json:"last_used_at"`
	RevokedAt  *time.Time      `json:"revoked_at"`
	Status     ClientKeyStatus `json:"status"`
}

// ListClientKeysInput is the input of ListClientKeys.
type ListClientKeysInput struct {
	Limit  int
	Cursor string
}

// ListClientKeysOutput is one page of client keys.
type ListClientKeysOutput struct {
	ClientKeys     []RegisteredClientKey `json:"client_keys"`
	NextCursor     string                `json:"next_cursor,omitempty"`
	ResultMetadata `json:"-"`
}

// ListClientKeys lists client keys, revoked ones too (GET /api/v2/encryption/client-keys,
// listClientKeys): with client_keys:manage those this API key registered, with admin the tenant's.
// NewListClientKeysPaginator walks every page.
func (s *EncryptionService) ListClientKeys(ctx context.Context, in *ListClientKeysInput) (*ListClientKeysOutput, error) {
	const op = "listClientKeys"
	if in == nil {
		in = &ListClientKeysInput{}
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/encryption/client-keys", query: listQuery(in.Limit, in.Cursor), retry: true})
	if err != nil {
		return nil, err
	}
	out := &ListClientKeysOutput{}
	if err := decode(op, resp, out); err != nil {
		return nil, err
	}
	out.ResultMetadata = resp.meta
	return out, nil
}

// RevokeClientKeyInput is the input of RevokeClientKey.
type RevokeClientKeyInput struct {
	RKID string // ck_…
}

// RevokeClientKeyOutput is the revoked key as listed.
type RevokeClientKeyOutput struct {
	RegisteredClientKey
	ResultMetadata `json:"-"`
}

// RevokeClientKey revokes a client key: from the answer on, no envelope is sealed to it (DELETE
// /api/v2/encryption/client-keys/{rkid}, revokeClientKey). Revoking a revoked key changes nothing.
func (s *EncryptionService) RevokeClientKey(ctx context.Context, in *RevokeClientKeyInput) (*RevokeClientKeyOutput, error) {
	const op = "revokeClientKey"
	if in == nil {
		in = &RevokeClientKeyInput{}
	}
	if err := required(op, "RKID", in.RKID); err != nil {
		return nil, err
	}
	resp, err := s.c.send(ctx, request{op: op, method: "DELETE", path: "/api/v2/encryption/client-keys/" + pathID(in.RKID), retry: true})
	if err != nil {
		return nil, err
	}
	out := &RevokeClientKeyOutput{ResultMetadata: resp.meta}
	return out, decode(op, resp, &out.RegisteredClientKey)
}
