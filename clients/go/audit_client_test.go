package quantaseal

// Audit().Verify and the audit lists against the fake API: the docs/vectors/audit-v1.json cases
// served as paginated answers of GET /api/v2/audit and GET /api/v2/audit/checkpoints (cursors
// bound to their query, as the service's are), the vectors' trusted key listed only with
// include_retired=true.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quantaseal/quantaseal-go/audit"
	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/testvectors"
)

type auditExpect struct {
	Kind        string  `json:"kind"`
	Seq         *int64  `json:"seq"`
	PeriodStart *string `json:"period_start"`
	PeriodEnd   *string `json:"period_end"`
}

type auditCase struct {
	Name        string            `json:"name"`
	From        string            `json:"from"`
	To          string            `json:"to"`
	Anchor      json.RawMessage   `json:"anchor"`
	Checkpoints []json.RawMessage `json:"checkpoints"`
	Records     []json.RawMessage `json:"records"`
	Expect      *auditExpect      `json:"expect"`
}

type auditVectors struct {
	TenantID string `json:"tenant_id"`
	Keys     []struct {
		SKID      string `json:"skid"`
		PublicKey string `json:"public_key"`
		Trusted   bool   `json:"trusted"`
	} `json:"keys"`
	Verifications []auditCase `json:"verifications"`
}

