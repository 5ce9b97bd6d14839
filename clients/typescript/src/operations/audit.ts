/**
 * `qs.audit`: listAuditRecords, listAuditCheckpoints, and `verify`, which checks a range of them
 * against each other without trusting the service (docs/api.md#audit-records,
 * docs/api.md#audit-checkpoints, docs/audit.md "Verifying").
 *
 * Records and checkpoints are kept exactly as answered, parsed with {@link parseAuditJson} (not
 * `JSON.parse`, which keeps the last of two duplicate members and rounds numbers): the verifier
 * hashes each record's RFC 8785 canonical JSON, so anything reshaped would break the root.
 */
import { AuditFormatError, parseAuditJson, verifyAuditTrail, type AuditVerification } from "../audit/verifier.js";
import type { ClientContext } from "../context.js";
import { ConfigurationError } from "../errors.js";
import { jsonBody, type HttpResponse } from "../http/transport.js";
import type { RequestOptions } from "../models/common.js";
import { readServerKeys } from "../models/encryption.js";
import { WireReader } from "../models/wire.js";
import { paginate, type ListInput } from "../pagination.js";

const RECORDS = "/api/v2/audit";
const CHECKPOINTS = "/api/v2/audit/checkpoints";
const SERVER_KEYS = "/api/v2/encryption/server-keys";
const CURRENT_API_KEY = "/api/v2/api-keys/current";
/** verify's page size: the largest the service allows. */
const VERIFY_PAGE_SIZE = 200;

/** A time of the audit range: a `Date`, or an RFC 3339 string (the verifier needs the audit format, `2026-12-04T18:39:00.000000Z`). */
export type AuditTime = Date | string;

export interface AuditRangeInput extends ListInput {
  /** First instant (inclusive). */
  readonly from?: AuditTime;
  /** Last instant (exclusive). */
  readonly to?: AuditTime;
}

export interface ListAuditRecordsInput extends AuditRangeInput {
  /** Only records of this action, e.g. `vault.unseal`. */
  readonly action?: string;
  readonly outcome?: "success" | "denied" | "failure" | "error";
}

/** One page of records, each exactly as answered (parsed with parseAuditJson). */
export interface ListAuditRecordsOutput {
  readonly records: readonly unknown[];
  readonly nextCursor?: string | undefined;
}

/** One page of checkpoints, each `{body, sig}` exactly as signed (parsed with parseAuditJson). */
export interface ListAuditCheckpointsOutput {
  readonly checkpoints: readonly unknown[];
  readonly nextCursor?: string | undefined;
}

export interface VerifyAuditInput {
  readonly from: AuditTime;
  readonly to: AuditTime;
  /** `lastVerified` of the verification of the range before: checks the first `prev` link too. */
  readonly anchor?: Readonly<Record<string, unknown>> | null;
  /** The tenant whose trail it is. Default: the calling API key's (`GET /api/v2/api-keys/current`). */
  readonly tenantId?: string;
  /** Items per page (default 200). */
  readonly pageSize?: number;
}

/** The audit time format of a Date (microseconds, UTC); a string is kept as given. */
export function auditTime(value: AuditTime, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new ConfigurationError(`${name} is an invalid Date`);
    }
    return value.toISOString().replace(/Z$/, "000Z");
  }
  if (typeof value !== "string" || value === "") {
    throw new ConfigurationError(`${name} must be a Date or an RFC 3339 string`);
  }
  return value;
}

