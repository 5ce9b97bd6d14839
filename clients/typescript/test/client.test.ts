/**
 * The client against a fake QuantaSeal on loopback that seals real envelopes: client keys, the
 * proxy and unseal (request binding, upstream answers), server-key refresh, decrypt, every
 * operation's request and answer, pagination, configuration and redaction.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, test } from "node:test";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { QuantaSeal } from "../src/client.js";
import { ConfigurationError, InvalidEnvelopeError, ResponseFormatError } from "../src/errors.js";
import { ClientKey } from "../src/keys/client-key.js";
import { OPERATIONS } from "../src/operations/index.js";
import { VERSION } from "../src/version.js";
import { API_KEY, errorReply, FakeService, requestId, type Received, type Reply } from "./support/fake-service.js";
import { EnvelopeService } from "./support/envelope-service.js";
import { b64 } from "./support/golden.js";
import { OPENAPI, PACKAGE_ROOT } from "./support/paths.js";

const ENTRY = {
  vault_entry_id: "vlt_00000000000000000000000001",
  name: "dd",
  credential_type: "api_key",
  version: 2,
  created_at: "2026-01-01T00:00:00.123456789Z",
  rotated_at: "2026-01-02T00:00:00Z",
};
const DETAIL = {
  ...ENTRY,
  versions: [
    { version: 1, created_at: "2026-01-01T00:00:00Z", current: false },
    { version: 2, created_at: "2026-01-02T00:00:00Z", current: true },
  ],
};
const INTEGRATION = {
  integration_id: "int_00000000000000000000000001",
  system_type: "datadog",
  name: "prod",
  credential_id: ENTRY.vault_entry_id,
  config: { site: "datadoghq.eu" },
  allowed_operations: ["send_event", "send_log"],
  status: "unhealthy",
  unhealthy_reason: "credential_rejected",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-03T00:00:00Z",
};
const DESTINATION = {
  destination_id: "dst_00000000000000000000000001",
  system_type: "datadog",
  integration_id: INTEGRATION.integration_id,
  streams: ["metrics", "audit"],
  created_at: "2026-01-01T00:00:00Z",
  status: "active",
};
const PROXY_PLAINTEXT = {
  integration_id: INTEGRATION.integration_id,
  operation: "send_event",
  upstream: { status: 202, body: { status: "ok" }, latency_ms: 41 },
  audit_id: "aud_1",
};

let service: FakeService;
let keys: EnvelopeService;
/** Per-test answers for a route ("POST /api/v2/proxy/outbound"); the defaults below otherwise. */
let overrides: Map<string, (r: Received, i: number) => Reply | Promise<Reply>>;

function ok(body: object, status = 200): Reply {
  return { status, headers: { "X-Request-Id": requestId() }, body };
}

async function route(r: Received, i: number): Promise<Reply> {
  const key = `${r.method} ${r.path}`;
  const override = overrides.get(key);
  if (override !== undefined) {
    return override(r, i);
  }
  const rkid = (r.json as { rkid?: string } | undefined)?.rkid ?? "";
  switch (key) {
    case "GET /api/v2/encryption/server-keys":
      return keys.serverKeysReply();
    case "POST /api/v2/encryption/client-keys":
      return keys.registerReply(r);
    case "POST /api/v2/proxy/outbound":
      return keys.envelopeReply(rkid, PROXY_PLAINTEXT, { status: 202, headers: { "X-QS-Source": "upstream" } });
    case "POST /api/v2/vault/unseal":
      return keys.envelopeReply(rkid, { vault_entry_id: ENTRY.vault_entry_id, credential_type: "api_key", version: 2, values: { api_key: "s3cr3t-api-key", app_key: "s3cr3t-app-key" } });
    case "POST /api/v2/vault/seal":
      return ok(ENTRY, 201);
    case "GET /api/v2/vault/entries":
      return ok({ entries: [ENTRY] });
    case "GET /api/v2/integrations":
      return ok({ integrations: [INTEGRATION] });
    case "POST /api/v2/integrations":
      return ok(INTEGRATION, 201);
    case "GET /api/v2/siem/destinations":
      return ok({ destinations: [DESTINATION] });
    case "POST /api/v2/siem/destinations":
      return ok(DESTINATION, 201);
    default:
      break;
  }
  if (r.method === "DELETE") {
    return { status: 204, headers: { "X-Request-Id": requestId() } };
  }
  if (r.path.startsWith("/api/v2/vault/entries/")) {
    return ok(DETAIL);
  }
  if (r.path.startsWith("/api/v2/integrations/")) {
    return ok(INTEGRATION);
  }
  if (r.path.startsWith("/api/v2/siem/destinations/")) {
    return ok(DESTINATION);
  }
  return errorReply(404, "not_found", "no route");
}

