/**
 * `qs.audit` against a fake QuantaSeal on loopback: the docs/vectors/audit-v1.json cases served as
 * paginated answers of GET /api/v2/audit and GET /api/v2/audit/checkpoints (cursors bound to their
 * query, as the service's are), the trusted key listed only with include_retired=true, and
 * `verify` run over them as a caller runs it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { QuantaSeal } from "../src/client.js";
import { ResponseFormatError } from "../src/errors.js";
import { API_KEY, FakeService, requestId, type Received, type Reply } from "./support/fake-service.js";
import { VECTORS_DIR } from "./support/paths.js";

interface Checkpoint {
  body: { seq: number; period_start: string; period_end: string } & Record<string, unknown>;
  sig: string;
}
interface AuditRecord {
  audit_id: string;
  time: string;
}
interface Case {
  name: string;
  from: string;
  to: string;
  anchor: Record<string, unknown> | null;
  checkpoints: Checkpoint[];
  records: AuditRecord[];
  expect: { kind: string; seq: number | null; period_start: string | null; period_end: string | null } | null;
}
interface AuditFile {
  tenant_id: string;
  keys: { skid: string; public_key: string; trusted: boolean }[];
  verifications: Case[];
}

const vectors = JSON.parse(readFileSync(join(VECTORS_DIR, "audit-v1.json"), "utf8")) as AuditFile;

function vectorCase(name: string): Case {
  const found = vectors.verifications.find((c) => c.name === name);
  assert.ok(found, name);
  return found;
}

/** What the fake holds; each test sets it. */
interface State {
  records: AuditRecord[];
  checkpoints: Checkpoint[];
  pageSize: number;
  retired: boolean;
  overrides: Map<string, () => Reply>;
}

let service: FakeService;
let state: State;

function ok(body: string | object): Reply {
  return { status: 200, headers: { "X-Request-Id": requestId() }, body };
}

function page(r: Received, member: string, items: readonly unknown[]): Reply {
  const limit = Number(r.query.get("limit") ?? String(state.pageSize));
  const query = `${member}|${r.query.get("from") ?? ""}|${r.query.get("to") ?? ""}`;
  const cursor = r.query.get("cursor");
  let start = 0;
  if (cursor !== null) {
    const at = cursor.lastIndexOf("|");
    if (cursor.slice(0, at) !== query) {
      return { status: 400, body: { error: { code: "invalid_request", message: "another query's cursor", request_id: requestId() } } };
    }
    start = Number(cursor.slice(at + 1));
  }
  const more = start + limit < items.length;
  return ok({ [member]: items.slice(start, start + limit), next_cursor: more ? `${query}|${start + limit}` : null });
}

function route(r: Received): Reply {
  const key = `${r.method} ${r.path}`;
  const override = state.overrides.get(key);
  if (override !== undefined) {
    return override();
  }
  const from = r.query.get("from") ?? "";
  const to = r.query.get("to") ?? "\uffff";
  switch (key) {
    case "GET /api/v2/api-keys/current":
      return ok({ tenant_id: vectors.tenant_id, api_key_id: "key_1" });
    case "GET /api/v2/encryption/server-keys": {
      const listed = r.query.get("include_retired") === "true" && state.retired ? vectors.keys.filter((k) => k.trusted) : [];
      return ok({
        keys: listed.map((k) => ({ skid: k.skid, alg: "ML-DSA-65", public_key: k.public_key, created_at: "2026-12-01T00:00:00Z", status: "retired" })),
      });
    }
    case "GET /api/v2/audit": {
      const records = state.records
        .filter((rec) => from <= rec.time && rec.time < to)
        .sort((a, b) => (a.time === b.time ? (a.audit_id < b.audit_id ? -1 : a.audit_id > b.audit_id ? 1 : 0) : a.time < b.time ? -1 : 1));
      return page(r, "records", records);
    }
    case "GET /api/v2/audit/checkpoints": {
      const checkpoints = state.checkpoints
        .filter((c) => c.body.period_end > from && c.body.period_start < to)
        .sort((a, b) => a.body.seq - b.body.seq);
      return page(r, "checkpoints", checkpoints);
    }
    default:
      return { status: 404, body: { error: { code: "not_found", message: "no such route", request_id: requestId() } } };
  }
}