func loadAuditVectors(t *testing.T) auditVectors {
	t.Helper()
	path, err := testvectors.Path("audit-v1.json")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v auditVectors
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func (v auditVectors) find(t *testing.T, name string) auditCase {
	t.Helper()
	for _, c := range v.Verifications {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no case %s", name)
	return auditCase{}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(AuditTimeFormat, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// auditAPI serves one case's records and checkpoints in pages of pageSize.
type auditAPI struct {
	*fakeAPI
	records, checkpoints []json.RawMessage
	pageSize             int
}

func newAuditAPI(t *testing.T, v auditVectors, c auditCase, pageSize int) *auditAPI {
	f := newFakeAPI(t)
	f.retired = map[string][]byte{}
	for _, k := range v.Keys {
		if k.Trusted {
			raw, ok := b64.Decode(k.PublicKey)
			if !ok {
				t.Fatal("vector key")
			}
			f.retired[k.SKID] = raw
		}
	}
	a := &auditAPI{fakeAPI: f, records: c.Records, checkpoints: c.Checkpoints, pageSize: pageSize}
	f.setHandler(func(w http.ResponseWriter, r *http.Request, _ []byte) {
		q := r.URL.Query()
		from, to := q.Get("from"), q.Get("to")
		if to == "" {
			to = "\uffff"
		}
		switch r.URL.Path {
		case "/api/v2/api-keys/current":
			writeJSON(w, 200, "req_me", fmt.Sprintf(`{"tenant_id":%q,"api_key_id":"key_1"}`, v.TenantID))
		case "/api/v2/audit":
			type keyed struct {
				raw           json.RawMessage
				time, auditID string
			}
			var rows []keyed
			for _, raw := range a.records {
				var rec struct {
					Time    string `json:"time"`
					AuditID string `json:"audit_id"`
				}
				_ = json.Unmarshal(raw, &rec)
				if from <= rec.Time && rec.Time < to {
					rows = append(rows, keyed{raw, rec.Time, rec.AuditID})
				}
			}
			sort.SliceStable(rows, func(i, j int) bool {
				if rows[i].time != rows[j].time {
					return rows[i].time < rows[j].time
				}
				return rows[i].auditID < rows[j].auditID
			})
			items := make([]json.RawMessage, len(rows))
			for i, row := range rows {
				items[i] = row.raw
			}
			a.page(w, q, "records", items)
		case "/api/v2/audit/checkpoints":
			type keyed struct {
				raw json.RawMessage
				seq int64
			}
			var rows []keyed
			for _, raw := range a.checkpoints {
				var cp struct {
					Body struct {
						Seq         int64  `json:"seq"`
						PeriodStart string `json:"period_start"`
						PeriodEnd   string `json:"period_end"`
					} `json:"body"`
				}
				_ = json.Unmarshal(raw, &cp)
				if cp.Body.PeriodEnd > from && cp.Body.PeriodStart < to {
					rows = append(rows, keyed{raw, cp.Body.Seq})
				}
			}
			sort.SliceStable(rows, func(i, j int) bool { return rows[i].seq < rows[j].seq })
			items := make([]json.RawMessage, len(rows))
			for i, row := range rows {
				items[i] = row.raw
			}
			a.page(w, q, "checkpoints", items)
		default:
			writeJSON(w, 404, "req_nf", `{"error":{"code":"not_found","message":"no route","request_id":"req_nf"}}`)
		}
	})
	return a
}

func (a *auditAPI) page(w http.ResponseWriter, q url.Values, member string, items []json.RawMessage) {
	limit := a.pageSize
	if l := q.Get("limit"); l != "" {
		limit, _ = strconv.Atoi(l)
	}
	query := member + "|" + q.Get("from") + "|" + q.Get("to")
	start := 0
	if cursor := q.Get("cursor"); cursor != "" {
		at := strings.LastIndex(cursor, "|")
		if cursor[:at] != query {
			writeJSON(w, 400, "req_bad", `{"error":{"code":"invalid_request","message":"another query's cursor","request_id":"req_bad"}}`)
			return
		}
		start, _ = strconv.Atoi(cursor[at+1:])
	}
	end := min(start+limit, len(items))
	next := "null"
	if end < len(items) {
		next = strconv.Quote(query + "|" + strconv.Itoa(end))
	}
	page, _ := json.Marshal(items[start:end])
	writeJSON(w, 200, "req_page", `{"`+member+`":`+string(page)+`,"next_cursor":`+next+`}`)
}

func (a *auditAPI) calls(path string) []recorded {
	var out []recorded
	for _, r := range a.received() {
		if r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

func TestAuditVerifyCleanRangeFollowsEveryPage(t *testing.T) {
	v := loadAuditVectors(t)
	c := v.find(t, "clean")
	a := newAuditAPI(t, v, c, 2)
	qs, _ := newTestClient(t, a.fakeAPI, nil)
	res, err := qs.Audit().Verify(context.Background(), mustTime(t, c.From), mustTime(t, c.To), &VerifyOptions{PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Valid() {
		t.Fatalf("failure %+v", res.Failure)
	}
	if res.CheckpointsVerified != 3 || res.RecordsVerified != len(c.Records) {
		t.Fatalf("%+v", res)
	}
	var last struct {
		Body json.RawMessage `json:"body"`
	}
	_ = json.Unmarshal(c.Checkpoints[len(c.Checkpoints)-1], &last)
	jsonEqual(t, res.LastVerified, string(last.Body))
	cps, recs := a.calls("/api/v2/audit/checkpoints"), a.calls("/api/v2/audit")
	if len(cps) != 2 || len(recs) != 4 { // 3 checkpoints and 8 records in pages of 2
		t.Fatalf("%d checkpoint pages, %d record pages", len(cps), len(recs))
	}
	for i, r := range append(cps, recs...) {
		q, _ := url.ParseQuery(r.RawQuery)
		first := i == 0 || i == len(cps)
		if first == (q.Get("cursor") != "") {
			t.Fatalf("request %d: cursor %q", i, q.Get("cursor"))
		}
	}
}

func TestAuditVerifySendsTheRightQueries(t *testing.T) {
	v := loadAuditVectors(t)
	c := v.find(t, "clean")
	a := newAuditAPI(t, v, c, 50)
	qs, _ := newTestClient(t, a.fakeAPI, nil)
	// A range inside the periods: records are still asked for the periods' whole span.
	from := time.Date(2026, 12, 4, 18, 39, 30, 0, time.FixedZone("CET", 3600)).Add(time.Hour)
	res, err := qs.Audit().Verify(context.Background(), from, mustTime(t, "2026-12-04T18:41:30.000000Z"), nil)
	if err != nil || !res.Valid() {
		t.Fatalf("%v %+v", err, res.Failure)
	}
	cps := a.calls("/api/v2/audit/checkpoints")
	if len(cps) != 1 || cps[0].RawQuery != "from=2026-12-04T18%3A39%3A30.000000Z&limit=200&to=2026-12-04T18%3A41%3A30.000000Z" {
		t.Fatalf("checkpoints asked with %v", cps)
	}
	recs := a.calls("/api/v2/audit")
	if len(recs) != 1 || recs[0].RawQuery != "from=2026-12-04T18%3A39%3A00.000000Z&limit=200&to=2026-12-04T18%3A42%3A00.000000Z" {
		t.Fatalf("records asked with %v", recs)
	}
	keys := a.calls("/api/v2/encryption/server-keys")
	if len(keys) != 1 || keys[0].RawQuery != "include_retired=true" {
		t.Fatalf("server keys asked with %v", keys)
	}
}

func TestAuditVerifyNamesEachTampering(t *testing.T) {
	v := loadAuditVectors(t)
	for _, c := range v.Verifications {
		if c.Expect == nil || len(c.Anchor) > 0 && string(c.Anchor) != "null" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			a := newAuditAPI(t, v, c, 2)
			qs, _ := newTestClient(t, a.fakeAPI, nil)
			res, err := qs.Audit().Verify(context.Background(), mustTime(t, c.From), mustTime(t, c.To), nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Valid() {
				t.Fatal("verified")
			}
			got := auditExpect{Kind: string(res.Failure.Kind), Seq: res.Failure.Seq}
			if res.Failure.PeriodStart != "" {
				got.PeriodStart = &res.Failure.PeriodStart
			}
			if res.Failure.PeriodEnd != "" {
				got.PeriodEnd = &res.Failure.PeriodEnd
			}
			if !reflect.DeepEqual(got, *c.Expect) {
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(c.Expect)
				t.Fatalf("got %s, want %s (%s)", gj, wj, res.Failure.Detail)
			}
		})
	}
}

func TestAuditVerifyWithAnchor(t *testing.T) {
	v := loadAuditVectors(t)
	c := v.find(t, "tail-with-anchor")
	a := newAuditAPI(t, v, c, 2)
	qs, _ := newTestClient(t, a.fakeAPI, nil)
	ctx := context.Background()
	res, err := qs.Audit().Verify(ctx, mustTime(t, c.From), mustTime(t, c.To), &VerifyOptions{Anchor: c.Anchor})
	if err != nil || !res.Valid() {
		t.Fatalf("%v %+v", err, res.Failure)
	}
	var wrong map[string]any
	_ = json.Unmarshal(c.Anchor, &wrong)
	wrong["count"] = 1
	anchor, _ := json.Marshal(wrong)
	res, err = qs.Audit().Verify(ctx, mustTime(t, c.From), mustTime(t, c.To), &VerifyOptions{Anchor: anchor})
	if err != nil || res.Valid() || res.Failure.Kind != audit.PrevMismatch {
		t.Fatalf("%v %+v", err, res.Failure)
	}
}

func TestAuditVerifyNeedsTheRetiredKeys(t *testing.T) {
	v := loadAuditVectors(t)
	c := v.find(t, "clean")
	a := newAuditAPI(t, v, c, 50)
	a.retired = nil
	qs, _ := newTestClient(t, a.fakeAPI, nil)
	res, err := qs.Audit().Verify(context.Background(), mustTime(t, c.From), mustTime(t, c.To), nil)
	if err != nil || res.Valid() || res.Failure.Kind != audit.UnknownKey || *res.Failure.Seq != 0 {
		t.Fatalf("%v %+v", err, res.Failure)
	}
}

func TestAuditVerifyWithoutCheckpoints(t *testing.T) {
	v := loadAuditVectors(t)
	c := v.find(t, "clean")
	a := newAuditAPI(t, v, c, 50)
	a.checkpoints = nil
	qs, _ := newTestClient(t, a.fakeAPI, nil)
	res, err := qs.Audit().Verify(context.Background(), mustTime(t, c.From), mustTime(t, c.To), &VerifyOptions{TenantID: v.TenantID})
	if err != nil || res.Valid() || res.Failure.Kind != audit.NoCheckpoints {
		t.Fatalf("%v %+v", err, res.Failure)
	}
	if len(a.calls("/api/v2/audit")) != 0 || len(a.calls("/api/v2/api-keys/current")) != 0 {
		t.Fatal("records or the current key were asked for")
	}
	if _, err := qs.Audit().Verify(context.Background(), time.Time{}, mustTime(t, c.To), nil); !errors.Is(err, audit.ErrInput) {
		t.Fatalf("zero from: %v", err)
	}
}

func TestAuditListsKeepTheItemsAsAnswered(t *testing.T) {
	v := loadAuditVectors(t)
	c := v.find(t, "clean")
	a := newAuditAPI(t, v, c, 3)
	qs, _ := newTestClient(t, a.fakeAPI, nil)
	ctx := context.Background()
	page, err := qs.Audit().ListRecords(ctx, &ListAuditRecordsInput{From: mustTime(t, c.From), To: mustTime(t, c.To)})
	if err != nil || len(page.Records) != 3 || page.NextCursor == "" || page.RequestID != "req_page" {
		t.Fatalf("%v %+v", err, page)
	}
	n := 0
	for rec, err := range NewListAuditRecordsPaginator(qs.Audit(), nil).Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, want := range c.Records {
			var served bytes.Buffer // the fake serves each record compacted
			_ = json.Compact(&served, want)
			found = found || string(rec) == served.String()
		}
		if !found {
			t.Fatalf("record %s is not byte for byte as served", rec)
		}
		n++
	}
	if n != len(c.Records) {
		t.Fatalf("%d records", n)
	}
	var cps []string
	for cp, err := range NewListAuditCheckpointsPaginator(qs.Audit(), &ListAuditCheckpointsInput{Limit: 1}).Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		cps = append(cps, string(cp))
	}
	var first bytes.Buffer
	_ = json.Compact(&first, c.Checkpoints[0])
	if len(cps) != 3 || cps[0] != first.String() {
		t.Fatalf("%d checkpoints", len(cps))
	}
	if _, err := qs.Audit().ListRecords(ctx, &ListAuditRecordsInput{Action: "vault.unseal", Outcome: "denied", Limit: 5}); err != nil {
		t.Fatal(err)
	}
	recs := a.calls("/api/v2/audit")
	if q := recs[len(recs)-1].RawQuery; q != "action=vault.unseal&limit=5&outcome=denied" {
		t.Fatalf("query %s", q)
	}
}

func TestAuditListRefusesAnAnswerWithoutItsList(t *testing.T) {
	f := newFakeAPI(t)
	f.setHandler(func(w http.ResponseWriter, _ *http.Request, _ []byte) {
		writeJSON(w, 200, "req_x", `{"checkpoints":{"body":1},"next_cursor":null}`)
	})
	qs, _ := newTestClient(t, f, nil)
	if _, err := qs.Audit().ListCheckpoints(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "not a list") {
		t.Fatalf("%v", err)
	}
}
