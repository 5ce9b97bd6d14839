/**
 * The verifiable audit trail: checks checkpoints and records without trusting the service
 * (docs/audit.md). Every record is hashed as its RFC 8785 canonical JSON (the `canonicalize`
 * library, not a serializer of ours) into an RFC 6962 Merkle tree per period; each period's
 * checkpoint body commits to its records (`count`, `root`) and to the previous body (`prev`), and
 * is signed with ML-DSA-65 under the context `quantaseal/audit/v1` by the server key its `skid`
 * names. {@link verifyAuditTrail} runs the checks in the Java `AuditTrailVerifier`'s order and
 * names the first failing period with the same codes.
 */
import canonicalize from "canonicalize";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { decodeBase64Url, encodeBase64Url } from "../envelope/base64url.js";
import { concat, constantTimeEqual, isWellFormed, utf8 } from "../envelope/bytes.js";
import { isJsonObject, JsonNumber, parseStrictJson, type JsonValue } from "../envelope/strict-json.js";

/** The ML-DSA-65 context string of audit checkpoints. */
export const AUDIT_CONTEXT = "quantaseal/audit/v1";

/** Every failure code a verification can report (docs/audit.md, "Verifying"). */
export const AUDIT_FAILURE_KINDS = [
  "no_checkpoints",
  "malformed_checkpoint",
  "tenant_mismatch",
  "unknown_key",
  "bad_signature",
  "checkpoint_missing",
  "sequence_broken",
  "prev_mismatch",
  "malformed_record",
  "duplicate_record",
  "record_missing",
  "record_extra",
  "root_mismatch",
  "record_outside_checkpoints",
] as const;

export type AuditFailureKind = (typeof AUDIT_FAILURE_KINDS)[number];

/** Why a range did not verify, and the period it names. */
export interface AuditFailure {
  readonly kind: AuditFailureKind;
  /** The checkpoint's sequence number when there is one to name. */
  readonly seq: number | null;
  /** The period's bounds (null for `record_outside_checkpoints` and unreadable input). */
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly detail: string;
}

/** The outcome of {@link verifyAuditTrail}. */
export interface AuditVerification {
  readonly valid: boolean;
  readonly failure: AuditFailure | null;
  readonly checkpointsVerified: number;
  readonly recordsVerified: number;
  /** The body of the last checkpoint that verified: the `anchor` of the next range. */
  readonly lastVerified: Readonly<Record<string, unknown>> | null;
}

/** A record or checkpoint that breaks docs/audit.md's rules (names the member, never the value). */
export class AuditFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditFormatError";
  }
}

export interface VerifyAuditTrailInput {
  readonly tenantId: string;
  /** The range [from, to) in the audit time format, e.g. `2026-12-04T18:39:00.000000Z`. */
  readonly from: string;
  readonly to: string;
  /** `{"body": {...}, "sig": "..."}` as the API lists them, parsed, in any order. */
  readonly checkpoints: readonly unknown[];
  /** The records of those checkpoints' periods as the API lists them, parsed, in any order. */
  readonly records: readonly unknown[];
  /** Every server key to trust, by `skid` (1952-byte ML-DSA-65 public keys), old ones included. */
  readonly serverKeys: ReadonlyMap<string, Uint8Array>;
  /** The body of the checkpoint just before the range, verified earlier. */
  readonly anchor?: Readonly<Record<string, unknown>> | null;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_DEPTH = 64;
const HASH_LENGTH = 32;
const SIGNATURE_LENGTH = 3309;
const PUBLIC_KEY_LENGTH = 1952;
const TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$/;
const BODY_MEMBERS = new Set(["v", "tenant_id", "seq", "period_start", "period_end", "count", "root", "prev", "skid"]);
const CONTEXT_BYTES = utf8(AUDIT_CONTEXT);
const INTEGER_TEXT = /^-?(?:0|[1-9][0-9]*)$/;

/**
 * Parses the JSON text of an API answer for the verifier: duplicate member names, numbers that
 * are not integers in [-(2^53 - 1), 2^53 - 1] (`JSON.parse` would round `1.0` to `1` and a larger
 * integer silently) and nesting beyond 64 levels are refused with {@link AuditFormatError}.
 */
export function parseAuditJson(text: string): unknown {
  let parsed: JsonValue;
  try {
    parsed = parseStrictJson(text, { maxDepth: MAX_DEPTH, maxNumberLength: 32 });
  } catch {
    throw new AuditFormatError("not strict JSON");
  }
  return toPlain(parsed);
}

function toPlain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) {
    const n = Number(value.text);
    if (!INTEGER_TEXT.test(value.text) || !Number.isSafeInteger(n)) {
      throw new AuditFormatError("a number is not an integer in [-(2^53 - 1), 2^53 - 1]");
    }
    return n === 0 ? 0 : n; // -0 is the integer 0
  }
  if (Array.isArray(value)) {
    return value.map(toPlain);
  }
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of value) {
      Object.defineProperty(out, name, { value: toPlain(member), enumerable: true, writable: false });
    }
    return out;
  }
  return value;
}

