package quantaseal

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"time"

	"github.com/quantaseal/quantaseal-go/audit"
)

// AuditService covers the tenant's audit trail: its records, its signed checkpoints, and Verify,
// which checks a range of them against each other without trusting the service
// (docs/api.md#audit-records, docs/api.md#audit-checkpoints, docs/audit.md "Verifying"). Every
// call needs an API key with scope admin.
//
// Records and checkpoints are kept as json.RawMessage, exactly as answered: the verifier hashes
// each record's RFC 8785 canonical JSON, so decoding into a struct and back would break the root.
type AuditService struct{ c *Client }

// AuditTimeFormat is the audit trail's time format (UTC, microseconds), the one From and To are
// sent in and the verifier reads.
const AuditTimeFormat = "2006-01-02T15:04:05.000000Z"

// verifyPageSize is Verify's default page: the largest the service allows.
const verifyPageSize = 200

// ListAuditRecordsInput is the input of ListRecords. A zero From or To is left out (the whole
// trail on that side).
type ListAuditRecordsInput struct {
	From, To time.Time // records with From <= time < To
	Action   string    // only this action, e.g. vault.unseal
	Outcome  string    // success, denied, failure or error
	Limit    int
	Cursor   string
}

// ListAuditRecordsOutput is one page of records, each exactly as answered.
type ListAuditRecordsOutput struct {
	Records    []json.RawMessage
	NextCursor string
	ResultMetadata
}

// ListAuditCheckpointsInput is the input of ListCheckpoints.
type ListAuditCheckpointsInput struct {
	From, To time.Time // checkpoints whose period meets [From, To)
	Limit    int
	Cursor   string
}

// ListAuditCheckpointsOutput is one page of checkpoints, each {"body", "sig"} exactly as signed.
type ListAuditCheckpointsOutput struct {
	Checkpoints []json.RawMessage
	NextCursor  string
	ResultMetadata
}

// VerifyOptions are the options of Verify (nil is fine).
type VerifyOptions struct {
	// Anchor is the LastVerified of the verification of the range before: with it, the first
	// checkpoint's prev link is checked too.
	Anchor json.RawMessage
	// TenantID is whose trail it is; empty: the calling API key's (GET /api/v2/api-keys/current).
	TenantID string
	// PageSize is the limit of each list call; 0: 200.
	PageSize int
}

func auditRange(from, to time.Time, limit int, cursor string) url.Values {
	q := listQuery(limit, cursor)
	if !from.IsZero() {
		q.Set("from", from.UTC().Format(AuditTimeFormat))
	}
	if !to.IsZero() {
		q.Set("to", to.UTC().Format(AuditTimeFormat))
	}
	return q
}