beforeEach(async () => {
  keys = new EnvelopeService();
  overrides = new Map();
  service = await FakeService.start(route);
});
afterEach(async () => {
  await service.close();
});

function client(): QuantaSeal {
  return new QuantaSeal({ baseUrl: service.url, apiKey: API_KEY, sleep: async () => {} });
}

async function withKey(): Promise<QuantaSeal> {
  const qs = client();
  return qs.withClientKey(await qs.encryption.createClientKey());
}

function received(method: string, path: string): Received[] {
  return service.received.filter((r) => r.method === method && r.path === path);
}

describe("client keys", () => {
  test("createClientKey registers the public half of a locally made key and keeps the rest", async () => {
    const qs = client();
    const key = await qs.encryption.createClientKey();
    const [registration] = received("POST", "/api/v2/encryption/client-keys");
    const sent = (registration!.json as { public_key: string }).public_key;
    assert.equal(sent.length, 1579);
    assert.deepEqual(b64(sent), key.publicKey);
    assert.deepEqual(Object.keys(registration!.json as object), ["public_key"]);
    assert.match(key.rkid, /^ck_/);
    assert.equal(key.hkid, keys.clients.get(key.rkid)!.hkid);
    // The key opens what the service seals to it.
    const envelope = await keys.seal(key.rkid, "hello", { rid: "req_1" });
    assert.equal(new TextDecoder().decode(await qs.withClientKey(key).encryption.decrypt(envelope)), "hello");
  });

  test("two keys from two calls differ", async () => {
    const qs = client();
    const a = await qs.encryption.createClientKey();
    const b = await qs.encryption.createClientKey();
    assert.notDeepEqual(a.publicKey, b.publicKey);
    assert.notEqual(a.rkid, b.rkid);
  });

  test("registerClientKey refuses a key that is not 1184 bytes before sending", async () => {
    await assert.rejects(client().encryption.registerClientKey({ publicKey: new Uint8Array(10) }), ConfigurationError);
    assert.equal(service.received.length, 0);
  });

  test("the registration answer gives rkid, hkid and the MAC key", async () => {
    const publicKey = ml_kem768.keygen().publicKey;
    const registration = await client().encryption.registerClientKey({ publicKey });
    assert.equal(registration.hmacKey.length, 64);
    assert.deepEqual(registration.hmacKey, keys.clients.get(registration.rkid)!.macKey);
    assert.match(String(registration.requestId), /^req_/);
  });
});