function serve(name: string, pageSize = 2): Case {
  const c = vectorCase(name);
  state = { records: c.records, checkpoints: c.checkpoints, pageSize, retired: true, overrides: new Map() };
  return c;
}

function client(): QuantaSeal {
  return new QuantaSeal({ baseUrl: service.url, apiKey: API_KEY, sleep: async () => {} });
}

function received(path: string): Received[] {
  return service.received.filter((r) => r.path === path);
}

beforeEach(async () => {
  serve("clean");
  service = await FakeService.start((r) => route(r));
});

afterEach(async () => {
  await service.close();
});

describe("qs.audit.verify", () => {
  test("a clean range verifies through every page, following each cursor", async () => {
    const c = serve("clean");
    const result = await client().audit.verify({ from: c.from, to: c.to, pageSize: 2 });
    assert.equal(result.failure, null, result.failure?.detail);
    assert.ok(result.valid);
    assert.equal(result.checkpointsVerified, 3);
    assert.equal(result.recordsVerified, c.records.length);
    assert.deepEqual(result.lastVerified, c.checkpoints.reduce((a, b) => (a.body.seq > b.body.seq ? a : b)).body);
    const checkpointCalls = received("/api/v2/audit/checkpoints");
    const recordCalls = received("/api/v2/audit");
    assert.equal(checkpointCalls.length, 2); // 3 checkpoints in pages of 2
    assert.equal(recordCalls.length, 4); // 8 records in pages of 2
    assert.equal(checkpointCalls[0]?.query.get("cursor"), null);
    for (const r of [...checkpointCalls.slice(1), ...recordCalls.slice(1)]) {
      assert.ok(r.query.get("cursor"));
    }
  });

  test("asks for the range's checkpoints, the records of their whole periods, and retired keys", async () => {
    const c = serve("clean");
    const result = await client().audit.verify({ from: "2026-12-04T18:39:30.000000Z", to: "2026-12-04T18:41:30.000000Z" });
    assert.ok(result.valid, result.failure?.detail);
    const [checkpoints] = received("/api/v2/audit/checkpoints");
    assert.deepEqual(Object.fromEntries(checkpoints?.query ?? []), {
      from: "2026-12-04T18:39:30.000000Z",
      to: "2026-12-04T18:41:30.000000Z",
      limit: "200",
    });
    const [records] = received("/api/v2/audit");
    assert.deepEqual(Object.fromEntries(records?.query ?? []), {
      from: c.checkpoints[0]?.body.period_start,
      to: c.checkpoints.at(-1)?.body.period_end,
      limit: "200",
    });
    const [keys] = received("/api/v2/encryption/server-keys");
    assert.equal(keys?.query.get("include_retired"), "true");
    for (const r of service.received) {
      assert.equal(r.headers["x-api-key"], API_KEY);
    }
  });

  for (const c of vectors.verifications.filter((v) => v.expect !== null && v.anchor === null)) {
    test(`names the failure and period: ${c.name}`, async () => {
      serve(c.name);
      const result = await client().audit.verify({ from: c.from, to: c.to });
      assert.equal(result.valid, false);
      assert.ok(result.failure);
      assert.deepEqual(
        { kind: result.failure.kind, seq: result.failure.seq, period_start: result.failure.periodStart, period_end: result.failure.periodEnd },
        c.expect,
        result.failure.detail,
      );
    });
  }

  test("an anchor checks the first prev link", async () => {
    const c = serve("tail-with-anchor");
    assert.ok(c.anchor);
    const qs = client();
    assert.ok((await qs.audit.verify({ from: c.from, to: c.to, anchor: c.anchor })).valid);
    const wrong = { ...c.anchor, count: 1 };
    assert.equal((await qs.audit.verify({ from: c.from, to: c.to, anchor: wrong })).failure?.kind, "prev_mismatch");
  });

  test("Dates are sent in the audit format", async () => {
    serve("clean", 50);
    const result = await client().audit.verify({ from: new Date(Date.UTC(2026, 11, 4, 18, 39)), to: new Date(Date.UTC(2026, 11, 4, 18, 42)) });
    assert.ok(result.valid, result.failure?.detail);
    assert.equal(received("/api/v2/audit/checkpoints")[0]?.query.get("from"), "2026-12-04T18:39:00.000000Z");
  });

  test("without the retired keys every checkpoint is under an unknown key", async () => {
    const c = serve("clean");
    state.retired = false;
    const failure = (await client().audit.verify({ from: c.from, to: c.to })).failure;
    assert.deepEqual([failure?.kind, failure?.seq], ["unknown_key", 0]);
  });

  test("no checkpoints is reported, and no records are asked for", async () => {
    const c = serve("clean");
    state.checkpoints = [];
    assert.equal((await client().audit.verify({ from: c.from, to: c.to })).failure?.kind, "no_checkpoints");
    assert.equal(received("/api/v2/audit").length, 0);
  });

  test("the tenant given is the one checked", async () => {
    const c = serve("clean");
    const failure = (await client().audit.verify({ from: c.from, to: c.to, tenantId: "ten_someone_else" })).failure;
    assert.equal(failure?.kind, "tenant_mismatch");
    assert.equal(received("/api/v2/api-keys/current").length, 0);
  });
});

