/**
 * The request layer against a loopback server: headers, retries (429/5xx, backoff with full
 * jitter, Retry-After and its cap, which calls may be repeated), timeouts, aborts, redirects and
 * the mapping of error answers to ApiError.
 */
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { QuantaSeal, type QuantaSealConfig } from "../src/client.js";
import { ApiError, NetworkError, ResponseFormatError } from "../src/errors.js";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs, retryPolicy } from "../src/http/retry.js";
import { API_KEY, errorReply, FakeService, requestId, type Handler } from "./support/fake-service.js";

const ENTRY = {
  vault_entry_id: "vlt_00000000000000000000000000",
  credential_type: "api_key",
  version: 1,
  created_at: "2026-01-01T00:00:00.123456789Z",
  rotated_at: "2026-01-01T00:00:00.123456789Z",
};

let service: FakeService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

interface Harness {
  readonly qs: QuantaSeal;
  readonly service: FakeService;
  readonly sleeps: number[];
}

async function harness(handler: Handler, config: Partial<QuantaSealConfig> = {}): Promise<Harness> {
  service = await FakeService.start(handler);
  const sleeps: number[] = [];
  const qs = new QuantaSeal({
    baseUrl: service.url,
    apiKey: API_KEY,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...config,
  });
  return { qs, service, sleeps };
}

function ok(body: object, status = 200): ReturnType<Handler> {
  return { status, headers: { "X-Request-Id": requestId() }, body };
}