describe("proxy.outbound", () => {
  test("sends the documented body with rkid and an Idempotency-Key, and answers the decrypted upstream", async () => {
    const qs = await withKey();
    const answer = await qs.proxy.outbound(INTEGRATION.integration_id, "send_event", { title: "t", text: "x", tags: ["a:b"] });
    const [sent] = received("POST", "/api/v2/proxy/outbound");
    assert.deepEqual(sent!.json, {
      integration_id: INTEGRATION.integration_id,
      operation: "send_event",
      payload: { title: "t", text: "x", tags: ["a:b"] },
      rkid: qs.clientKey!.rkid,
    });
    assert.ok(String(sent!.headers["idempotency-key"]).length > 0);
    assert.equal(answer.upstream.status, 202);
    assert.deepEqual(answer.upstream.body, { status: "ok" });
    assert.equal(answer.upstream.latencyMs, 41);
    assert.equal(answer.auditId, "aud_1");
    assert.equal(answer.operation, "send_event");
    assert.equal(answer.$metadata.httpStatus, 202);
    assert.equal(answer.$metadata.attempts, 1);
    assert.ok(Object.isFrozen(answer) && Object.isFrozen(answer.upstream));
  });

  test("an upstream 4xx or 5xx is an answer (in its envelope), never retried", async () => {
    for (const status of [403, 429, 503]) {
      const qs = await withKey();
      service.received.length = 0;
      overrides.set("POST /api/v2/proxy/outbound", (r) =>
        keys.envelopeReply((r.json as { rkid: string }).rkid, { ...PROXY_PLAINTEXT, upstream: { status, body: "no", latency_ms: 3 } }, {
          status,
          headers: { "X-QS-Source": "upstream", "Retry-After": "1" },
        }),
      );
      const answer = await qs.proxy.outbound(INTEGRATION.integration_id, "send_event", { title: "t", text: "x" });
      assert.equal(answer.upstream.status, status);
      assert.equal(answer.$metadata.httpStatus, status);
      assert.equal(received("POST", "/api/v2/proxy/outbound").length, 1);
    }
  });

  test("QuantaSeal's own error (no X-QS-Source) is an ApiError", async () => {
    const qs = await withKey();
    overrides.set("POST /api/v2/proxy/outbound", () => errorReply(403, "operation_not_allowed", "send_log is not allowed"));
    await assert.rejects(qs.proxy.outbound(INTEGRATION.integration_id, "send_log", { message: "m" }), {
      name: "ApiError",
      status: 403,
      code: "operation_not_allowed",
    });
  });

  test("a 5xx of QuantaSeal is retried with the same Idempotency-Key", async () => {
    const qs = await withKey();
    let calls = 0;
    overrides.set("POST /api/v2/proxy/outbound", (r) =>
      ++calls === 1
        ? errorReply(502, "upstream_unreachable", "x")
        : keys.envelopeReply((r.json as { rkid: string }).rkid, PROXY_PLAINTEXT, { headers: { "X-QS-Source": "upstream" } }),
    );
    const answer = await qs.proxy.outbound(INTEGRATION.integration_id, "send_event", { title: "t", text: "x" });
    const sent = received("POST", "/api/v2/proxy/outbound");
    assert.equal(sent.length, 2);
    assert.equal(sent[0]!.headers["idempotency-key"], sent[1]!.headers["idempotency-key"]);
    assert.equal(answer.$metadata.attempts, 2);
  });

  test("an envelope whose rid is not the answer's X-Request-Id is rejected", async () => {
    const qs = await withKey();
    overrides.set("POST /api/v2/proxy/outbound", (r) =>
      keys.envelopeReply((r.json as { rkid: string }).rkid, PROXY_PLAINTEXT, { rid: "req_someone-else", headers: { "X-QS-Source": "upstream" } }),
    );
    await assert.rejects(qs.proxy.outbound(INTEGRATION.integration_id, "send_event", { title: "t", text: "x" }), (e: unknown) => {
      assert.ok(e instanceof InvalidEnvelopeError);
      assert.equal(e.message, "invalid envelope");
      assert.match(String(e.requestId), /^req_0/);
      return true;
    });
  });

  test("an envelope without an X-Request-Id to bind it to is rejected", async () => {
    const qs = await withKey();
    overrides.set("POST /api/v2/proxy/outbound", async (r) => {
      const reply = await keys.envelopeReply((r.json as { rkid: string }).rkid, PROXY_PLAINTEXT);
      return { status: 200, body: reply.body! };
    });
    await assert.rejects(qs.proxy.outbound(INTEGRATION.integration_id, "send_event", { title: "t", text: "x" }), InvalidEnvelopeError);
  });

  test("an envelope to another client key is rejected", async () => {
    const qs = await withKey();
    const otherKey = await client().encryption.createClientKey();
    overrides.set("POST /api/v2/proxy/outbound", () => keys.envelopeReply(otherKey.rkid, PROXY_PLAINTEXT));
    await assert.rejects(qs.proxy.outbound(INTEGRATION.integration_id, "send_event", { title: "t", text: "x" }), InvalidEnvelopeError);
  });

  test("a stale envelope is rejected, and the skew is configurable", async () => {
    const key = await client().encryption.createClientKey();
    const old = Math.floor(Date.now() / 1000) - 600;
    overrides.set("POST /api/v2/proxy/outbound", (r) => keys.envelopeReply((r.json as { rkid: string }).rkid, PROXY_PLAINTEXT, { iat: old }));
    await assert.rejects(client().withClientKey(key).proxy.outbound("int_1", "send_event", { title: "t", text: "x" }), InvalidEnvelopeError);
    const lenient = new QuantaSeal({ baseUrl: service.url, apiKey: API_KEY, clientKey: key, maxClockSkewSeconds: 900 });
    assert.equal((await lenient.proxy.outbound("int_1", "send_event", { title: "t", text: "x" })).upstream.status, 202);
  });

  test("a plaintext that is not the proxy's shape is a ResponseFormatError", async () => {
    const qs = await withKey();
    overrides.set("POST /api/v2/proxy/outbound", (r) => keys.envelopeReply((r.json as { rkid: string }).rkid, { integration_id: "int_1" }));
    await assert.rejects(qs.proxy.outbound("int_1", "send_event", { title: "t", text: "x" }), ResponseFormatError);
  });

  test("without a client key nothing is sent", async () => {
    await assert.rejects(client().proxy.outbound("int_1", "send_event", { title: "t", text: "x" }), ConfigurationError);
    await assert.rejects(client().vault.unseal({ vaultEntryId: "vlt_1" }), ConfigurationError);
    assert.equal(service.received.length, 0);
  });
});