// rawPage reads a list answer whose items stay raw; next_cursor may be null.
func rawPage(op string, resp *response, member string) ([]json.RawMessage, string, error) {
	var w map[string]json.RawMessage
	if err := decode(op, resp, &w); err != nil {
		return nil, "", err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(w[member], &items); err != nil || items == nil {
		return nil, "", fmt.Errorf("quantaseal: %s: unexpected answer (HTTP %d, request id %s): %q is not a list", op, resp.status, resp.meta.RequestID, member)
	}
	var next *string
	if raw, ok := w["next_cursor"]; ok {
		if err := json.Unmarshal(raw, &next); err != nil {
			return nil, "", fmt.Errorf("quantaseal: %s: unexpected answer (HTTP %d, request id %s): next_cursor is not a string", op, resp.status, resp.meta.RequestID)
		}
	}
	if next == nil {
		return items, "", nil
	}
	return items, *next, nil
}

// ListRecords lists one page of the tenant's audit records in order of (time, audit_id)
// (GET /api/v2/audit, listAuditRecords). NewListAuditRecordsPaginator walks every page.
func (s *AuditService) ListRecords(ctx context.Context, in *ListAuditRecordsInput) (*ListAuditRecordsOutput, error) {
	const op = "listAuditRecords"
	if in == nil {
		in = &ListAuditRecordsInput{}
	}
	q := auditRange(in.From, in.To, in.Limit, in.Cursor)
	if in.Action != "" {
		q.Set("action", in.Action)
	}
	if in.Outcome != "" {
		q.Set("outcome", in.Outcome)
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/audit", query: q, retry: true})
	if err != nil {
		return nil, err
	}
	records, next, err := rawPage(op, resp, "records")
	if err != nil {
		return nil, err
	}
	return &ListAuditRecordsOutput{Records: records, NextCursor: next, ResultMetadata: resp.meta}, nil
}

// ListCheckpoints lists one page of the tenant's signed checkpoints whose period meets [From, To),
// oldest first (GET /api/v2/audit/checkpoints, listAuditCheckpoints).
// NewListAuditCheckpointsPaginator walks every page.
func (s *AuditService) ListCheckpoints(ctx context.Context, in *ListAuditCheckpointsInput) (*ListAuditCheckpointsOutput, error) {
	const op = "listAuditCheckpoints"
	if in == nil {
		in = &ListAuditCheckpointsInput{}
	}
	resp, err := s.c.send(ctx, request{op: op, method: "GET", path: "/api/v2/audit/checkpoints", query: auditRange(in.From, in.To, in.Limit, in.Cursor), retry: true})
	if err != nil {
		return nil, err
	}
	checkpoints, next, err := rawPage(op, resp, "checkpoints")
	if err != nil {
		return nil, err
	}
	return &ListAuditCheckpointsOutput{Checkpoints: checkpoints, NextCursor: next, ResultMetadata: resp.meta}, nil
}

// Verify checks the audit range [from, to) without trusting the service: it lists every page of
// the range's checkpoints, every page of the records of their whole periods (the first one's
// period_start to the last one's period_end) and every server key that ever signed
// (include_retired=true), and runs audit.Verify. Tampering is in Result.Failure, which names the
// first failing period; the error is an API or transport error, or audit.ErrInput.
func (s *AuditService) Verify(ctx context.Context, from, to time.Time, opts *VerifyOptions) (audit.Result, error) {
	if opts == nil {
		opts = &VerifyOptions{}
	}
	if from.IsZero() || to.IsZero() {
		return audit.Result{}, fmt.Errorf("%w: from and to are required", audit.ErrInput)
	}
	limit := opts.PageSize
	if limit <= 0 {
		limit = verifyPageSize
	}
	tenant := opts.TenantID
	if tenant == "" {
		var err error
		if tenant, err = s.tenantID(ctx); err != nil {
			return audit.Result{}, err
		}
	}
	var checkpoints []json.RawMessage
	for cp, err := range NewListAuditCheckpointsPaginator(s, &ListAuditCheckpointsInput{From: from, To: to, Limit: limit}).Items(ctx) {
		if err != nil {
			return audit.Result{}, err
		}
		checkpoints = append(checkpoints, cp)
	}
	var records []json.RawMessage
	if start, end, ok := periodBounds(checkpoints); ok {
		for rec, err := range NewListAuditRecordsPaginator(s, &ListAuditRecordsInput{From: start, To: end, Limit: limit}).Items(ctx) {
			if err != nil {
				return audit.Result{}, err
			}
			records = append(records, rec)
		}
	}
	_, keys, err := s.c.listServerKeys(ctx, true)
	if err != nil {
		return audit.Result{}, err
	}
	return audit.Verify(audit.Request{
		TenantID:    tenant,
		From:        from.UTC().Format(AuditTimeFormat),
		To:          to.UTC().Format(AuditTimeFormat),
		Checkpoints: checkpoints,
		Records:     records,
		ServerKeys:  keys,
		Anchor:      opts.Anchor,
	})
}

// tenantID is the calling key's tenant (APIKeys().Current, getCurrentApiKey).
func (s *AuditService) tenantID(ctx context.Context) (string, error) {
	cur, err := s.c.apiKeys.Current(ctx, nil)
	if err != nil {
		return "", err
	}
	return cur.TenantID, nil
}

// periodBounds is the first period_start and the last period_end the checkpoints claim; ok is
// false when none claims a readable period (the verifier then names what is wrong).
func periodBounds(checkpoints []json.RawMessage) (start, end time.Time, ok bool) {
	for _, raw := range checkpoints {
		var cp struct {
			Body struct {
				PeriodStart string `json:"period_start"`
				PeriodEnd   string `json:"period_end"`
			} `json:"body"`
		}
		if json.Unmarshal(raw, &cp) != nil {
			continue
		}
		if s, err := time.Parse(AuditTimeFormat, cp.Body.PeriodStart); err == nil && (start.IsZero() || s.Before(start)) {
			start = s
		}
		if e, err := time.Parse(AuditTimeFormat, cp.Body.PeriodEnd); err == nil && e.After(end) {
			end = e
		}
	}
	return start, end, !start.IsZero() && !end.IsZero()
}

// ListAuditRecordsAPIClient is what NewListAuditRecordsPaginator needs; *AuditService is one.
type ListAuditRecordsAPIClient interface {
	ListRecords(context.Context, *ListAuditRecordsInput) (*ListAuditRecordsOutput, error)
}

// ListAuditRecordsPaginator walks the audit records.
type ListAuditRecordsPaginator = Paginator[*ListAuditRecordsOutput, json.RawMessage]

// NewListAuditRecordsPaginator walks every page of Audit().ListRecords from params (nil: from the start).
func NewListAuditRecordsPaginator(client ListAuditRecordsAPIClient, params *ListAuditRecordsInput) *ListAuditRecordsPaginator {
	in := ListAuditRecordsInput{}
	if params != nil {
		in = *params
	}
	return newPaginator(in.Cursor, func(ctx context.Context, cursor string) (*ListAuditRecordsOutput, error) {
		page := in
		page.Cursor = cursor
		return client.ListRecords(ctx, &page)
	}, func(o *ListAuditRecordsOutput) ([]json.RawMessage, string) { return o.Records, o.NextCursor })
}

// ListAuditCheckpointsAPIClient is what NewListAuditCheckpointsPaginator needs; *AuditService is one.
type ListAuditCheckpointsAPIClient interface {
	ListCheckpoints(context.Context, *ListAuditCheckpointsInput) (*ListAuditCheckpointsOutput, error)
}

// ListAuditCheckpointsPaginator walks the audit checkpoints.
type ListAuditCheckpointsPaginator = Paginator[*ListAuditCheckpointsOutput, json.RawMessage]

// NewListAuditCheckpointsPaginator walks every page of Audit().ListCheckpoints from params (nil: from the start).
func NewListAuditCheckpointsPaginator(client ListAuditCheckpointsAPIClient, params *ListAuditCheckpointsInput) *ListAuditCheckpointsPaginator {
	in := ListAuditCheckpointsInput{}
	if params != nil {
		in = *params
	}
	return newPaginator(in.Cursor, func(ctx context.Context, cursor string) (*ListAuditCheckpointsOutput, error) {
		page := in
		page.Cursor = cursor
		return client.ListCheckpoints(ctx, &page)
	}, func(o *ListAuditCheckpointsOutput) ([]json.RawMessage, string) { return o.Checkpoints, o.NextCursor })
}
