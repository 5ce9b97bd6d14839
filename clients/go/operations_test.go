package quantaseal

import (
	"context"
	"crypto/mlkem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/quantaseal/quantaseal-go/internal/b64"
)

const (
	entryJSON            = `{"vault_entry_id":"vlt_01jdz7yv3b5n8q2r4t6w8y0a1c","name":"dd","credential_type":"api_key","version":1,"created_at":"2026-12-01T10:00:00Z","rotated_at":"2026-12-01T10:00:00Z"}`
	detailJSON           = `{"vault_entry_id":"vlt_01jdz7yv3b5n8q2r4t6w8y0a1c","name":"dd","credential_type":"api_key","version":2,"created_at":"2026-12-01T10:00:00Z","rotated_at":"2026-12-02T10:00:00Z","versions":[{"version":1,"created_at":"2026-12-01T10:00:00Z","current":false},{"version":2,"created_at":"2026-12-02T10:00:00Z","current":true}]}`
	integJSON            = `{"integration_id":"int_01jdz7yv3b5n8q2r4t6w8y0a1c","system_type":"datadog","name":"prod","credential_id":"vlt_01jdz7yv3b5n8q2r4t6w8y0a1c","config":{"site":"datadoghq.eu"},"allowed_operations":["send_event","send_log"],"status":"unhealthy","unhealthy_reason":"credential_rejected","created_at":"2026-12-01T10:00:00Z","updated_at":"2026-12-03T10:00:00Z","future_member":{"x":1}}`
	clientKeyJSON        = `{"rkid":"ck_01jdz7yv3b5n8q2r4t6w8y0a1c","hkid":"hk_01jdz7yv3b5n8q2r4t6w8y0a1c","api_key_id":"key_01jdz7yv3b5n8q2r4t6w8y0a1c","created_at":"2026-12-01T10:00:00Z","last_used_at":"2026-12-02T10:00:00Z","revoked_at":null,"status":"active"}`
	revokedClientKeyJSON = `{"rkid":"ck_01jdz7yv3b5n8q2r4t6w8y0a1d","hkid":"hk_01jdz7yv3b5n8q2r4t6w8y0a1d","api_key_id":null,"created_at":"2026-12-01T10:00:00Z","last_used_at":null,"revoked_at":"2026-12-03T10:00:00Z","status":"revoked"}`
	apiKeyJSON           = `{"api_key_id":"key_01jdz7yv3b5n8q2r4t6w8y0a1c","name":null,"display_prefix":"qs_test_abcd…","scopes":["admin","client_keys:manage"],"created_at":"2026-12-01T10:00:00Z","last_used_at":null,"expires_at":null,"revoked_at":"2026-12-03T10:00:00Z","status":"revoked"}`
	destJSON             = `{"destination_id":"dst_01jdz7yv3b5n8q2r4t6w8y0a1c","system_type":"datadog","integration_id":"int_01jdz7yv3b5n8q2r4t6w8y0a1c","streams":["audit"],"created_at":"2026-12-01T10:00:00Z","status":"stopped_credential_rejected","stopped_reason":"Datadog answered 403","stopped_at":"2026-12-02T10:00:00Z"}`
)

// opCase is one operation of docs/openapi.yaml: what the SDK must send and how it reads the answer.
type opCase struct {
	operationID string
	call        func(ctx context.Context, c *Client) (any, error)
	method      string
	path        string
	query       string
	body        string // JSON, "" for none
	idempotency string // "generated", "given:<key>" or ""
	status      int
	answer      string
	check       func(t *testing.T, out any)
}