describe("server keys", () => {
  test("fetched once for many envelopes", async () => {
    const qs = await withKey();
    for (let i = 0; i < 3; i++) {
      await qs.proxy.outbound("int_1", "send_event", { title: "t", text: "x" });
    }
    assert.equal(keys.serverKeyFetches, 1);
  });

  test("fetched again once when an envelope names an unknown skid (a rotation)", async () => {
    const qs = await withKey();
    await qs.proxy.outbound("int_1", "send_event", { title: "t", text: "x" });
    const rotated = keys.addSigner();
    keys.listed = [keys.activeSkid, rotated];
    keys.activeSkid = rotated;
    await qs.proxy.outbound("int_1", "send_event", { title: "t", text: "x" });
    assert.equal(keys.serverKeyFetches, 2);
    await qs.proxy.outbound("int_1", "send_event", { title: "t", text: "x" });
    assert.equal(keys.serverKeyFetches, 2);
  });

  test("an skid the service does not list either: one more fetch, then invalid", async () => {
    const qs = await withKey();
    await qs.proxy.outbound("int_1", "send_event", { title: "t", text: "x" });
    keys.activeSkid = keys.addSigner(); // signs, but is never listed
    await assert.rejects(qs.proxy.outbound("int_1", "send_event", { title: "t", text: "x" }), InvalidEnvelopeError);
    assert.equal(keys.serverKeyFetches, 2);
  });

  test("concurrent opens share one fetch; clients derived with withClientKey share the cache", async () => {
    const qs = client();
    const key = await qs.encryption.createClientKey();
    const a = qs.withClientKey(key);
    const b = qs.withClientKey(key);
    const envelopes = await Promise.all([1, 2, 3, 4].map((n) => keys.seal(key.rkid, `m${n}`, { rid: `req_${n}` })));
    const opened = await Promise.all(envelopes.map((e, i) => (i % 2 === 0 ? a : b).encryption.decrypt(e)));
    assert.deepEqual(opened.map((p) => new TextDecoder().decode(p)), ["m1", "m2", "m3", "m4"]);
    assert.equal(keys.serverKeyFetches, 1);
  });

  test("listServerKeys answers typed keys", async () => {
    const answer = await client().encryption.listServerKeys();
    assert.equal(answer.keys.length, 1);
    assert.equal(answer.keys[0]!.alg, "ML-DSA-65");
    assert.equal(answer.keys[0]!.publicKey.length, 1952);
    assert.equal(answer.keys[0]!.status, "active");
  });
});

