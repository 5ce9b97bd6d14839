package quantaseal

import (
	"fmt"
	"sort"
	"strings"
)

// CredentialType is the kind of a sealed credential; each has its own fields.
type CredentialType string

// The credential types (docs/openapi.yaml, CredentialType).
const (
	CredentialTypeAPIKey                  CredentialType = "api_key"
	CredentialTypeBearerToken             CredentialType = "bearer_token"
	CredentialTypeBasicAuth               CredentialType = "basic_auth"
	CredentialTypeOAuth2ClientCredentials CredentialType = "oauth2_client_credentials"
)

// Credential is what Vault.Seal and Vault.RotateEntry send: a type and its fields. The four types
// of the API are APIKeyCredential, BearerTokenCredential, BasicAuthCredential and
// OAuth2ClientCredentials; RawCredential suits any other. Every implementation in this package
// keeps its secrets out of String, GoString and formatted values.
type Credential interface {
	CredentialType() CredentialType
	CredentialValues() map[string]string // the values member; empty fields are left out
}

// APIKeyCredential is an api_key credential (Datadog: its API key and, optionally, an application key).
type APIKeyCredential struct {
	APIKey string
	AppKey string
}

// CredentialType is api_key.
func (APIKeyCredential) CredentialType() CredentialType { return CredentialTypeAPIKey }

// CredentialValues are api_key and app_key.
func (c APIKeyCredential) CredentialValues() map[string]string {
	return nonEmpty("api_key", c.APIKey, "app_key", c.AppKey)
}

// BearerTokenCredential is a bearer_token credential.
type BearerTokenCredential struct {
	Token string
}

// CredentialType is bearer_token.
func (BearerTokenCredential) CredentialType() CredentialType { return CredentialTypeBearerToken }

// CredentialValues are token.
func (c BearerTokenCredential) CredentialValues() map[string]string {
	return nonEmpty("token", c.Token)
}

// BasicAuthCredential is a basic_auth credential.
type BasicAuthCredential struct {
	Username string
	Password string
}

// CredentialType is basic_auth.
func (BasicAuthCredential) CredentialType() CredentialType { return CredentialTypeBasicAuth }

// CredentialValues are username and password.
func (c BasicAuthCredential) CredentialValues() map[string]string {
	return nonEmpty("username", c.Username, "password", c.Password)
}

// OAuth2ClientCredentials is an oauth2_client_credentials credential; TokenURL must be https.
type OAuth2ClientCredentials struct {
	ClientID     string
	ClientSecret string
	TokenURL     string
	Scope        string
	Audience     string
}

// CredentialType is oauth2_client_credentials.
func (OAuth2ClientCredentials) CredentialType() CredentialType {
	return CredentialTypeOAuth2ClientCredentials
}

// CredentialValues are client_id, client_secret, token_url, scope and audience.
func (c OAuth2ClientCredentials) CredentialValues() map[string]string {
	return nonEmpty("client_id", c.ClientID, "client_secret", c.ClientSecret, "token_url", c.TokenURL,
		"scope", c.Scope, "audience", c.Audience)
}

// RawCredential is a credential of any type given as its raw fields.
type RawCredential struct {
	Type   CredentialType
	Values map[string]string
}

// CredentialType is Type.
func (c RawCredential) CredentialType() CredentialType { return c.Type }

// CredentialValues are Values.
func (c RawCredential) CredentialValues() map[string]string { return c.Values }

func nonEmpty(kv ...string) map[string]string {
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			m[kv[i]] = kv[i+1]
		}
	}
	return m
}

// redactedValues shows the field names of a credential, never the values.
func redactedValues(typeName string, values map[string]string) string {
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	sort.Strings(names)
	for i, n := range names {
		names[i] = n + ": [REDACTED]"
	}
	return "quantaseal." + typeName + "{" + strings.Join(names, ", ") + "}"
}

func (c APIKeyCredential) String() string {
	return redactedValues("APIKeyCredential", c.CredentialValues())
}

// GoString keeps the secret out of %#v.
func (c APIKeyCredential) GoString() string { return c.String() }

// Format keeps the secret out of every verb.
func (c APIKeyCredential) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

func (c BearerTokenCredential) String() string {
	return redactedValues("BearerTokenCredential", c.CredentialValues())
}

// GoString keeps the secret out of %#v.
func (c BearerTokenCredential) GoString() string { return c.String() }

// Format keeps the secret out of every verb.
func (c BearerTokenCredential) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

func (c BasicAuthCredential) String() string {
	return redactedValues("BasicAuthCredential", c.CredentialValues())
}

// GoString keeps the secret out of %#v.
func (c BasicAuthCredential) GoString() string { return c.String() }

// Format keeps the secret out of every verb.
func (c BasicAuthCredential) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

func (c OAuth2ClientCredentials) String() string {
	return redactedValues("OAuth2ClientCredentials", c.CredentialValues())
}

// GoString keeps the secret out of %#v.
func (c OAuth2ClientCredentials) GoString() string { return c.String() }

// Format keeps the secret out of every verb.
func (c OAuth2ClientCredentials) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

func (c RawCredential) String() string {
	return redactedValues("RawCredential", c.Values)
}

// GoString keeps the secrets out of %#v.
func (c RawCredential) GoString() string { return c.String() }

// Format keeps the secrets out of every verb.
func (c RawCredential) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }
