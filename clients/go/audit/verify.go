// Package audit verifies a tenant's audit trail against its signed checkpoints without trusting
// the service (docs/audit.md in the repository).
//
// Every record is hashed as its RFC 8785 canonical JSON (github.com/gowebpki/jcs, on the record's
// own bytes: records stay json.RawMessage and never round-trip through map[string]any) into an
// RFC 6962 Merkle tree per period; each period's checkpoint body commits to its records (count,
// root) and to the previous body (prev), and is signed with ML-DSA-65 under the context
// "quantaseal/audit/v1" by the server key its skid names. Verify runs the checks in the Java
// AuditTrailVerifier's order and names the first failing period with the same codes.
package audit

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/cloudflare/circl/sign/mldsa/mldsa65"
	"github.com/gowebpki/jcs"

	"github.com/quantaseal/quantaseal-go/internal/b64"
	"github.com/quantaseal/quantaseal-go/internal/strictjson"
)

// Context is the ML-DSA-65 context string of audit checkpoints.
const Context = "quantaseal/audit/v1"

// FailureKind is one of the failure codes every SDK reports (docs/audit.md, "Verifying").
type FailureKind string

// The failure codes.
const (
	NoCheckpoints            FailureKind = "no_checkpoints"
	MalformedCheckpoint      FailureKind = "malformed_checkpoint"
	TenantMismatch           FailureKind = "tenant_mismatch"
	UnknownKey               FailureKind = "unknown_key"
	BadSignature             FailureKind = "bad_signature"
	CheckpointMissing        FailureKind = "checkpoint_missing"
	SequenceBroken           FailureKind = "sequence_broken"
	PrevMismatch             FailureKind = "prev_mismatch"
	MalformedRecord          FailureKind = "malformed_record"
	DuplicateRecord          FailureKind = "duplicate_record"
	RecordMissing            FailureKind = "record_missing"
	RecordExtra              FailureKind = "record_extra"
	RootMismatch             FailureKind = "root_mismatch"
	RecordOutsideCheckpoints FailureKind = "record_outside_checkpoints"
)

// FailureKinds lists every code, in the spec's order.
var FailureKinds = []FailureKind{
	NoCheckpoints, MalformedCheckpoint, TenantMismatch, UnknownKey, BadSignature,
	CheckpointMissing, SequenceBroken, PrevMismatch, MalformedRecord, DuplicateRecord,
	RecordMissing, RecordExtra, RootMismatch, RecordOutsideCheckpoints,
}

// Failure says why a range did not verify and names its period. Seq is nil when there is no
// checkpoint to name; PeriodStart and PeriodEnd are empty for record_outside_checkpoints and for
// input whose period cannot be read.
type Failure struct {
	Kind        FailureKind
	Seq         *int64
	PeriodStart string
	PeriodEnd   string
	Detail      string
}

func (f *Failure) Error() string { return string(f.Kind) + ": " + f.Detail }

// Result is the outcome of Verify. LastVerified is the body of the last checkpoint that verified:
// pass it as the Anchor of the next range.
type Result struct {
	Failure             *Failure
	CheckpointsVerified int
	RecordsVerified     int
	LastVerified        json.RawMessage
}

// Valid reports whether the whole range verified.
func (r Result) Valid() bool { return r.Failure == nil }

// Request is one verification: the caller's tenant, the range [From, To) in the audit time format
// (2026-12-04T18:39:00.000000Z), the checkpoints ({"body": ..., "sig": ...}) and records as the
// API lists them in any order, every server key to trust by skid (old ones included), and
// optionally the body of the checkpoint just before the range, verified earlier.
type Request struct {
	TenantID    string
	From, To    string
	Checkpoints []json.RawMessage
	Records     []json.RawMessage
	ServerKeys  map[string]*mldsa65.PublicKey
	Anchor      json.RawMessage
}

// ErrInput wraps the caller's own malformed inputs (From, To, Anchor, a nil key): tampering with
// what the service returned is reported in Result, never as an error.
var ErrInput = errors.New("audit: invalid verification request")

const (
	maxSafe       = 1<<53 - 1
	maxDepth      = 64
	hashLength    = 32
	signatureSize = mldsa65.SignatureSize
)