func operationCases() []opCase {
	when := func(s string) time.Time { tm, _ := time.Parse(time.RFC3339, s); return tm }
	return []opCase{
		{
			operationID: "sealCredential",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Vault().Seal(ctx, &SealInput{Name: "dd", Credential: APIKeyCredential{APIKey: "k1", AppKey: "a1"}})
			},
			method: "POST", path: "/api/v2/vault/seal",
			body:        `{"credential_type":"api_key","name":"dd","values":{"api_key":"k1","app_key":"a1"}}`,
			idempotency: "generated", status: 201, answer: entryJSON,
			check: func(t *testing.T, out any) {
				o := out.(*SealOutput)
				if o.VaultEntryID != "vlt_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.Version != 1 || o.CredentialType != CredentialTypeAPIKey ||
					!o.CreatedAt.Equal(when("2026-12-01T10:00:00Z")) || o.RequestID != "req_op" || o.StatusCode != 201 {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "sealCredential (basic_auth, own idempotency key)",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Vault().Seal(ctx, &SealInput{Credential: BasicAuthCredential{Username: "u", Password: "p"}, IdempotencyKey: "my-key-1"})
			},
			method: "POST", path: "/api/v2/vault/seal",
			body:        `{"credential_type":"basic_auth","values":{"username":"u","password":"p"}}`,
			idempotency: "given:my-key-1", status: 201, answer: entryJSON,
			check: func(t *testing.T, out any) {},
		},
		{
			operationID: "listEntries",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Vault().ListEntries(ctx, &ListEntriesInput{Limit: 10, Cursor: "c1"})
			},
			method: "GET", path: "/api/v2/vault/entries", query: "cursor=c1&limit=10",
			status: 200, answer: `{"entries":[` + entryJSON + `],"next_cursor":"c2"}`,
			check: func(t *testing.T, out any) {
				o := out.(*ListEntriesOutput)
				if len(o.Entries) != 1 || o.Entries[0].Name != "dd" || o.NextCursor != "c2" {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "getEntry",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Vault().GetEntry(ctx, &GetEntryInput{VaultEntryID: "vlt_01jdz7yv3b5n8q2r4t6w8y0a1c"})
			},
			method: "GET", path: "/api/v2/vault/entries/vlt_01jdz7yv3b5n8q2r4t6w8y0a1c",
			status: 200, answer: detailJSON,
			check: func(t *testing.T, out any) {
				o := out.(*GetEntryOutput)
				if o.Version != 2 || len(o.Versions) != 2 || !o.Versions[1].Current || o.Versions[0].Current {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "rotateEntry",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Vault().RotateEntry(ctx, &RotateEntryInput{VaultEntryID: "vlt_1", Credential: APIKeyCredential{APIKey: "k2"}})
			},
			method: "POST", path: "/api/v2/vault/entries/vlt_1/rotate",
			body: `{"values":{"api_key":"k2"}}`, status: 200, answer: detailJSON,
			check: func(t *testing.T, out any) {
				if o := out.(*RotateEntryOutput); o.Version != 2 || !o.RotatedAt.Equal(when("2026-12-02T10:00:00Z")) {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "deleteEntry",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Vault().DeleteEntry(ctx, &DeleteEntryInput{VaultEntryID: "vlt_1", Force: true})
			},
			method: "DELETE", path: "/api/v2/vault/entries/vlt_1", query: "force=true", status: 204,
			check: func(t *testing.T, out any) {
				if o := out.(*DeleteEntryOutput); o.StatusCode != 204 || o.RequestID != "req_op" {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "retireVersion",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Vault().RetireVersion(ctx, &RetireVersionInput{VaultEntryID: "vlt_1", Version: 1})
			},
			method: "DELETE", path: "/api/v2/vault/entries/vlt_1/versions/1", status: 204,
			check: func(t *testing.T, out any) {},
		},
		{
			operationID: "registerClientKey",
			call: func(ctx context.Context, c *Client) (any, error) {
				dk, _ := mlkem.NewDecapsulationKey768(make([]byte, 64))
				return c.Encryption().RegisterClientKey(ctx, &RegisterClientKeyInput{PublicKey: dk.EncapsulationKey().Bytes()})
			},
			method: "POST", path: "/api/v2/encryption/client-keys",
			body: func() string {
				dk, _ := mlkem.NewDecapsulationKey768(make([]byte, 64))
				return `{"public_key":"` + b64.Encode(dk.EncapsulationKey().Bytes()) + `"}`
			}(),
			status: 201,
			answer: `{"rkid":"ck_01jdz7yv3b5n8q2r4t6w8y0a1c","hkid":"hk_01jdz7yv3b5n8q2r4t6w8y0a1c","hmac_key":"` + b64.Encode(make([]byte, 64)) + `","created_at":"2026-12-01T10:00:00Z"}`,
			check: func(t *testing.T, out any) {
				o := out.(*RegisterClientKeyOutput)
				if o.RKID != "ck_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.HKID != "hk_01jdz7yv3b5n8q2r4t6w8y0a1c" || len(o.HMACKey) != 64 {
					t.Fatalf("%v", o)
				}
			},
		},
		{
			operationID: "listServerKeys",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Encryption().ListServerKeys(ctx, nil)
			},
			method: "GET", path: "/api/v2/encryption/server-keys", status: 200, // served by the fake itself
			check: func(t *testing.T, out any) {
				o := out.(*ListServerKeysOutput)
				if len(o.Keys) != 1 || o.Keys[0].SKID != "sk_test_1" || len(o.Keys[0].PublicKey) != 1952 || o.Keys[0].Status != ServerKeyActive {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "createIntegration",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Integrations().Create(ctx, &CreateIntegrationInput{
					Name: "prod", CredentialID: "vlt_1", Config: IntegrationConfig{Site: DatadogSiteEU1},
					AllowedOperations: []Operation{OperationSendEvent, OperationSendLog}, IdempotencyKey: "int-1",
				})
			},
			method: "POST", path: "/api/v2/integrations",
			body:        `{"system_type":"datadog","name":"prod","credential_id":"vlt_1","config":{"site":"datadoghq.eu"},"allowed_operations":["send_event","send_log"]}`,
			idempotency: "given:int-1", status: 201, answer: integJSON,
			check: func(t *testing.T, out any) {
				o := out.(*CreateIntegrationOutput)
				if o.IntegrationID != "int_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.Config.Site != DatadogSiteEU1 || len(o.AllowedOperations) != 2 ||
					o.Status != IntegrationUnhealthy || o.UnhealthyReason != "credential_rejected" {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "listIntegrations",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Integrations().List(ctx, nil)
			},
			method: "GET", path: "/api/v2/integrations", status: 200, answer: `{"integrations":[` + integJSON + `,` + integJSON + `]}`,
			check: func(t *testing.T, out any) {
				if o := out.(*ListIntegrationsOutput); len(o.Integrations) != 2 || o.NextCursor != "" {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "getIntegration",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Integrations().Get(ctx, &GetIntegrationInput{IntegrationID: "int_1"})
			},
			method: "GET", path: "/api/v2/integrations/int_1", status: 200, answer: integJSON,
			check: func(t *testing.T, out any) {
				if o := out.(*GetIntegrationOutput); o.Name != "prod" || !o.UpdatedAt.Equal(when("2026-12-03T10:00:00Z")) {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "updateIntegration",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Integrations().Update(ctx, &UpdateIntegrationInput{IntegrationID: "int_1", Name: String("new"), AllowedOperations: []Operation{}})
			},
			method: "PATCH", path: "/api/v2/integrations/int_1", body: `{"name":"new","allowed_operations":[]}`,
			status: 200, answer: integJSON,
			check: func(t *testing.T, out any) {},
		},
		{
			operationID: "deleteIntegration",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Integrations().Delete(ctx, &DeleteIntegrationInput{IntegrationID: "int_1"})
			},
			method: "DELETE", path: "/api/v2/integrations/int_1", status: 204,
			check: func(t *testing.T, out any) {},
		},
		{
			operationID: "createSiemDestination",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.SIEM().CreateDestination(ctx, &CreateSIEMDestinationInput{IntegrationID: "int_1", Streams: []SIEMStream{SIEMStreamAudit}})
			},
			method: "POST", path: "/api/v2/siem/destinations", body: `{"system_type":"datadog","integration_id":"int_1","streams":["audit"]}`,
			status: 201, answer: destJSON,
			check: func(t *testing.T, out any) {
				o := out.(*CreateSIEMDestinationOutput)
				if o.DestinationID != "dst_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.Status != SIEMDestinationStoppedCredentialRejected ||
					o.StoppedAt == nil || !o.StoppedAt.Equal(when("2026-12-02T10:00:00Z")) {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "listSiemDestinations",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.SIEM().ListDestinations(ctx, &ListSIEMDestinationsInput{Limit: 5})
			},
			method: "GET", path: "/api/v2/siem/destinations", query: "limit=5", status: 200, answer: `{"destinations":[` + destJSON + `]}`,
			check: func(t *testing.T, out any) {
				if o := out.(*ListSIEMDestinationsOutput); len(o.Destinations) != 1 || o.Destinations[0].Streams[0] != SIEMStreamAudit {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "getSiemDestination",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.SIEM().GetDestination(ctx, &GetSIEMDestinationInput{DestinationID: "dst_1"})
			},
			method: "GET", path: "/api/v2/siem/destinations/dst_1", status: 200, answer: destJSON,
			check: func(t *testing.T, out any) {},
		},
		{
			operationID: "deleteSiemDestination",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.SIEM().DeleteDestination(ctx, &DeleteSIEMDestinationInput{DestinationID: "dst_1"})
			},
			method: "DELETE", path: "/api/v2/siem/destinations/dst_1", status: 204,
			check: func(t *testing.T, out any) {},
		},
		{
			operationID: "listAuditRecords",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Audit().ListRecords(ctx, &ListAuditRecordsInput{
					From: when("2026-12-04T18:39:00Z"), To: when("2026-12-04T18:40:00Z"), Action: "vault.unseal", Outcome: "denied", Limit: 10, Cursor: "c1",
				})
			},
			method: "GET", path: "/api/v2/audit",
			query:  "action=vault.unseal&cursor=c1&from=2026-12-04T18%3A39%3A00.000000Z&limit=10&outcome=denied&to=2026-12-04T18%3A40%3A00.000000Z",
			status: 200, answer: `{"records":[{"audit_id":"aud_1","details":{"n":1}}],"next_cursor":"c2"}`,
			check: func(t *testing.T, out any) {
				o := out.(*ListAuditRecordsOutput)
				if len(o.Records) != 1 || string(o.Records[0]) != `{"audit_id":"aud_1","details":{"n":1}}` || o.NextCursor != "c2" || o.RequestID != "req_op" {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "listAuditCheckpoints",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Audit().ListCheckpoints(ctx, &ListAuditCheckpointsInput{From: when("2026-12-04T18:39:00Z"), Limit: 5})
			},
			method: "GET", path: "/api/v2/audit/checkpoints", query: "from=2026-12-04T18%3A39%3A00.000000Z&limit=5",
			status: 200, answer: `{"checkpoints":[{"body":{"seq":0},"sig":"AA"}],"next_cursor":null}`,
			check: func(t *testing.T, out any) {
				o := out.(*ListAuditCheckpointsOutput)
				if len(o.Checkpoints) != 1 || string(o.Checkpoints[0]) != `{"body":{"seq":0},"sig":"AA"}` || o.NextCursor != "" {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "listClientKeys",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Encryption().ListClientKeys(ctx, &ListClientKeysInput{Limit: 2, Cursor: "c1"})
			},
			method: "GET", path: "/api/v2/encryption/client-keys", query: "cursor=c1&limit=2",
			status: 200, answer: `{"client_keys":[` + clientKeyJSON + `,` + revokedClientKeyJSON + `],"next_cursor":"c2"}`,
			check: func(t *testing.T, out any) {
				o := out.(*ListClientKeysOutput)
				if len(o.ClientKeys) != 2 || o.NextCursor != "c2" || o.RequestID != "req_op" {
					t.Fatalf("%+v", o)
				}
				k := o.ClientKeys[0]
				if k.RKID != "ck_01jdz7yv3b5n8q2r4t6w8y0a1c" || k.HKID != "hk_01jdz7yv3b5n8q2r4t6w8y0a1c" || k.APIKeyID != "key_01jdz7yv3b5n8q2r4t6w8y0a1c" ||
					k.Status != ClientKeyActive || k.RevokedAt != nil || k.LastUsedAt == nil || !k.LastUsedAt.Equal(when("2026-12-02T10:00:00Z")) {
					t.Fatalf("%+v", k)
				}
				if r := o.ClientKeys[1]; r.Status != ClientKeyRevoked || r.RevokedAt == nil || !r.RevokedAt.Equal(when("2026-12-03T10:00:00Z")) {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			operationID: "revokeClientKey",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.Encryption().RevokeClientKey(ctx, &RevokeClientKeyInput{RKID: "ck_1"})
			},
			method: "DELETE", path: "/api/v2/encryption/client-keys/ck_1", status: 200, answer: revokedClientKeyJSON,
			check: func(t *testing.T, out any) {
				o := out.(*RevokeClientKeyOutput)
				if o.RKID != "ck_01jdz7yv3b5n8q2r4t6w8y0a1d" || o.Status != ClientKeyRevoked || o.RevokedAt == nil || o.StatusCode != 200 {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "createApiKey",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.APIKeys().Create(ctx, &CreateAPIKeyInput{
					Name: "ci", Scopes: []APIKeyScope{APIKeyScopeVaultUnseal}, ExpiresAt: when("2027-01-01T00:00:00Z"), IdempotencyKey: "ak-1",
				})
			},
			method: "POST", path: "/api/v2/api-keys",
			body:        `{"name":"ci","scopes":["vault:unseal"],"expires_at":"2027-01-01T00:00:00Z"}`,
			idempotency: "given:ak-1", status: 201,
			answer: `{"api_key_id":"key_01jdz7yv3b5n8q2r4t6w8y0a1c","api_key":"qs_test_NEWKEYaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","name":"ci","display_prefix":"qs_test_NEWK…",` +
				`"scopes":["vault:unseal"],"created_at":"2026-12-01T10:00:00Z","last_used_at":null,"expires_at":"2027-01-01T00:00:00Z","revoked_at":null,"status":"active"}`,
			check: func(t *testing.T, out any) {
				o := out.(*CreateAPIKeyOutput)
				if o.APIKeyID != "key_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.Key != "qs_test_NEWKEYaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" || o.Name != "ci" ||
					len(o.Scopes) != 1 || o.Scopes[0] != APIKeyScopeVaultUnseal || o.ExpiresAt == nil || !o.ExpiresAt.Equal(when("2027-01-01T00:00:00Z")) ||
					o.LastUsedAt != nil || o.Status != APIKeyActive || o.StatusCode != 201 {
					t.Fatalf("%+v", o)
				}
				for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
					if s := fmt.Sprintf(verb, o); strings.Contains(s, "NEWKEY") || !strings.Contains(s, "key_01jdz7yv3b5n8q2r4t6w8y0a1c") {
						t.Fatalf("%s shows the key or hides the id: %s", verb, s)
					}
				}
			},
		},
		{
			operationID: "listApiKeys",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.APIKeys().List(ctx, &ListAPIKeysInput{Limit: 3})
			},
			method: "GET", path: "/api/v2/api-keys", query: "limit=3", status: 200,
			answer: `{"api_keys":[` + apiKeyJSON + `],"next_cursor":null}`,
			check: func(t *testing.T, out any) {
				o := out.(*ListAPIKeysOutput)
				if len(o.APIKeys) != 1 || o.NextCursor != "" {
					t.Fatalf("%+v", o)
				}
				k := o.APIKeys[0]
				if k.APIKeyID != "key_01jdz7yv3b5n8q2r4t6w8y0a1c" || k.Name != "" || k.DisplayPrefix != "qs_test_abcd…" || k.Status != APIKeyRevoked ||
					len(k.Scopes) != 2 || k.Scopes[0] != APIKeyScopeAdmin || k.Scopes[1] != APIKeyScopeClientKeysManage || k.RevokedAt == nil || k.ExpiresAt != nil {
					t.Fatalf("%+v", k)
				}
			},
		},
		{
			operationID: "getCurrentApiKey",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.APIKeys().Current(ctx, nil)
			},
			method: "GET", path: "/api/v2/api-keys/current", status: 200,
			answer: `{"tenant_id":"ten_01jdz7yv3b5n8q2r4t6w8y0a1c","api_key_id":"key_01jdz7yv3b5n8q2r4t6w8y0a1c","name":"ops","display_prefix":"qs_test_abcd…",` +
				`"scopes":["admin"],"created_at":"2026-12-01T10:00:00Z","last_used_at":"2026-12-02T10:00:00Z","expires_at":null,"revoked_at":null,"status":"active"}`,
			check: func(t *testing.T, out any) {
				o := out.(*CurrentAPIKeyOutput)
				if o.TenantID != "ten_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.APIKeyID != "key_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.Name != "ops" ||
					o.Scopes[0] != APIKeyScopeAdmin || o.LastUsedAt == nil || o.Status != APIKeyActive || o.RequestID != "req_op" {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "revokeApiKey",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.APIKeys().Revoke(ctx, &RevokeAPIKeyInput{APIKeyID: "key_1"})
			},
			method: "DELETE", path: "/api/v2/api-keys/key_1", status: 200, answer: apiKeyJSON,
			check: func(t *testing.T, out any) {
				o := out.(*RevokeAPIKeyOutput)
				if o.APIKeyID != "key_01jdz7yv3b5n8q2r4t6w8y0a1c" || o.Status != APIKeyRevoked || !o.RevokedAt.Equal(when("2026-12-03T10:00:00Z")) {
					t.Fatalf("%+v", o)
				}
			},
		},
		{
			operationID: "testSiemDestination",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.SIEM().TestDestination(ctx, &TestSIEMDestinationInput{DestinationID: "dst_1"})
			},
			method: "POST", path: "/api/v2/siem/destinations/dst_1/test", status: 200,
			answer: `{"destination_id":"dst_1","operation":"send_event","sent_at":"2026-12-02T10:00:00Z","delivered":false,` +
				`"datadog":{"status":403,"body":{"errors":["Forbidden"]},"latency_ms":41},"error":"Datadog refused the key"}`,
			check: func(t *testing.T, out any) {
				o := out.(*TestSIEMDestinationOutput)
				if o.DestinationID != "dst_1" || o.Operation != OperationSendEvent || !o.SentAt.Equal(when("2026-12-02T10:00:00Z")) || o.Delivered ||
					o.Datadog.Status != 403 || string(o.Datadog.Body) != `{"errors":["Forbidden"]}` || o.Datadog.LatencyMS != 41 || o.Error != "Datadog refused the key" {
					t.Fatalf("%+v", o)
				}
			},
		},
	}
}

func TestOperations(t *testing.T) {
	for _, tc := range operationCases() {
		t.Run(tc.operationID, func(t *testing.T) {
			f := newFakeAPI(t)
			f.setHandler(func(w http.ResponseWriter, r *http.Request, body []byte) {
				if tc.status == 204 {
					w.Header().Set("X-Request-Id", "req_op")
					w.WriteHeader(204)
					return
				}
				writeJSON(w, tc.status, "req_op", tc.answer)
			})
			c, _ := newTestClient(t, f, nil)
			out, err := tc.call(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, out)
			reqs := f.received()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tc.method || r.Path != tc.path || r.RawQuery != tc.query {
				t.Fatalf("sent %s %s?%s, want %s %s?%s", r.Method, r.Path, r.RawQuery, tc.method, tc.path, tc.query)
			}
			if r.Header.Get("X-API-Key") != testAPIKey || !strings.HasPrefix(r.Header.Get("User-Agent"), "quantaseal-go/") {
				t.Fatalf("headers %v", r.Header)
			}
			if tc.body == "" {
				if len(r.Body) != 0 {
					t.Fatalf("unexpected body %s", r.Body)
				}
			} else {
				jsonEqual(t, r.Body, tc.body)
				if r.Header.Get("Content-Type") != "application/json" {
					t.Fatal("no Content-Type: application/json")
				}
			}
			idem := r.Header.Get("Idempotency-Key")
			switch {
			case tc.idempotency == "generated":
				if !regexp.MustCompile(`^qsgo-[0-9a-f]{32}$`).MatchString(idem) {
					t.Fatalf("Idempotency-Key %q, want a generated one", idem)
				}
			case strings.HasPrefix(tc.idempotency, "given:"):
				if idem != strings.TrimPrefix(tc.idempotency, "given:") {
					t.Fatalf("Idempotency-Key %q, want %q", idem, tc.idempotency)
				}
			default:
				if idem != "" {
					t.Fatalf("Idempotency-Key %q, want none", idem)
				}
			}
		})
	}
}

// TestEveryOperationIsCovered reads docs/openapi.yaml and checks that each operationId has a case
// here or in the envelope tests (unsealCredential, proxyOutbound).
func TestEveryOperationIsCovered(t *testing.T) {
	data, err := os.ReadFile(repoFile(t, "docs/openapi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{"unsealCredential": true, "proxyOutbound": true}
	for _, tc := range operationCases() {
		covered[strings.Fields(tc.operationID)[0]] = true
	}
	ids := regexp.MustCompile(`(?m)^\s+operationId:\s*(\S+)\s*$`).FindAllSubmatch(data, -1)
	if len(ids) < 19 {
		t.Fatalf("found %d operationIds in docs/openapi.yaml", len(ids))
	}
	for _, m := range ids {
		if !covered[string(m[1])] {
			t.Errorf("operation %s of docs/openapi.yaml has no method/test in the Go SDK", m[1])
		}
	}
}

func TestRequiredParametersAreCheckedBeforeSending(t *testing.T) {
	f := newFakeAPI(t)
	c, _ := newTestClient(t, f, testClientKey(t, "ck_a", "hk_a"))
	ctx := context.Background()
	calls := map[string]func() error{
		"seal without credential": func() error { _, err := c.Vault().Seal(ctx, &SealInput{}); return err },
		"seal nil":                func() error { _, err := c.Vault().Seal(ctx, nil); return err },
		"get without id":          func() error { _, err := c.Vault().GetEntry(ctx, nil); return err },
		"retire version 0": func() error {
			_, err := c.Vault().RetireVersion(ctx, &RetireVersionInput{VaultEntryID: "v"})
			return err
		},
		"unseal without id": func() error { _, err := c.Vault().Unseal(ctx, &UnsealInput{}); return err },
		"integration without site": func() error {
			_, err := c.Integrations().Create(ctx, &CreateIntegrationInput{CredentialID: "v"})
			return err
		},
		"outbound without payload": func() error {
			_, err := c.Proxy().Outbound(ctx, &OutboundInput{IntegrationID: "i", Operation: OperationSendEvent})
			return err
		},
		"register a short key": func() error {
			_, err := c.Encryption().RegisterClientKey(ctx, &RegisterClientKeyInput{PublicKey: []byte{1}})
			return err
		},
		"revoke client key without rkid": func() error {
			_, err := c.Encryption().RevokeClientKey(ctx, &RevokeClientKeyInput{})
			return err
		},
		"api key without name": func() error { _, err := c.APIKeys().Create(ctx, nil); return err },
		"revoke api key nil":   func() error { _, err := c.APIKeys().Revoke(ctx, nil); return err },
		"test destination nil": func() error { _, err := c.SIEM().TestDestination(ctx, nil); return err },
		"idempotency key with a space": func() error {
			_, err := c.Vault().Seal(ctx, &SealInput{Credential: BearerTokenCredential{Token: "t"}, IdempotencyKey: "a b"})
			return err
		},
		"idempotency key of 256 characters": func() error {
			_, err := c.Vault().Seal(ctx, &SealInput{Credential: BearerTokenCredential{Token: "t"}, IdempotencyKey: strings.Repeat("k", 256)})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if n := len(f.received()); n != 0 {
		t.Fatalf("%d requests were sent", n)
	}
}

func TestNoClientKey(t *testing.T) {
	f := newFakeAPI(t)
	c, _ := newTestClient(t, f, nil)
	ctx := context.Background()
	if _, err := c.Vault().Unseal(ctx, &UnsealInput{VaultEntryID: "vlt_1"}); !errors.Is(err, ErrNoClientKey) {
		t.Errorf("unseal: %v", err)
	}
	if _, err := c.Proxy().Outbound(ctx, &OutboundInput{IntegrationID: "int_1", Operation: OperationSendEvent, Payload: map[string]any{}}); !errors.Is(err, ErrNoClientKey) {
		t.Errorf("outbound: %v", err)
	}
	if _, err := c.Encryption().Decrypt(ctx, []byte(`{}`)); !errors.Is(err, ErrNoClientKey) {
		t.Errorf("decrypt: %v", err)
	}
	if n := len(f.received()); n != 0 {
		t.Fatalf("%d requests were sent", n)
	}
}