/** The first `period_start` and the last `period_end` the checkpoints claim (fixed-width times compare as text). */
function periodBounds(checkpoints: readonly unknown[]): { from: string; to: string } | undefined {
  let from: string | undefined;
  let to: string | undefined;
  for (const checkpoint of checkpoints) {
    const body = (checkpoint as { body?: unknown } | null)?.body as { period_start?: unknown; period_end?: unknown } | null | undefined;
    if (typeof body?.period_start === "string" && (from === undefined || body.period_start < from)) {
      from = body.period_start;
    }
    if (typeof body?.period_end === "string" && (to === undefined || body.period_end > to)) {
      to = body.period_end;
    }
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}

export class AuditOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /** One page of the tenant's audit records in [from, to), in order of (time, audit_id) (listAuditRecords; scope admin). */
  async listRecords(input: ListAuditRecordsInput = {}, options: RequestOptions = {}): Promise<ListAuditRecordsOutput> {
    const answer = await this.#context.transport.send({
      method: "GET",
      path: RECORDS,
      query: { ...rangeQuery(input), action: input.action, outcome: input.outcome },
      signal: options.signal,
    });
    const page = readPage("listAuditRecords", answer, "records");
    return Object.freeze({ records: page.items, nextCursor: page.nextCursor });
  }

  /** Every record of the query, page after page. */
  listAllRecords(input: Omit<ListAuditRecordsInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<unknown, void, undefined> {
    return paginate(async (cursor) => {
      const page = await this.listRecords(cursor === undefined ? input : { ...input, cursor }, options);
      return { items: page.records, nextCursor: page.nextCursor };
    });
  }

  /** One page of the tenant's signed checkpoints whose period meets [from, to), oldest first (listAuditCheckpoints; scope admin). */
  async listCheckpoints(input: AuditRangeInput = {}, options: RequestOptions = {}): Promise<ListAuditCheckpointsOutput> {
    const answer = await this.#context.transport.send({ method: "GET", path: CHECKPOINTS, query: rangeQuery(input), signal: options.signal });
    const page = readPage("listAuditCheckpoints", answer, "checkpoints");
    return Object.freeze({ checkpoints: page.items, nextCursor: page.nextCursor });
  }

  /** Every checkpoint of the range, page after page. */
  listAllCheckpoints(input: Omit<AuditRangeInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<unknown, void, undefined> {
    return paginate(async (cursor) => {
      const page = await this.listCheckpoints(cursor === undefined ? input : { ...input, cursor }, options);
      return { items: page.checkpoints, nextCursor: page.nextCursor };
    });
  }

  /**
   * Verifies the audit range [from, to) (scope admin): lists every page of its checkpoints, every
   * page of the records of their whole periods (the first one's `period_start` to the last one's
   * `period_end`) and every server key that ever signed (`include_retired=true`), then runs
   * {@link verifyAuditTrail}. Tampering is in the result (`failure` names the first failing
   * period), never thrown; API errors throw as every call's do.
   */
  async verify(input: VerifyAuditInput, options: RequestOptions = {}): Promise<AuditVerification> {
    const from = auditTime(input.from, "from");
    const to = auditTime(input.to, "to");
    const limit = input.pageSize ?? VERIFY_PAGE_SIZE;
    const tenantId = input.tenantId ?? (await this.#tenantId(options));
    const checkpoints = await collect(this.listAllCheckpoints({ from, to, limit }, options));
    const bounds = periodBounds(checkpoints);
    const records = bounds === undefined ? [] : await collect(this.listAllRecords({ ...bounds, limit }, options));
    return verifyAuditTrail({
      tenantId,
      from,
      to,
      checkpoints,
      records,
      serverKeys: await this.#verificationKeys(options),
      anchor: input.anchor ?? null,
    });
  }

  async #verificationKeys(options: RequestOptions): Promise<ReadonlyMap<string, Uint8Array>> {
    const answer = await this.#context.transport.send({ method: "GET", path: SERVER_KEYS, query: { include_retired: "true" }, signal: options.signal });
    const { keys } = readServerKeys(new WireReader("listServerKeys", answer.requestId), jsonBody(answer));
    return new Map(keys.filter((k) => k.alg === "ML-DSA-65").map((k) => [k.skid, k.publicKey]));
  }

  async #tenantId(options: RequestOptions): Promise<string> {
    const answer = await this.#context.transport.send({ method: "GET", path: CURRENT_API_KEY, signal: options.signal });
    const r = new WireReader("getCurrentApiKey", answer.requestId);
    return r.string(r.object(jsonBody(answer)), "tenant_id");
  }
}

function rangeQuery(input: AuditRangeInput): Record<string, string | number | undefined> {
  if (input.limit !== undefined && (!Number.isSafeInteger(input.limit) || input.limit < 1)) {
    throw new ConfigurationError("limit must be a positive integer");
  }
  return {
    from: input.from === undefined ? undefined : auditTime(input.from, "from"),
    to: input.to === undefined ? undefined : auditTime(input.to, "to"),
    limit: input.limit,
    cursor: input.cursor,
  };
}

function readPage(operationId: string, answer: HttpResponse, member: string): { items: readonly unknown[]; nextCursor: string | undefined } {
  const r = new WireReader(operationId, answer.requestId);
  let parsed: unknown;
  try {
    parsed = parseAuditJson(answer.body);
  } catch (error) {
    r.fail(error instanceof AuditFormatError ? error.message : "not JSON");
  }
  const o = r.object(parsed);
  const items = r.array(o, member);
  const cursor = o["next_cursor"];
  if (cursor !== undefined && cursor !== null && typeof cursor !== "string") {
    r.fail(`"next_cursor" is not a string`);
  }
  return { items: Object.freeze([...items]), nextCursor: typeof cursor === "string" && cursor !== "" ? cursor : undefined };
}

async function collect<T>(items: AsyncGenerator<T, void, undefined>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}