var (
	timeShape    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$`)
	integerShape = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	bodyMembers  = map[string]bool{"v": true, "tenant_id": true, "seq": true, "period_start": true,
		"period_end": true, "count": true, "root": true, "prev": true, "skid": true}
	recordStrings = []string{"action", "outcome", "request_id", "actor"}
	emptyRoot     = sha256.Sum256(nil)
	limits        = strictjson.Limits{MaxDepth: maxDepth, MaxNumberLen: 32}
)

// formatError is a record or checkpoint that breaks the spec's rules; it names the member, never
// the value.
type formatError string

func (e formatError) Error() string { return string(e) }

// Canonical returns the RFC 8785 (JCS) bytes of one JSON text, refusing what JCS would print
// differently in another language: duplicate members, invalid Unicode, numbers that are not
// integers in [-(2^53 - 1), 2^53 - 1], nesting beyond 64 levels.
func Canonical(raw []byte) ([]byte, error) {
	_, out, err := canonicalValue(raw)
	return out, err
}

// canonicalValue parses raw strictly, checks the number rule and returns the value and its JCS
// bytes.
func canonicalValue(raw []byte) (strictjson.Value, []byte, error) {
	v, err := strictjson.Parse(raw, limits)
	if err != nil {
		return v, nil, formatError("not strict JSON")
	}
	if err := safeIntegers(v); err != nil {
		return v, nil, err
	}
	out, err := jcs.Transform(raw)
	if err != nil {
		return v, nil, formatError("the value has no RFC 8785 form")
	}
	return v, out, nil
}

func safeIntegers(v strictjson.Value) error {
	switch v.Kind {
	case strictjson.Number:
		if !integerShape.MatchString(v.Str) {
			return formatError("a number is not an integer in [-(2^53 - 1), 2^53 - 1]")
		}
		n, err := strconv.ParseInt(v.Str, 10, 64)
		if err != nil || n > maxSafe || n < -maxSafe {
			return formatError("a number is not an integer in [-(2^53 - 1), 2^53 - 1]")
		}
	case strictjson.Array:
		for _, e := range v.Elems {
			if err := safeIntegers(e); err != nil {
				return err
			}
		}
	case strictjson.Object:
		for _, m := range v.Members {
			if err := safeIntegers(m.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// LeafHash is RFC 6962's leaf hash, SHA-256(0x00 || data).
func LeafHash(data []byte) []byte {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(data)
	return h.Sum(nil)
}

// MerkleRoot is RFC 6962's Merkle Tree Hash of leaf hashes (split at the largest power of two
// below n, not the midpoint); SHA-256("") for none.
func MerkleRoot(leaves [][]byte) []byte {
	switch len(leaves) {
	case 0:
		return emptyRoot[:]
	case 1:
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(MerkleRoot(leaves[:k]))
	h.Write(MerkleRoot(leaves[k:]))
	return h.Sum(nil)
}

// BodyHash is base64url(SHA-256(JCS(body))): what the next checkpoint's prev must be.
func BodyHash(body json.RawMessage) (string, error) {
	c, err := Canonical(body)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(c)
	return b64.Encode(sum[:]), nil
}

func parseTime(v strictjson.Value, ok bool, name string) (string, error) {
	if !ok {
		return "", formatError(name + " is missing")
	}
	if v.Kind != strictjson.String || !timeShape.MatchString(v.Str) {
		return "", formatError(name + " is not RFC 3339 UTC with microseconds")
	}
	checked := v.Str
	if checked[:4] == "0000" { // year 0 is a leap year of the proleptic calendar, like 2000
		checked = "2000" + checked[4:]
	}
	if _, err := time.Parse("2006-01-02T15:04:05.000000Z", checked); err != nil {
		return "", formatError(name + " is not a valid date and time")
	}
	return v.Str, nil // fixed width: text order is time order
}

func str(obj strictjson.Value, name string) (string, error) {
	v, ok := obj.Get(name)
	if !ok {
		return "", formatError(name + " is missing")
	}
	if v.Kind != strictjson.String {
		return "", formatError(name + " must be a string")
	}
	return v.Str, nil
}

func nonEmpty(obj strictjson.Value, name string) (string, error) {
	s, err := str(obj, name)
	if err == nil && s == "" {
		err = formatError(name + " must not be empty")
	}
	return s, err
}

func count(obj strictjson.Value, name string) (int64, error) {
	v, ok := obj.Get(name)
	if !ok {
		return 0, formatError(name + " is missing")
	}
	if v.Kind != strictjson.Number || !integerShape.MatchString(v.Str) {
		return 0, formatError(name + " must be an integer")
	}
	n, err := strconv.ParseInt(v.Str, 10, 64)
	if err != nil || n < 0 || n > maxSafe {
		return 0, formatError(name + " must lie in [0, 2^53 - 1]")
	}
	return n, nil
}

func decodeBinary(obj strictjson.Value, name string) ([]byte, error) {
	s, err := str(obj, name)
	if err != nil {
		return nil, err
	}
	b, ok := b64.Decode(s)
	if !ok {
		return nil, formatError(name + " is not canonical unpadded base64url")
	}
	return b, nil
}

type record struct {
	auditID, tenantID, time string
	leaf                    []byte
}

func parseRecord(raw json.RawMessage) (record, error) {
	v, canonical, err := canonicalValue(raw)
	if err != nil {
		return record{}, err
	}
	if v.Kind != strictjson.Object {
		return record{}, formatError("an audit record is a JSON object")
	}
	var r record
	if r.auditID, err = nonEmpty(v, "audit_id"); err != nil {
		return r, err
	}
	if r.tenantID, err = nonEmpty(v, "tenant_id"); err != nil {
		return r, err
	}
	t, ok := v.Get("time")
	if r.time, err = parseTime(t, ok, "time"); err != nil {
		return r, err
	}
	for _, name := range recordStrings {
		if _, err := str(v, name); err != nil {
			return r, err
		}
	}
	for _, name := range []string{"resource", "details"} {
		m, ok := v.Get(name)
		if !ok {
			return r, formatError(name + " is missing")
		}
		if m.Kind != strictjson.Object {
			return r, formatError(name + " must be a JSON object")
		}
	}
	r.leaf = LeafHash(canonical)
	return r, nil
}

type body struct {
	raw                    json.RawMessage
	tenantID               string
	seq                    int64
	periodStart, periodEnd string
	count                  int64
	root, prev             []byte
	skid                   string
	canonical              []byte
}

func (b *body) hash() []byte {
	sum := sha256.Sum256(b.canonical)
	return sum[:]
}

func parseBody(raw json.RawMessage) (*body, error) {
	v, canonical, err := canonicalValue(raw)
	if err != nil {
		return nil, err
	}
	if v.Kind != strictjson.Object {
		return nil, formatError("a checkpoint body is a JSON object")
	}
	for _, m := range v.Members {
		if !bodyMembers[m.Name] {
			return nil, formatError("a version 1 body has an unknown member")
		}
	}
	b := &body{raw: append(json.RawMessage(nil), raw...), canonical: canonical}
	version, err := count(v, "v")
	if err != nil {
		return nil, err
	}
	if version != 1 {
		return nil, formatError("v must be 1")
	}
	if b.seq, err = count(v, "seq"); err != nil {
		return nil, err
	}
	if b.tenantID, err = nonEmpty(v, "tenant_id"); err != nil {
		return nil, err
	}
	s, ok := v.Get("period_start")
	if b.periodStart, err = parseTime(s, ok, "period_start"); err != nil {
		return nil, err
	}
	e, ok := v.Get("period_end")
	if b.periodEnd, err = parseTime(e, ok, "period_end"); err != nil {
		return nil, err
	}
	if b.periodStart >= b.periodEnd {
		return nil, formatError("period_end must be after period_start")
	}
	if b.count, err = count(v, "count"); err != nil {
		return nil, err
	}
	if b.root, err = decodeBinary(v, "root"); err != nil {
		return nil, err
	}
	if len(b.root) != hashLength {
		return nil, formatError("root must be 32 bytes")
	}
	if b.prev, err = decodeBinary(v, "prev"); err != nil {
		return nil, err
	}
	if (b.seq == 0 && len(b.prev) != 0) || (b.seq != 0 && len(b.prev) != hashLength) {
		return nil, formatError("prev must be empty for seq 0 and 32 bytes after")
	}
	if b.skid, err = nonEmpty(v, "skid"); err != nil {
		return nil, err
	}
	return b, nil
}

type checkpoint struct {
	body *body
	sig  []byte
}

func parseCheckpoint(raw json.RawMessage) (checkpoint, error) {
	v, err := strictjson.Parse(raw, limits)
	if err != nil {
		return checkpoint{}, formatError("not strict JSON")
	}
	if v.Kind != strictjson.Object {
		return checkpoint{}, formatError("a checkpoint is a JSON object")
	}
	if _, ok := v.Get("body"); !ok {
		return checkpoint{}, formatError("body is missing")
	}
	// The body's own bytes, so that JCS works on them and not on a re-encoding.
	var parts struct {
		Body json.RawMessage `json:"body"`
	}
	if err := json.Unmarshal(raw, &parts); err != nil {
		return checkpoint{}, formatError("not strict JSON")
	}
	b, err := parseBody(parts.Body)
	if err != nil {
		return checkpoint{}, err
	}
	sig, err := decodeBinary(v, "sig")
	if err != nil {
		return checkpoint{}, err
	}
	if len(sig) != signatureSize {
		return checkpoint{}, formatError("sig must be an ML-DSA-65 signature (3309 bytes)")
	}
	return checkpoint{body: b, sig: sig}, nil
}

func claimedSeq(raw json.RawMessage) *int64 {
	v, err := strictjson.Parse(raw, limits)
	if err != nil {
		return nil
	}
	b, ok := v.Get("body")
	if !ok {
		return nil
	}
	seq, ok := b.Get("seq")
	if !ok || seq.Kind != strictjson.Number {
		return nil
	}
	n, err := strconv.ParseInt(seq.Str, 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

func ptr(n int64) *int64 { return &n }

func at(kind FailureKind, b *body, detail string) *Failure {
	return &Failure{Kind: kind, Seq: ptr(b.seq), PeriodStart: b.periodStart, PeriodEnd: b.periodEnd, Detail: detail}
}

func outside(index int) *Failure {
	return &Failure{Kind: RecordOutsideCheckpoints, Detail: fmt.Sprintf("record #%d lies in no checkpoint's period", index)}
}

type timed struct {
	time  string
	index int
	raw   json.RawMessage
}

type run struct {
	req                 Request
	anchor              *body
	seen                map[string]bool
	checkpointsVerified int
	recordsVerified     int
	lastVerified        *body
}

func (r *run) result(f *Failure) Result {
	res := Result{Failure: f, CheckpointsVerified: r.checkpointsVerified, RecordsVerified: r.recordsVerified}
	if r.lastVerified != nil {
		res.LastVerified = r.lastVerified.raw
	}
	return res
}

// Verify checks the audit range of req (docs/audit.md, "Verifying"). Tampering is reported in
// Result.Failure; the error is non-nil only for the caller's own malformed inputs (ErrInput).
func Verify(req Request) (Result, error) {
	if _, err := parseTime(strictjson.Value{Kind: strictjson.String, Str: req.From}, true, "From"); err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrInput, err)
	}
	if _, err := parseTime(strictjson.Value{Kind: strictjson.String, Str: req.To}, true, "To"); err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrInput, err)
	}
	for skid, k := range req.ServerKeys {
		if k == nil {
			return Result{}, fmt.Errorf("%w: server key %q is nil", ErrInput, skid)
		}
	}
	r := &run{req: req, seen: map[string]bool{}}
	if len(req.Anchor) > 0 {
		a, err := parseBody(req.Anchor)
		if err != nil {
			return Result{}, fmt.Errorf("%w: anchor: %v", ErrInput, err)
		}
		r.anchor = a
	}
	return r.result(r.verify()), nil
}

func (r *run) verify() *Failure {
	checkpoints := make([]checkpoint, 0, len(r.req.Checkpoints))
	for i, raw := range r.req.Checkpoints {
		c, err := parseCheckpoint(raw)
		if err != nil {
			return &Failure{Kind: MalformedCheckpoint, Seq: claimedSeq(raw), Detail: fmt.Sprintf("checkpoint #%d: %v", i, err)}
		}
		checkpoints = append(checkpoints, c)
	}
	if len(checkpoints) == 0 {
		return &Failure{Kind: NoCheckpoints, PeriodStart: r.req.From, PeriodEnd: r.req.To, Detail: "no checkpoint was given for the range"}
	}
	sort.SliceStable(checkpoints, func(i, j int) bool { return checkpoints[i].body.seq < checkpoints[j].body.seq })

	records := make([]timed, 0, len(r.req.Records))
	for i, raw := range r.req.Records {
		t, err := recordTime(raw)
		if err != nil {
			return &Failure{Kind: MalformedRecord, Detail: fmt.Sprintf("record #%d: %v", i, err)}
		}
		records = append(records, timed{time: t, index: i, raw: raw})
	}
	sort.SliceStable(records, func(i, j int) bool { return records[i].time < records[j].time })

	first := checkpoints[0].body
	if r.req.From < first.periodStart {
		var seq *int64
		if first.seq > 0 {
			seq = ptr(first.seq - 1)
		}
		return &Failure{Kind: CheckpointMissing, Seq: seq, PeriodStart: r.req.From, PeriodEnd: first.periodStart, Detail: "no checkpoint covers the start of the range"}
	}
	if len(records) > 0 && records[0].time < first.periodStart {
		return outside(records[0].index)
	}
	next := 0
	previous := r.anchor
	for _, c := range checkpoints {
		f := r.signature(c)
		if f == nil && previous != nil {
			f = link(previous, c.body)
		}
		var period []timed
		for next < len(records) && records[next].time < c.body.periodEnd {
			period = append(period, records[next])
			next++
		}
		if f == nil {
			f = r.records(c.body, period)
		}
		if f != nil {
			return f
		}
		r.checkpointsVerified++
		r.recordsVerified += len(period)
		r.lastVerified = c.body
		previous = c.body
	}
	last := checkpoints[len(checkpoints)-1].body
	if last.periodEnd < r.req.To {
		return &Failure{Kind: CheckpointMissing, Seq: ptr(last.seq + 1), PeriodStart: last.periodEnd, PeriodEnd: r.req.To, Detail: "no checkpoint covers the end of the range"}
	}
	if next < len(records) {
		return outside(records[next].index)
	}
	return nil
}

func recordTime(raw json.RawMessage) (string, error) {
	v, err := strictjson.Parse(raw, limits)
	if err != nil {
		return "", formatError("not strict JSON")
	}
	if v.Kind != strictjson.Object {
		return "", formatError("an audit record is a JSON object")
	}
	t, ok := v.Get("time")
	return parseTime(t, ok, "time")
}

func (r *run) signature(c checkpoint) *Failure {
	b := c.body
	if b.tenantID != r.req.TenantID {
		return at(TenantMismatch, b, "the checkpoint is another tenant's")
	}
	key, ok := r.req.ServerKeys[b.skid]
	if !ok {
		return at(UnknownKey, b, "the checkpoint names an unknown signing key")
	}
	if !mldsa65.Verify(key, b.canonical, []byte(Context), c.sig) {
		return at(BadSignature, b, "the signature does not verify under the key the checkpoint names")
	}
	return nil
}

func link(previous, b *body) *Failure {
	switch {
	case b.seq <= previous.seq:
		return at(SequenceBroken, b, fmt.Sprintf("seq %d does not follow seq %d", b.seq, previous.seq))
	case b.seq > previous.seq+1:
		detail := fmt.Sprintf("checkpoints seq %d to %d are missing", previous.seq+1, b.seq-1)
		if b.seq == previous.seq+2 {
			detail = fmt.Sprintf("checkpoint seq %d is missing", previous.seq+1)
		}
		return &Failure{Kind: CheckpointMissing, Seq: ptr(previous.seq + 1), PeriodStart: previous.periodEnd, PeriodEnd: b.periodStart, Detail: detail}
	case b.periodStart < previous.periodEnd:
		return at(SequenceBroken, b, fmt.Sprintf("the period starts before the previous one (seq %d) ends", previous.seq))
	case b.periodStart > previous.periodEnd:
		return &Failure{Kind: CheckpointMissing, PeriodStart: previous.periodEnd, PeriodEnd: b.periodStart,
			Detail: fmt.Sprintf("no checkpoint covers the time between seq %d and seq %d", previous.seq, b.seq)}
	case subtle.ConstantTimeCompare(b.prev, previous.hash()) != 1:
		return at(PrevMismatch, b, fmt.Sprintf("prev is not the hash of checkpoint seq %d", previous.seq))
	}
	return nil
}

func (r *run) records(b *body, period []timed) *Failure {
	parsed := make([]record, 0, len(period))
	for _, t := range period {
		rec, err := parseRecord(t.raw)
		if err != nil {
			return at(MalformedRecord, b, fmt.Sprintf("record #%d: %v", t.index, err))
		}
		if rec.tenantID != r.req.TenantID {
			return at(TenantMismatch, b, "record "+rec.auditID+" is another tenant's")
		}
		if r.seen[rec.auditID] {
			return at(DuplicateRecord, b, "record "+rec.auditID+" appears twice")
		}
		r.seen[rec.auditID] = true
		parsed = append(parsed, rec)
	}
	if int64(len(parsed)) != b.count {
		kind := RecordExtra
		if int64(len(parsed)) < b.count {
			kind = RecordMissing
		}
		return at(kind, b, fmt.Sprintf("the checkpoint counts %d records, %d given", b.count, len(parsed)))
	}
	sort.SliceStable(parsed, func(i, j int) bool {
		if parsed[i].time != parsed[j].time {
			return parsed[i].time < parsed[j].time
		}
		// Code point order: for valid UTF-8, Go's byte-wise string order.
		return parsed[i].auditID < parsed[j].auditID
	})
	leaves := make([][]byte, len(parsed))
	for i, rec := range parsed {
		leaves[i] = rec.leaf
	}
	if !bytes.Equal(MerkleRoot(leaves), b.root) {
		return at(RootMismatch, b, "the records' Merkle root is not the checkpoint's: a record was altered")
	}
	return nil
}
