package quantaseal

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"
)

// Version is the version of this SDK (sent in the User-Agent).
const Version = "0.1.0"

// HTTPClient sends one HTTP request; *http.Client satisfies it.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Options configure a Client. The zero value of every field means its default.
type Options struct {
	// BaseURL of the API, e.g. http://127.0.0.1:8080 or https://abc123.execute-api.us-east-1.amazonaws.com/v2.
	// Empty: the QS_URL environment variable.
	BaseURL string
	// APIKey sent as X-API-Key (qs_live_… or qs_test_…). Empty: the QS_API_KEY environment variable.
	// It never appears in a String, GoString or formatted value of Options or Client.
	APIKey string
	// ClientKey opens the envelopes of Vault.Unseal and Proxy.Outbound and Encryption.Decrypt.
	ClientKey *ClientKey
	// HTTPClient sends the requests. Default: an *http.Client with a 60 s timeout.
	HTTPClient HTTPClient
	// Retry says how failed calls are retried (see RetryOptions).
	Retry RetryOptions
	// MaxClockSkew is how far an envelope's iat may be from Clock, either way. Default 300 s.
	MaxClockSkew time.Duration
	// Clock is the time envelopes are checked against. Default time.Now.
	Clock func() time.Time
	// UserAgent is appended to the SDK's own User-Agent.
	UserAgent string
}

func (o Options) String() string {
	return fmt.Sprintf("quantaseal.Options{BaseURL: %q, APIKey: %s, ClientKey: %v}", o.BaseURL, redactedIfSet(o.APIKey), o.ClientKey)
}

// GoString keeps the API key out of %#v.
func (o Options) GoString() string { return o.String() }

// Format keeps the API key out of every verb.
func (o Options) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(o.String())) }

// Client calls the QuantaSeal API. It is safe for concurrent use; WithClientKey returns a copy
// that shares its HTTP client and its cache of server keys.
type Client struct {
	baseURL    *url.URL
	apiKey     string
	userAgent  string
	httpClient HTTPClient
	retry      RetryOptions
	clientKey  *ClientKey
	skew       time.Duration
	clock      func() time.Time
	serverKeys *serverKeyCache
	sleep      func(ctxDone <-chan struct{}, d time.Duration) bool // replaced in tests

	vault        *VaultService
	encryption   *EncryptionService
	integrations *IntegrationsService
	proxy        *ProxyService
	siem         *SIEMService
	audit        *AuditService
	apiKeys      *APIKeysService
}

// New returns a client for the API at opts.BaseURL with opts.APIKey (or QS_URL and QS_API_KEY),
// after applying each optFn to a copy of opts.
func New(opts Options, optFns ...func(*Options)) (*Client, error) {
	for _, fn := range optFns {
		fn(&opts)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = os.Getenv("QS_URL")
	}
	if opts.APIKey == "" {
		opts.APIKey = os.Getenv("QS_API_KEY")
	}
	if opts.BaseURL == "" {
		return nil, errors.New("quantaseal: no base URL (Options.BaseURL or QS_URL)")
	}
	if opts.APIKey == "" {
		return nil, errors.New("quantaseal: no API key (Options.APIKey or QS_API_KEY)")
	}
	if strings.ContainsAny(opts.APIKey, "\r\n\t ") {
		return nil, errors.New("quantaseal: the API key contains white space")
	}
	u, err := url.Parse(strings.TrimRight(opts.BaseURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("quantaseal: base URL %q is not an http(s) URL", opts.BaseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("quantaseal: base URL %q has a query or fragment", opts.BaseURL)
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{Timeout: 60 * time.Second}
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	ua := "quantaseal-go/" + Version + " (" + runtime.Version() + ")"
	if opts.UserAgent != "" {
		ua += " " + opts.UserAgent
	}
	c := &Client{
		baseURL:    u,
		apiKey:     opts.APIKey,
		userAgent:  ua,
		httpClient: opts.HTTPClient,
		retry:      opts.Retry.withDefaults(),
		clientKey:  opts.ClientKey,
		skew:       opts.MaxClockSkew,
		clock:      opts.Clock,
		serverKeys: newServerKeyCache(),
		sleep:      sleepCtx,
	}
	c.serverKeys.fetch = c.fetchServerKeys
	c.initServices()
	return c, nil
}

func (c *Client) initServices() {
	c.vault = &VaultService{c: c}
	c.encryption = &EncryptionService{c: c}
	c.integrations = &IntegrationsService{c: c}
	c.proxy = &ProxyService{c: c}
	c.siem = &SIEMService{c: c}
	c.audit = &AuditService{c: c}
	c.apiKeys = &APIKeysService{c: c}
}

// WithClientKey returns a copy of c that holds key (nil: none). The copy shares c's HTTP client and
// server-key cache; c itself is unchanged.
func (c *Client) WithClientKey(key *ClientKey) *Client {
	cp := *c
	cp.clientKey = key
	cp.initServices()
	return &cp
}

// ClientKey returns the client key this client holds, or nil.
func (c *Client) ClientKey() *ClientKey { return c.clientKey }

// Vault: seal, unseal, list, get, rotate, delete and retire versions of credentials.
func (c *Client) Vault() *VaultService { return c.vault }

// Encryption: client keys, server keys, and Decrypt.
func (c *Client) Encryption() *EncryptionService { return c.encryption }

// Integrations: Datadog integrations and their allow-lists.
func (c *Client) Integrations() *IntegrationsService { return c.integrations }

// Proxy: calls to Datadog with a sealed key, answered in an envelope.
func (c *Client) Proxy() *ProxyService { return c.proxy }

// SIEM: where QuantaSeal's own metrics, audit trail and alerts go.
func (c *Client) SIEM() *SIEMService { return c.siem }

// Audit: the audit records, their signed checkpoints, and Verify.
func (c *Client) Audit() *AuditService { return c.audit }

// APIKeys: the tenant's API keys (create, shown once; list; the calling key; revoke).
func (c *Client) APIKeys() *APIKeysService { return c.apiKeys }

func (c Client) String() string {
	return fmt.Sprintf("quantaseal.Client{BaseURL: %q, APIKey: [REDACTED], ClientKey: %v}", c.baseURL.String(), c.clientKey)
}

// GoString keeps the API key out of %#v.
func (c Client) GoString() string { return c.String() }

// Format keeps the API key out of every verb.
func (c Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

func redactedIfSet(s string) string {
	if s == "" {
		return `""`
	}
	return "[REDACTED]"
}