/** RFC 8785 (JCS) bytes of a parsed JSON value, refusing what JCS would print differently. */
export function canonicalJson(value: unknown): Uint8Array {
  requirePlainJson(value, 1);
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch {
    throw new AuditFormatError("the value has no RFC 8785 form");
  }
  if (text === undefined) {
    throw new AuditFormatError("the value has no RFC 8785 form");
  }
  return utf8(text);
}

/** RFC 6962's leaf hash, SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(concat(Uint8Array.of(0), data));
}

/** RFC 6962's Merkle Tree Hash of leaf hashes (split at the largest power of two below n). */
export function merkleRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) {
    return sha256(new Uint8Array(0));
  }
  if (leaves.length === 1) {
    return leaves[0] as Uint8Array;
  }
  let k = 1;
  while (k * 2 < leaves.length) {
    k *= 2;
  }
  return sha256(concat(Uint8Array.of(1), merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k))));
}

/** base64url(SHA-256(JCS(body))): what the next checkpoint's `prev` must be. */
export function checkpointBodyHash(body: unknown): string {
  return encodeBase64Url(sha256(canonicalJson(body)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function requirePlainJson(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) {
    throw new AuditFormatError(`nested deeper than ${MAX_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    for (const element of value as unknown[]) {
      requirePlainJson(element, depth + 1);
    }
  } else if (isPlainObject(value)) {
    for (const name of Object.keys(value)) {
      if (!isWellFormed(name)) {
        throw new AuditFormatError("a member name is not valid Unicode");
      }
      requirePlainJson(value[name], depth + 1);
    }
  } else if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) {
      throw new AuditFormatError("a number is not an integer in [-(2^53 - 1), 2^53 - 1]");
    }
  } else if (typeof value === "string") {
    if (!isWellFormed(value)) {
      throw new AuditFormatError("a string is not valid Unicode");
    }
  } else if (value !== null && typeof value !== "boolean") {
    throw new AuditFormatError("not a JSON value");
  }
}

function parseTime(value: unknown, name: string): string {
  if (typeof value !== "string" || !TIME.test(value)) {
    throw new AuditFormatError(`${name} is not RFC 3339 UTC with microseconds`);
  }
  const field = (start: number, end: number): number => Number(value.slice(start, end));
  const [year, month, day] = [field(0, 4), field(5, 7), field(8, 10)];
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days || field(11, 13) > 23 || field(14, 16) > 59 || field(17, 19) > 59) {
    throw new AuditFormatError(`${name} is not a valid date and time`);
  }
  return value; // fixed width: text order is time order
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function member(obj: Record<string, unknown>, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(obj, name)) {
    throw new AuditFormatError(`${name} is missing`);
  }
  return obj[name];
}

function str(obj: Record<string, unknown>, name: string): string {
  const v = member(obj, name);
  if (typeof v !== "string") {
    throw new AuditFormatError(`${name} must be a string`);
  }
  return v;
}

function nonEmpty(obj: Record<string, unknown>, name: string): string {
  const v = str(obj, name);
  if (v === "") {
    throw new AuditFormatError(`${name} must not be empty`);
  }
  return v;
}

function count(obj: Record<string, unknown>, name: string): number {
  const v = member(obj, name);
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new AuditFormatError(`${name} must be an integer`);
  }
  if (v < 0 || v > MAX_SAFE) {
    throw new AuditFormatError(`${name} must lie in [0, 2^53 - 1]`);
  }
  return v;
}

function b64(obj: Record<string, unknown>, name: string): Uint8Array {
  const bytes = decodeBase64Url(str(obj, name));
  if (bytes === undefined) {
    throw new AuditFormatError(`${name} is not canonical unpadded base64url`);
  }
  return bytes;
}

interface ParsedRecord {
  readonly auditId: string;
  readonly tenantId: string;
  readonly time: string;
  readonly leaf: Uint8Array;
}

function parseRecord(value: unknown): ParsedRecord {
  if (!isPlainObject(value)) {
    throw new AuditFormatError("an audit record is a JSON object");
  }
  const canonical = canonicalJson(value);
  const auditId = nonEmpty(value, "audit_id");
  const tenantId = nonEmpty(value, "tenant_id");
  const time = parseTime(member(value, "time"), "time");
  for (const name of ["action", "outcome", "request_id", "actor"]) {
    str(value, name);
  }
  for (const name of ["resource", "details"]) {
    if (!isPlainObject(member(value, name))) {
      throw new AuditFormatError(`${name} must be a JSON object`);
    }
  }
  return { auditId, tenantId, time, leaf: leafHash(canonical) };
}

interface Body {
  readonly json: Readonly<Record<string, unknown>>;
  readonly tenantId: string;
  readonly seq: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly count: number;
  readonly root: Uint8Array;
  readonly prev: Uint8Array;
  readonly skid: string;
  readonly canonical: Uint8Array;
}

function parseBody(value: unknown): Body {
  if (!isPlainObject(value)) {
    throw new AuditFormatError("a checkpoint body is a JSON object");
  }
  const canonical = canonicalJson(value);
  for (const name of Object.keys(value)) {
    if (!BODY_MEMBERS.has(name)) {
      throw new AuditFormatError("a version 1 body has an unknown member");
    }
  }
  if (count(value, "v") !== 1) {
    throw new AuditFormatError("v must be 1");
  }
  const seq = count(value, "seq");
  const tenantId = nonEmpty(value, "tenant_id");
  const periodStart = parseTime(member(value, "period_start"), "period_start");
  const periodEnd = parseTime(member(value, "period_end"), "period_end");
  if (!(periodStart < periodEnd)) {
    throw new AuditFormatError("period_end must be after period_start");
  }
  const n = count(value, "count");
  const root = b64(value, "root");
  if (root.length !== HASH_LENGTH) {
    throw new AuditFormatError("root must be 32 bytes");
  }
  const prev = b64(value, "prev");
  if (prev.length !== (seq === 0 ? 0 : HASH_LENGTH)) {
    throw new AuditFormatError("prev must be empty for seq 0 and 32 bytes after");
  }
  const skid = nonEmpty(value, "skid");
  return { json: value, tenantId, seq, periodStart, periodEnd, count: n, root, prev, skid, canonical };
}

interface Checkpoint {
  readonly body: Body;
  readonly sig: Uint8Array;
}

function parseCheckpoint(value: unknown): Checkpoint {
  if (!isPlainObject(value)) {
    throw new AuditFormatError("a checkpoint is a JSON object");
  }
  const body = parseBody(member(value, "body"));
  const sig = b64(value, "sig");
  if (sig.length !== SIGNATURE_LENGTH) {
    throw new AuditFormatError("sig must be an ML-DSA-65 signature (3309 bytes)");
  }
  return { body, sig };
}

function claimedSeq(value: unknown): number | null {
  const body = isPlainObject(value) ? value["body"] : undefined;
  const seq = isPlainObject(body) ? body["seq"] : undefined;
  return typeof seq === "number" && Number.isSafeInteger(seq) ? seq : null;
}

/** Unicode code point order (JavaScript's `<` compares UTF-16 code units). */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return x.length - y.length;
}

class VerificationStop extends Error {
  constructor(readonly failure: AuditFailure) {
    super(failure.kind);
  }
}

function at(kind: AuditFailureKind, body: Body, detail: string): AuditFailure {
  return { kind, seq: body.seq, periodStart: body.periodStart, periodEnd: body.periodEnd, detail };
}

function outside(index: number): AuditFailure {
  return { kind: "record_outside_checkpoints", seq: null, periodStart: null, periodEnd: null, detail: `record #${index} lies in no checkpoint's period` };
}

interface Timed {
  readonly time: string;
  readonly index: number;
  readonly json: unknown;
}

function link(previous: Body, body: Body): AuditFailure | null {
  if (body.seq <= previous.seq) {
    return at("sequence_broken", body, `seq ${body.seq} does not follow seq ${previous.seq}`);
  }
  if (body.seq > previous.seq + 1) {
    return {
      kind: "checkpoint_missing",
      seq: previous.seq + 1,
      periodStart: previous.periodEnd,
      periodEnd: body.periodStart,
      detail:
        body.seq === previous.seq + 2
          ? `checkpoint seq ${previous.seq + 1} is missing`
          : `checkpoints seq ${previous.seq + 1} to ${body.seq - 1} are missing`,
    };
  }
  if (body.periodStart < previous.periodEnd) {
    return at("sequence_broken", body, `the period starts before the previous one (seq ${previous.seq}) ends`);
  }
  if (body.periodStart > previous.periodEnd) {
    return {
      kind: "checkpoint_missing",
      seq: null,
      periodStart: previous.periodEnd,
      periodEnd: body.periodStart,
      detail: `no checkpoint covers the time between seq ${previous.seq} and seq ${body.seq}`,
    };
  }
  if (!constantTimeEqual(body.prev, sha256(previous.canonical))) {
    return at("prev_mismatch", body, `prev is not the hash of checkpoint seq ${previous.seq}`);
  }
  return null;
}

class Run {
  private readonly seen = new Set<string>();
  checkpointsVerified = 0;
  recordsVerified = 0;
  lastVerified: Body | null = null;

  constructor(
    private readonly tenantId: string,
    private readonly from: string,
    private readonly to: string,
    private readonly keys: ReadonlyMap<string, Uint8Array>,
    private readonly anchor: Body | null,
  ) {}

  result(failure: AuditFailure | null): AuditVerification {
    return {
      valid: failure === null,
      failure,
      checkpointsVerified: this.checkpointsVerified,
      recordsVerified: this.recordsVerified,
      lastVerified: this.lastVerified === null ? null : this.lastVerified.json,
    };
  }

  verify(checkpointValues: readonly unknown[], recordValues: readonly unknown[]): AuditVerification {
    try {
      const checkpoints = checkpointValues.map((value, i) => {
        try {
          return parseCheckpoint(value);
        } catch (e) {
          throw new VerificationStop({ kind: "malformed_checkpoint", seq: claimedSeq(value), periodStart: null, periodEnd: null, detail: `checkpoint #${i}: ${message(e)}` });
        }
      });
      if (checkpoints.length === 0) {
        throw new VerificationStop({ kind: "no_checkpoints", seq: null, periodStart: this.from, periodEnd: this.to, detail: "no checkpoint was given for the range" });
      }
      checkpoints.sort((a, b) => a.body.seq - b.body.seq);
      const timed: Timed[] = recordValues.map((value, index) => {
        try {
          if (!isPlainObject(value)) {
            throw new AuditFormatError("an audit record is a JSON object");
          }
          return { time: parseTime(member(value, "time"), "time"), index, json: value };
        } catch (e) {
          throw new VerificationStop({ kind: "malformed_record", seq: null, periodStart: null, periodEnd: null, detail: `record #${index}: ${message(e)}` });
        }
      });
      timed.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.index - b.index));

      const first = (checkpoints[0] as Checkpoint).body;
      if (this.from < first.periodStart) {
        throw new VerificationStop({ kind: "checkpoint_missing", seq: first.seq > 0 ? first.seq - 1 : null, periodStart: this.from, periodEnd: first.periodStart, detail: "no checkpoint covers the start of the range" });
      }
      if (timed.length > 0 && (timed[0] as Timed).time < first.periodStart) {
        throw new VerificationStop(outside((timed[0] as Timed).index));
      }
      let next = 0;
      let previous = this.anchor;
      for (const checkpoint of checkpoints) {
        next = this.period(checkpoint, previous, timed, next);
        previous = checkpoint.body;
      }
      const last = (checkpoints[checkpoints.length - 1] as Checkpoint).body;
      if (last.periodEnd < this.to) {
        throw new VerificationStop({ kind: "checkpoint_missing", seq: last.seq + 1, periodStart: last.periodEnd, periodEnd: this.to, detail: "no checkpoint covers the end of the range" });
      }
      if (next < timed.length) {
        throw new VerificationStop(outside((timed[next] as Timed).index));
      }
    } catch (e) {
      if (e instanceof VerificationStop) {
        return this.result(e.failure);
      }
      throw e;
    }
    return this.result(null);
  }

  private period(checkpoint: Checkpoint, previous: Body | null, timed: readonly Timed[], next: number): number {
    const body = checkpoint.body;
    let failure = this.signature(checkpoint);
    if (failure === null && previous !== null) {
      failure = link(previous, body);
    }
    const period: Timed[] = [];
    while (next < timed.length && (timed[next] as Timed).time < body.periodEnd) {
      period.push(timed[next] as Timed);
      next++;
    }
    if (failure === null) {
      failure = this.records(body, period);
    }
    if (failure !== null) {
      throw new VerificationStop(failure);
    }
    this.checkpointsVerified++;
    this.recordsVerified += period.length;
    this.lastVerified = body;
    return next;
  }

  private signature(checkpoint: Checkpoint): AuditFailure | null {
    const body = checkpoint.body;
    if (body.tenantId !== this.tenantId) {
      return at("tenant_mismatch", body, "the checkpoint is another tenant's");
    }
    const key = this.keys.get(body.skid);
    if (key === undefined) {
      return at("unknown_key", body, "the checkpoint names an unknown signing key");
    }
    let ok: boolean;
    try {
      ok = ml_dsa65.verify(checkpoint.sig, body.canonical, key, { context: CONTEXT_BYTES });
    } catch {
      ok = false;
    }
    return ok ? null : at("bad_signature", body, "the signature does not verify under the key the checkpoint names");
  }

  private records(body: Body, period: readonly Timed[]): AuditFailure | null {
    const parsed: ParsedRecord[] = [];
    for (const t of period) {
      let record: ParsedRecord;
      try {
        record = parseRecord(t.json);
      } catch (e) {
        return at("malformed_record", body, `record #${t.index}: ${message(e)}`);
      }
      if (record.tenantId !== this.tenantId) {
        return at("tenant_mismatch", body, `record ${record.auditId} is another tenant's`);
      }
      if (this.seen.has(record.auditId)) {
        return at("duplicate_record", body, `record ${record.auditId} appears twice`);
      }
      this.seen.add(record.auditId);
      parsed.push(record);
    }
    if (parsed.length !== body.count) {
      return at(parsed.length < body.count ? "record_missing" : "record_extra", body, `the checkpoint counts ${body.count} records, ${parsed.length} given`);
    }
    parsed.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : compareCodePoints(a.auditId, b.auditId)));
    if (!constantTimeEqual(merkleRoot(parsed.map((r) => r.leaf)), body.root)) {
      return at("root_mismatch", body, "the records' Merkle root is not the checkpoint's: a record was altered");
    }
    return null;
  }
}

function message(e: unknown): string {
  return e instanceof AuditFormatError ? e.message : "malformed";
}

/**
 * Verifies the audit range [`from`, `to`) of `tenantId` (docs/audit.md, "Verifying"). Tampering is
 * reported in the result, never thrown; the caller's own malformed `from`, `to`, keys or anchor
 * throw {@link AuditFormatError}.
 */
export function verifyAuditTrail(input: VerifyAuditTrailInput): AuditVerification {
  const from = parseTime(input.from, "from");
  const to = parseTime(input.to, "to");
  for (const [skid, key] of input.serverKeys) {
    if (key.length !== PUBLIC_KEY_LENGTH) {
      throw new AuditFormatError(`server key ${JSON.stringify(skid)} is not a 1952-byte ML-DSA-65 public key`);
    }
  }
  const anchor = input.anchor === undefined || input.anchor === null ? null : parseBody(input.anchor);
  return new Run(input.tenantId, from, to, input.serverKeys, anchor).verify(input.checkpoints, input.records);
}