describe("what every request carries", () => {
  test("X-API-Key, Accept, JSON body, and a generated Idempotency-Key on seal", async () => {
    const h = await harness(() => ok(ENTRY, 201));
    await h.qs.vault.seal({ credentialType: "api_key", values: { api_key: "k" } });
    const r = h.service.received[0]!;
    assert.equal(r.headers["x-api-key"], API_KEY);
    assert.equal(r.headers["accept"], "application/json");
    assert.equal(r.headers["content-type"], "application/json");
    assert.match(String(r.headers["idempotency-key"]), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(r.json, { credential_type: "api_key", values: { api_key: "k" } });
  });

  test("a caller's Idempotency-Key is sent as given", async () => {
    const h = await harness(() => ok(ENTRY, 201));
    await h.qs.vault.seal({ credentialType: "api_key", value: "k" }, { idempotencyKey: "my-key-1" });
    assert.equal(h.service.received[0]!.headers["idempotency-key"], "my-key-1");
  });

  test("a base URL with a stage path keeps it", async () => {
    const h = await harness(() => ok({ entries: [] }));
    const staged = new QuantaSeal({ baseUrl: `${h.service.url}/v2/`, apiKey: API_KEY });
    await staged.vault.list();
    assert.equal(h.service.received[0]!.path, "/v2/api/v2/vault/entries");
  });
});

describe("retries", () => {
  test("429 waits exactly Retry-After, then succeeds with the same Idempotency-Key", async () => {
    const h = await harness((_, i) => (i === 0 ? errorReply(429, "rate_limited", "slow down", { "Retry-After": "2" }) : ok(ENTRY, 201)));
    await h.qs.vault.seal({ credentialType: "api_key", value: "k" });
    assert.deepEqual(h.sleeps, [2000]);
    assert.equal(h.service.received.length, 2);
    assert.equal(h.service.received[0]!.headers["idempotency-key"], h.service.received[1]!.headers["idempotency-key"]);
  });

  test("5xx without Retry-After backs off with full jitter (random · min(cap, base · 2^n))", async () => {
    const h = await harness((_, i) => (i < 2 ? errorReply(503, "key_unavailable", "try later") : ok({ entries: [] })));
    await h.qs.vault.list();
    assert.deepEqual(h.sleeps, [100, 200]);
  });

  test("after the last attempt the last error is thrown, with its status, code and request id", async () => {
    const h = await harness(() => errorReply(502, "upstream_unreachable", "Datadog did not answer", { "Retry-After": "1" }));
    await assert.rejects(h.qs.integrations.get("int_x"), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 502);
      assert.equal(e.code, "upstream_unreachable");
      assert.equal(e.message, "Datadog did not answer");
      assert.match(String(e.requestId), /^req_/);
      assert.equal(e.retryAfterSeconds, 1);
      assert.equal(e.name, "ApiError");
      return true;
    });
    assert.equal(h.service.received.length, 3);
    assert.deepEqual(h.sleeps, [1000, 1000]);
  });

  test("a Retry-After over the cap is reported, not waited for", async () => {
    const h = await harness(() => errorReply(429, "rate_limited", "slow down", { "Retry-After": "3600" }));
    await assert.rejects(h.qs.vault.list(), { name: "ApiError", status: 429, retryAfterSeconds: 3600 });
    assert.equal(h.service.received.length, 1);
    assert.deepEqual(h.sleeps, []);
  });

  test("a Retry-After given as an HTTP date", async () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    const h = await harness(
      (_, i) => (i === 0 ? errorReply(503, "internal_error", "x", { "Retry-After": new Date(now + 5000).toUTCString() }) : ok({ entries: [] })),
      { clock: () => now },
    );
    await h.qs.vault.list();
    assert.deepEqual(h.sleeps, [5000]);
  });

  test("a POST without an Idempotency-Key is not repeated; with one it is", async () => {
    const answers = [errorReply(503, "internal_error", "x"), ok({}, 201)];
    const h = await harness((_, i) => answers[i % 2]!);
    await assert.rejects(
      h.qs.integrations.create({ systemType: "datadog", credentialId: "vlt_x", config: { site: "datadoghq.com" } }),
      { status: 503 },
    );
    assert.equal(h.service.received.length, 1);
    h.service.received.length = 0;
    await assert.rejects(
      h.qs.integrations.create({ systemType: "datadog", credentialId: "vlt_x", config: { site: "datadoghq.com" } }, { idempotencyKey: "k1" }),
      ResponseFormatError, // the fake's 201 body is not an integration: proof the retry happened
    );
    assert.equal(h.service.received.length, 2);
  });

  test("client-key registration is never repeated, even with an Idempotency-Key", async () => {
    const h = await harness(() => errorReply(503, "key_unavailable", "x"));
    await assert.rejects(h.qs.encryption.createClientKey(), { status: 503 });
    await assert.rejects(h.qs.encryption.registerClientKey({ publicKey: new Uint8Array(1184) }, { idempotencyKey: "k" }), { status: 503 });
    assert.equal(h.service.received.length, 2);
  });

  test("4xx other than 429 is not repeated", async () => {
    const h = await harness(() => errorReply(404, "not_found", "No such vault entry."));
    await assert.rejects(h.qs.vault.get("vlt_nope"), { status: 404, code: "not_found" });
    assert.equal(h.service.received.length, 1);
  });

  test("a dropped connection is retried, then reported as NetworkError", async () => {
    const h = await harness(() => ({ status: 0, destroy: true }));
    await assert.rejects(h.qs.vault.list(), (e: unknown) => {
      assert.ok(e instanceof NetworkError);
      assert.equal(e.code, "network_error");
      assert.match(e.message, /after 3 attempt/);
      return true;
    });
    assert.equal(h.service.received.length, 3);
  });

  test("maxAttempts 1 turns retries off", async () => {
    const h = await harness(() => errorReply(503, "internal_error", "x"), { retry: { maxAttempts: 1 } });
    await assert.rejects(h.qs.vault.list(), { status: 503 });
    assert.equal(h.service.received.length, 1);
  });
});

describe("timeouts, aborts and redirects", () => {
  test("an attempt that takes longer than timeoutMs fails (and is retried)", async () => {
    const h = await harness(() => ({ status: 200, body: { entries: [] }, delayMs: 500 }), { timeoutMs: 50, retry: { maxAttempts: 2 } });
    await assert.rejects(h.qs.vault.list(), (e: unknown) => e instanceof NetworkError && /timed out after 50 ms/.test(e.message));
    assert.equal(h.service.received.length, 2);
  });

  test("the caller's AbortSignal ends the wait between retries at once", async () => {
    service = await FakeService.start(() => errorReply(429, "rate_limited", "x", { "Retry-After": "15" }));
    const qs = new QuantaSeal({ baseUrl: service.url, apiKey: API_KEY });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => {
      controller.abort(new Error("caller gave up"));
    }, 100);
    await assert.rejects(qs.vault.list({}, { signal: controller.signal }), /caller gave up/);
    assert.ok(Date.now() - started < 5000);
  });

  test("an already aborted signal sends nothing", async () => {
    const h = await harness(() => ok({ entries: [] }));
    await assert.rejects(h.qs.vault.list({}, { signal: AbortSignal.abort(new Error("no")) }), /no/);
    assert.equal(h.service.received.length, 0);
  });

  test("a redirect is never followed (it would carry the API key elsewhere)", async () => {
    const target = await FakeService.start(() => ok({ entries: [] }));
    try {
      const h = await harness(() => ({ status: 302, headers: { Location: `${target.url}/api/v2/vault/entries` } }), { retry: { maxAttempts: 1 } });
      await assert.rejects(h.qs.vault.list(), NetworkError);
      assert.equal(target.received.length, 0);
    } finally {
      await target.close();
    }
  });
});

describe("answers that are not what the contract says", () => {
  test("an error without the error body is still an ApiError", async () => {
    const h = await harness(() => ({ status: 500, headers: { "X-Request-Id": "req_abc" }, body: "<html>oops</html>" }), { retry: { maxAttempts: 1 } });
    await assert.rejects(h.qs.vault.list(), { name: "ApiError", status: 500, code: "http_500", requestId: "req_abc" });
  });

  test("a 2xx that is not JSON, or lacks a member, is a ResponseFormatError", async () => {
    const h = await harness((_, i) => (i === 0 ? { status: 200, headers: { "X-Request-Id": "req_1" }, body: "nope" } : ok({ entries: [{ vault_entry_id: 5 }] })));
    await assert.rejects(h.qs.vault.list(), { name: "ResponseFormatError", code: "invalid_response", requestId: "req_1" });
    await assert.rejects(h.qs.vault.list(), /"vault_entry_id" is missing or not a string/);
  });
});

describe("retry arithmetic", () => {
  test("full jitter stays under the capped exponential", () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    assert.equal(backoffDelayMs(policy, 1, () => 0.999), 99);
    assert.equal(backoffDelayMs(policy, 4, () => 0.999), 799);
    assert.equal(backoffDelayMs(policy, 10, () => 0.999), 999);
    assert.equal(backoffDelayMs(policy, 3, () => 0), 0);
  });

  test("Retry-After forms", () => {
    assert.equal(parseRetryAfterMs("7", 0), 7000);
    assert.equal(parseRetryAfterMs(" 0 ", 0), 0);
    assert.equal(parseRetryAfterMs(null, 0), undefined);
    assert.equal(parseRetryAfterMs("soon", 0), undefined);
    assert.equal(parseRetryAfterMs("-1", 0), undefined);
    assert.equal(parseRetryAfterMs("Thu, 01 Jan 1970 00:00:10 GMT", 4000), 6000);
    assert.equal(parseRetryAfterMs("Thu, 01 Jan 1970 00:00:10 GMT", 20_000), 0);
  });

  test("defaults and bad settings", () => {
    assert.deepEqual(retryPolicy(), DEFAULT_RETRY_POLICY);
    assert.throws(() => retryPolicy({ maxAttempts: 0 }), RangeError);
    assert.throws(() => retryPolicy({ baseDelayMs: -1 }), RangeError);
  });
});