describe("encryption.decrypt", () => {
  test("opens text, bytes and objects; checks rid when asked", async () => {
    const qs = await withKey();
    const envelope = await keys.seal(qs.clientKey!.rkid, { a: 1 }, { rid: "req_x" });
    const text = JSON.stringify(envelope);
    assert.deepEqual(await qs.encryption.decryptJson(text), { a: 1 });
    assert.deepEqual(await qs.encryption.decryptJson(new TextEncoder().encode(text)), { a: 1 });
    assert.deepEqual(await qs.encryption.decryptJson(envelope, { expectedRequestId: "req_x" }), { a: 1 });
    await assert.rejects(qs.encryption.decrypt(envelope, { expectedRequestId: "req_y" }), InvalidEnvelopeError);
    await assert.rejects(qs.encryption.decrypt("{}"), InvalidEnvelopeError);
  });

  test("needs a client key", async () => {
    await assert.rejects(client().encryption.decrypt("{}"), ConfigurationError);
  });
});

describe("vault.unseal", () => {
  test("sends rkid, opens the envelope and redacts the values", async () => {
    const qs = await withKey();
    const credential = await qs.vault.unseal({ vaultEntryId: ENTRY.vault_entry_id });
    assert.deepEqual(received("POST", "/api/v2/vault/unseal")[0]!.json, { vault_entry_id: ENTRY.vault_entry_id, rkid: qs.clientKey!.rkid });
    assert.ok(received("POST", "/api/v2/vault/unseal")[0]!.headers["idempotency-key"]);
    assert.deepEqual(credential.values, { api_key: "s3cr3t-api-key", app_key: "s3cr3t-app-key" });
    assert.equal(credential.version, 2);
    for (const shown of [String(credential), JSON.stringify(credential), inspect(credential, { showHidden: true, depth: 5 })]) {
      assert.ok(!shown.includes("s3cr3t"), shown);
      assert.ok(shown.includes(ENTRY.vault_entry_id));
    }
  });
});