describe("qs.audit lists", () => {
  test("pages of records and checkpoints, each item as answered", async () => {
    const c = serve("clean", 3);
    const qs = client();
    const first = await qs.audit.listRecords({ from: c.from, to: c.to });
    assert.equal(first.records.length, 3);
    assert.ok(first.nextCursor);
    const all: unknown[] = [];
    for await (const record of qs.audit.listAllRecords({ from: c.from, to: c.to })) {
      all.push(record);
    }
    assert.deepEqual(all, [...c.records].sort((a, b) => (a.time === b.time ? a.audit_id.localeCompare(b.audit_id) : a.time < b.time ? -1 : 1)));
    const one = await qs.audit.listCheckpoints({ from: c.from, to: c.to, limit: 1 });
    assert.deepEqual(one.checkpoints, [c.checkpoints[0]]);
    const checkpoints: unknown[] = [];
    for await (const checkpoint of qs.audit.listAllCheckpoints()) {
      checkpoints.push(checkpoint);
    }
    assert.deepEqual(checkpoints, c.checkpoints);
  });

  test("filters go into the query", async () => {
    await client().audit.listRecords({ action: "vault.unseal", outcome: "denied", limit: 5 });
    const [r] = received("/api/v2/audit");
    assert.deepEqual(Object.fromEntries(r?.query ?? []), { action: "vault.unseal", outcome: "denied", limit: "5" });
  });

  test("the answer text is parsed strictly (parseAuditJson), not with JSON.parse", async () => {
    state.overrides.set("GET /api/v2/audit", () => ok('{"records":[{"audit_id":"a","audit_id":"b"}],"next_cursor":null}'));
    await assert.rejects(client().audit.listRecords(), ResponseFormatError);
    state.overrides.set("GET /api/v2/audit", () => ok('{"records":[{"details":{"n":1.0}}],"next_cursor":null}'));
    await assert.rejects(client().audit.listRecords(), ResponseFormatError);
  });

  test("a cursor answered twice is refused", async () => {
    state.overrides.set("GET /api/v2/audit/checkpoints", () => ok({ checkpoints: [], next_cursor: "same" }));
    const pages = client().audit.listAllCheckpoints();
    await assert.rejects(async () => pages.next().then(async () => pages.next()), ResponseFormatError);
  });
});
