/**
 * The client-key listing and revocation, the API-key operations and the SIEM destination test,
 * against a fake QuantaSeal on loopback: each call's method, path, query and body, the decoded
 * answer, pagination, and that a created key is never printed.
 */
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, test } from "node:test";
import { QuantaSeal } from "../src/client.js";
import { ApiError, ConfigurationError, ResponseFormatError } from "../src/errors.js";
import { CreatedApiKey } from "../src/index.js";
import { API_KEY, errorReply, FakeService, requestId, type Received, type Reply } from "./support/fake-service.js";

const CLIENT_KEY = {
  rkid: "ck_00000000000000000000000001",
  hkid: "hk_00000000000000000000000001",
  api_key_id: "key_00000000000000000000000001",
  created_at: "2026-01-01T00:00:00Z",
  last_used_at: "2026-01-02T00:00:00Z",
  revoked_at: null,
  status: "active",
};
const LISTED_KEY = {
  api_key_id: "key_00000000000000000000000002",
  name: "ci",
  display_prefix: "qs_test_BBBB…",
  scopes: ["vault:unseal"],
  created_at: "2026-01-01T00:00:00Z",
  last_used_at: null,
  expires_at: "2027-01-01T00:00:00Z",
  revoked_at: null,
  status: "active",
};
const NEW_SECRET = `qs_test_${"B".repeat(43)}`;
const TEST_RESULT = {
  destination_id: "dst_00000000000000000000000001",
  operation: "send_event",
  sent_at: "2026-01-01T00:00:00Z",
  delivered: false,
  datadog: { status: 403, body: { errors: ["Forbidden"] }, latency_ms: 37 },
  error: "Datadog refused the key",
};

let service: FakeService;
let handler: (r: Received, i: number) => Reply;

function ok(body: object, status = 200): Reply {
  return { status, headers: { "X-Request-Id": requestId() }, body };
}

beforeEach(async () => {
  handler = () => errorReply(404, "not_found", "no route");
  service = await FakeService.start((r, i) => handler(r, i));
});
afterEach(async () => {
  await service.close();
});

function client(): QuantaSeal {
  return new QuantaSeal({ baseUrl: service.url, apiKey: API_KEY, sleep: async () => {} });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}

describe("client keys: list and revoke", () => {
  test("listClientKeys sends limit and cursor and decodes the page (null members left out)", async () => {
    handler = () => ok({ client_keys: [CLIENT_KEY, { ...CLIENT_KEY, rkid: "ck_2", revoked_at: "2026-01-03T00:00:00Z", status: "revoked", api_key_id: null }], next_cursor: "c2" });
    const page = await client().encryption.listClientKeys({ limit: 2, cursor: "c1" });
    const [r] = service.received;
    assert.equal(r!.method, "GET");
    assert.equal(r!.path, "/api/v2/encryption/client-keys");
    assert.equal(r!.query.toString(), "limit=2&cursor=c1");
    assert.equal(page.nextCursor, "c2");
    assert.deepEqual(page.clientKeys[0], {
      rkid: CLIENT_KEY.rkid,
      hkid: CLIENT_KEY.hkid,
      apiKeyId: CLIENT_KEY.api_key_id,
      createdAt: CLIENT_KEY.created_at,
      lastUsedAt: CLIENT_KEY.last_used_at,
      status: "active",
    });
    assert.deepEqual(page.clientKeys[1], { rkid: "ck_2", hkid: CLIENT_KEY.hkid, createdAt: CLIENT_KEY.created_at, lastUsedAt: CLIENT_KEY.last_used_at, revokedAt: "2026-01-03T00:00:00Z", status: "revoked" });
    assert.ok(Object.isFrozen(page) && Object.isFrozen(page.clientKeys) && Object.isFrozen(page.clientKeys[0]));
  });

  test("listAllClientKeys follows next_cursor", async () => {
    handler = (r) => ok(r.query.get("cursor") === null ? { client_keys: [CLIENT_KEY], next_cursor: "p2" } : { client_keys: [CLIENT_KEY, CLIENT_KEY], next_cursor: null });
    assert.equal((await collect(client().encryption.listAllClientKeys({ limit: 1 }))).length, 3);
    assert.deepEqual(service.received.map((r) => r.query.toString()), ["limit=1", "limit=1&cursor=p2"]);
  });

  test("revokeClientKey deletes the rkid's path and returns the key as listed", async () => {
    handler = () => ok({ ...CLIENT_KEY, revoked_at: "2026-01-03T00:00:00Z", status: "revoked" });
    const revoked = await client().encryption.revokeClientKey("ck_a/b");
    assert.equal(service.received[0]!.method, "DELETE");
    assert.equal(service.received[0]!.path, "/api/v2/encryption/client-keys/ck_a%2Fb");
    assert.equal(service.received[0]!.body, "");
    assert.equal(revoked.status, "revoked");
    assert.equal(revoked.revokedAt, "2026-01-03T00:00:00Z");
    await assert.rejects(client().encryption.revokeClientKey(""), ConfigurationError);
  });

  test("a client key without its rkid is a ResponseFormatError", async () => {
    handler = () => ok({ client_keys: [{ ...CLIENT_KEY, rkid: undefined }], next_cursor: null });
    await assert.rejects(client().encryption.listClientKeys(), ResponseFormatError);
  });
});