describe("every operation: request and typed answer", () => {
  test("vault", async () => {
    const qs = client();
    const sealed = await qs.vault.seal({ credentialType: "basic_auth", name: "db", values: { username: "u", password: "p" } });
    assert.deepEqual(sealed, { vaultEntryId: ENTRY.vault_entry_id, name: "dd", credentialType: "api_key", version: 2, createdAt: ENTRY.created_at, rotatedAt: ENTRY.rotated_at });
    assert.deepEqual(received("POST", "/api/v2/vault/seal")[0]!.json, { credential_type: "basic_auth", name: "db", values: { username: "u", password: "p" } });

    const list = await qs.vault.list({ limit: 10, cursor: "c1" });
    assert.equal(list.entries[0]!.vaultEntryId, ENTRY.vault_entry_id);
    assert.equal(received("GET", "/api/v2/vault/entries")[0]!.query.toString(), "limit=10&cursor=c1");

    const detail = await qs.vault.get("vlt_a/b");
    assert.equal(service.received.at(-1)!.path, "/api/v2/vault/entries/vlt_a%2Fb");
    assert.deepEqual(detail.versions, [
      { version: 1, createdAt: "2026-01-01T00:00:00Z", current: false },
      { version: 2, createdAt: "2026-01-02T00:00:00Z", current: true },
    ]);

    await qs.vault.rotate("vlt_1", { values: { api_key: "new" } }, { idempotencyKey: "rot-1" });
    const rotate = received("POST", "/api/v2/vault/entries/vlt_1/rotate")[0]!;
    assert.deepEqual(rotate.json, { values: { api_key: "new" } });
    assert.equal(rotate.headers["idempotency-key"], "rot-1");

    await qs.vault.delete("vlt_1");
    await qs.vault.delete("vlt_1", { force: true });
    const deletes = received("DELETE", "/api/v2/vault/entries/vlt_1");
    assert.deepEqual(deletes.map((d) => d.query.toString()), ["", "force=true"]);

    await qs.vault.retireVersion("vlt_1", 1);
    assert.equal(received("DELETE", "/api/v2/vault/entries/vlt_1/versions/1").length, 1);
    await assert.rejects(qs.vault.retireVersion("vlt_1", 0), ConfigurationError);
    await assert.rejects(qs.vault.get(""), ConfigurationError);
  });

  test("integrations", async () => {
    const qs = client();
    const created = await qs.integrations.create({
      systemType: "datadog",
      name: "prod",
      credentialId: ENTRY.vault_entry_id,
      config: { site: "datadoghq.eu" },
      allowedOperations: ["send_event", "send_log"],
    });
    assert.deepEqual(received("POST", "/api/v2/integrations")[0]!.json, {
      system_type: "datadog",
      name: "prod",
      credential_id: ENTRY.vault_entry_id,
      config: { site: "datadoghq.eu" },
      allowed_operations: ["send_event", "send_log"],
    });
    assert.deepEqual(created, {
      integrationId: INTEGRATION.integration_id,
      systemType: "datadog",
      name: "prod",
      credentialId: ENTRY.vault_entry_id,
      config: { site: "datadoghq.eu" },
      allowedOperations: ["send_event", "send_log"],
      status: "unhealthy",
      unhealthyReason: "credential_rejected",
      createdAt: INTEGRATION.created_at,
      updatedAt: INTEGRATION.updated_at,
    });
    assert.equal((await qs.integrations.list()).integrations.length, 1);
    assert.equal((await qs.integrations.get("int_1")).integrationId, INTEGRATION.integration_id);
    await qs.integrations.update("int_1", { allowedOperations: [] });
    assert.deepEqual(received("PATCH", "/api/v2/integrations/int_1")[0]!.json, { allowed_operations: [] });
    await qs.integrations.delete("int_1", { force: false });
    assert.equal(received("DELETE", "/api/v2/integrations/int_1")[0]!.query.get("force"), "false");
  });

  test("siem", async () => {
    const qs = client();
    const created = await qs.siem.createDestination({ systemType: "datadog", integrationId: "int_1", streams: ["metrics", "audit"] });
    assert.deepEqual(received("POST", "/api/v2/siem/destinations")[0]!.json, { system_type: "datadog", integration_id: "int_1", streams: ["metrics", "audit"] });
    assert.deepEqual(created, {
      destinationId: DESTINATION.destination_id,
      systemType: "datadog",
      integrationId: INTEGRATION.integration_id,
      streams: ["metrics", "audit"],
      createdAt: DESTINATION.created_at,
      status: "active",
    });
    assert.equal((await qs.siem.listDestinations()).destinations.length, 1);
    assert.equal((await qs.siem.getDestination("dst_1")).status, "active");
    await qs.siem.deleteDestination("dst_1");
    assert.equal(received("DELETE", "/api/v2/siem/destinations/dst_1").length, 1);
  });

  test("answers are frozen", async () => {
    const list = await client().vault.list();
    assert.ok(Object.isFrozen(list) && Object.isFrozen(list.entries) && Object.isFrozen(list.entries[0]));
  });
});

describe("pagination", () => {
  test("listAll follows next_cursor to the last page", async () => {
    const pages: Record<string, object> = {
      "": { entries: [ENTRY], next_cursor: "p2" },
      p2: { entries: [ENTRY, ENTRY], next_cursor: "p3" },
      p3: { entries: [ENTRY] },
    };
    overrides.set("GET /api/v2/vault/entries", (r) => ok(pages[r.query.get("cursor") ?? ""]!));
    const all = [];
    for await (const entry of client().vault.listAll({ limit: 2 })) {
      all.push(entry);
    }
    assert.equal(all.length, 4);
    assert.deepEqual(received("GET", "/api/v2/vault/entries").map((r) => r.query.toString()), ["limit=2", "limit=2&cursor=p2", "limit=2&cursor=p3"]);
  });

  test("every list has it", async () => {
    const qs = client();
    assert.equal((await collect(qs.integrations.listAll())).length, 1);
    assert.equal((await collect(qs.siem.listAllDestinations())).length, 1);
  });

  test("a server that repeats a cursor is stopped", async () => {
    overrides.set("GET /api/v2/integrations", () => ok({ integrations: [], next_cursor: "same" }));
    await assert.rejects(collect(client().integrations.listAll()), ResponseFormatError);
  });
});