describe("API keys", () => {
  test("create posts name, scopes and expiry once, and keeps the key out of every print", async () => {
    handler = () => ok({ ...LISTED_KEY, api_key: NEW_SECRET }, 201);
    const created = await client().apiKeys.create({ name: "ci", scopes: ["vault:unseal"], expiresAt: "2027-01-01T00:00:00Z" }, { idempotencyKey: "k-1" });
    const [r] = service.received;
    assert.equal(r!.method, "POST");
    assert.equal(r!.path, "/api/v2/api-keys");
    assert.deepEqual(r!.json, { name: "ci", scopes: ["vault:unseal"], expires_at: "2027-01-01T00:00:00Z" });
    assert.equal(r!.headers["idempotency-key"], "k-1");
    assert.ok(created instanceof CreatedApiKey && Object.isFrozen(created));
    assert.equal(created.apiKey, NEW_SECRET);
    assert.equal(created.apiKeyId, LISTED_KEY.api_key_id);
    assert.deepEqual(created.listed, {
      apiKeyId: LISTED_KEY.api_key_id,
      name: "ci",
      displayPrefix: LISTED_KEY.display_prefix,
      scopes: ["vault:unseal"],
      createdAt: LISTED_KEY.created_at,
      expiresAt: LISTED_KEY.expires_at,
      status: "active",
    });
    for (const printed of [String(created), JSON.stringify(created), inspect(created), inspect({ created })]) {
      assert.ok(!printed.includes(NEW_SECRET), printed);
      assert.ok(printed.includes("[redacted]"), printed);
    }
  });

  test("create with only a name sends only the name, and is never retried", async () => {
    handler = () => errorReply(503, "service_unavailable", "try later");
    await assert.rejects(client().apiKeys.create({ name: "x" }, { idempotencyKey: "k-2" }), ApiError);
    assert.equal(service.received.length, 1);
    assert.deepEqual(service.received[0]!.json, { name: "x" });
  });

  test("an answer whose key is malformed is refused without echoing it", async () => {
    handler = () => ok({ ...LISTED_KEY, api_key: "qs_test_short-secret" }, 201);
    await assert.rejects(client().apiKeys.create({ name: "x" }), (e: unknown) => e instanceof ResponseFormatError && !e.message.includes("short-secret"));
  });

  test("list, listAll, current and revoke", async () => {
    handler = (r) => {
      switch (`${r.method} ${r.path}`) {
        case "GET /api/v2/api-keys":
          return ok(r.query.get("cursor") === "p2" ? { api_keys: [LISTED_KEY], next_cursor: null } : { api_keys: [{ ...LISTED_KEY, name: null }], next_cursor: "p2" });
        case "GET /api/v2/api-keys/current":
          return ok({ ...LISTED_KEY, tenant_id: "ten_00000000000000000000000001", scopes: ["admin", "client_keys:manage"] });
        case "DELETE /api/v2/api-keys/key_2":
          return ok({ ...LISTED_KEY, revoked_at: "2026-01-04T00:00:00Z", status: "revoked" });
        default:
          return errorReply(404, "not_found", "no route");
      }
    };
    const qs = client();
    const page = await qs.apiKeys.list({ limit: 5 });
    assert.equal(service.received[0]!.query.toString(), "limit=5");
    assert.equal(page.nextCursor, "p2");
    assert.equal(page.apiKeys[0]!.name, undefined);
    assert.equal(page.apiKeys[0]!.displayPrefix, LISTED_KEY.display_prefix);

    const all = await collect(qs.apiKeys.listAll({ limit: 5 }));
    assert.deepEqual(all.map((k) => k.name), [undefined, "ci"]);

    const current = await qs.apiKeys.current();
    assert.equal(service.received.at(-1)!.method, "GET");
    assert.equal(current.tenantId, "ten_00000000000000000000000001");
    assert.deepEqual(current.scopes, ["admin", "client_keys:manage"]);
    assert.ok(Object.isFrozen(current));

    const revoked = await qs.apiKeys.revoke("key_2");
    assert.equal(service.received.at(-1)!.method, "DELETE");
    assert.equal(revoked.status, "revoked");
    assert.equal(revoked.revokedAt, "2026-01-04T00:00:00Z");
  });

  test("revoking the last admin key is the service's 409", async () => {
    handler = () => errorReply(409, "last_admin_key", "create another admin key first");
    await assert.rejects(client().apiKeys.revoke("key_1"), (e: unknown) => e instanceof ApiError && e.status === 409 && e.code === "last_admin_key");
  });
});

describe("SIEM destination test", () => {
  test("testDestination posts no body to …/{id}/test and decodes Datadog's answer", async () => {
    handler = () => ok(TEST_RESULT);
    const result = await client().siem.testDestination("dst_1");
    const [r] = service.received;
    assert.equal(r!.method, "POST");
    assert.equal(r!.path, "/api/v2/siem/destinations/dst_1/test");
    assert.equal(r!.body, "");
    assert.deepEqual(result, {
      destinationId: TEST_RESULT.destination_id,
      operation: "send_event",
      sentAt: TEST_RESULT.sent_at,
      delivered: false,
      datadog: { status: 403, body: { errors: ["Forbidden"] }, latencyMs: 37 },
      error: "Datadog refused the key",
    });
  });

  test("is not retried (each attempt sends an item)", async () => {
    handler = () => errorReply(502, "upstream_unreachable", "Datadog unreachable");
    await assert.rejects(client().siem.testDestination("dst_1"), ApiError);
    assert.equal(service.received.length, 1);
  });

  test("an answer without datadog is a ResponseFormatError", async () => {
    handler = () => ok({ ...TEST_RESULT, datadog: undefined });
    await assert.rejects(client().siem.testDestination("dst_1"), ResponseFormatError);
  });
});