describe("configuration", () => {
  test("QS_URL and QS_API_KEY are the defaults", async () => {
    const saved = { url: process.env["QS_URL"], key: process.env["QS_API_KEY"] };
    process.env["QS_URL"] = service.url;
    process.env["QS_API_KEY"] = API_KEY;
    try {
      await new QuantaSeal().vault.list();
      assert.equal(service.received.length, 1);
    } finally {
      restore("QS_URL", saved.url);
      restore("QS_API_KEY", saved.key);
    }
  });

  test("missing or malformed settings are ConfigurationErrors that never echo the key", () => {
    const saved = { url: process.env["QS_URL"], key: process.env["QS_API_KEY"] };
    Reflect.deleteProperty(process.env, "QS_URL");
    Reflect.deleteProperty(process.env, "QS_API_KEY");
    try {
      assert.throws(() => new QuantaSeal({ apiKey: API_KEY }), /no base URL/);
      assert.throws(() => new QuantaSeal({ baseUrl: service.url }), /no API key/);
      assert.throws(() => new QuantaSeal({ baseUrl: "ftp://x", apiKey: API_KEY }), ConfigurationError);
      assert.throws(() => new QuantaSeal({ baseUrl: "http://u:p@x", apiKey: API_KEY }), ConfigurationError);
      assert.throws(() => new QuantaSeal({ baseUrl: "not a url", apiKey: API_KEY }), ConfigurationError);
      assert.throws(() => new QuantaSeal({ baseUrl: service.url, apiKey: API_KEY, timeoutMs: -1 }), ConfigurationError);
      assert.throws(() => new QuantaSeal({ baseUrl: service.url, apiKey: "qs_live_short-secret" }), (e: unknown) => {
        assert.ok(e instanceof ConfigurationError);
        assert.ok(!e.message.includes("short-secret"));
        return true;
      });
    } finally {
      restore("QS_URL", saved.url);
      restore("QS_API_KEY", saved.key);
    }
  });

  test("the client never shows its API key", async () => {
    const qs = await withKey();
    for (const shown of [String(qs), inspect(qs, { showHidden: true, depth: 10 }), JSON.stringify(qs)]) {
      assert.ok(!shown.includes(API_KEY), shown);
    }
    assert.equal(String(qs), `QuantaSeal(${service.url}, ${qs.clientKey!.rkid})`);
  });

  test("withClientKey leaves the original client without a key", async () => {
    const qs = client();
    const key = ClientKey.fromParts({ rkid: "ck_1", hkid: "hk_1", seed: new Uint8Array(64), macKey: new Uint8Array(64) });
    const derived = qs.withClientKey(key);
    assert.equal(qs.clientKey, undefined);
    assert.equal(derived.clientKey, key);
    assert.equal(derived.baseUrl, qs.baseUrl);
  });
});

describe("coverage of docs/openapi.yaml", () => {
  test("every operationId has a method, and every method exists", () => {
    const yaml = readFileSync(OPENAPI, "utf8");
    const ids = [...yaml.matchAll(/^\s+operationId:\s*(\w+)\s*$/gm)].map((m) => m[1]).sort();
    assert.ok(ids.length >= 19);
    assert.deepEqual(Object.keys(OPERATIONS).sort(), ids);
    const qs = client() as unknown as Record<string, Record<string, unknown>>;
    for (const [id, method] of Object.entries(OPERATIONS)) {
      const [namespace, name] = method.split(".") as [string, string];
      assert.equal(typeof qs[namespace]?.[name], "function", `${id} → ${method}`);
    }
  });

  test("the version matches package.json", () => {
    assert.equal(VERSION, (JSON.parse(readFileSync(`${PACKAGE_ROOT}/package.json`, "utf8")) as { version: string }).version);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) {
    Reflect.deleteProperty(process.env, name);
  } else {
    process.env[name] = value;
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
  }
  return out;
}
