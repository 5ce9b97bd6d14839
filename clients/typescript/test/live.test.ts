/**
 * The SDK against the real service: `./run-local --fake-datadog --unseal-key` (started here on a
 * free 127.0.0.1 port, stopped at the end). Every operation of docs/openapi.yaml is called the
 * way a user calls it, live envelopes are opened (proxy answers, unseal, a raw answer through
 * `decrypt`), and the npm pack tarball is installed into an empty project that compiles and runs
 * the quickstart (quickstart-runner).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { QuantaSeal } from "../src/client.js";
import { ApiError, InvalidEnvelopeError } from "../src/errors.js";
import type { Integration } from "../src/models/integrations.js";
import type { VaultEntry } from "../src/models/vault.js";
import { loadClientKey, saveClientKey } from "../src/node/index.js";
import { startLocalServer, type LocalServer } from "./support/local-server.js";
import { PACKAGE_ROOT } from "./support/paths.js";

const DD_KEY = "0123456789abcdef0123456789abcdef";
/** The key the loopback Datadog refuses (403), as Datadog refuses a key of another org or site. */
const REJECTED_DD_KEY = "invalid-datadog-key";

let server: LocalServer;
let qs: QuantaSeal;
let entry: VaultEntry;
let integration: Integration;

before(async () => {
  server = await startLocalServer();
  const base = new QuantaSeal({ baseUrl: server.env["QS_URL"]!, apiKey: server.env["QS_API_KEY"]! });
  qs = base.withClientKey(await base.encryption.createClientKey());
  entry = await qs.vault.seal({ credentialType: "api_key", name: "datadog-live", values: { api_key: DD_KEY } });
  integration = await qs.integrations.create({
    systemType: "datadog",
    name: "live",
    credentialId: entry.vaultEntryId,
    config: { site: "datadoghq.com" },
    allowedOperations: ["send_event", "send_metric", "send_log"],
  });
});

after(async () => {
  await server.stop();
});

describe("vault", () => {
  test("seal, list, listAll, get", async () => {
    assert.match(entry.vaultEntryId, /^vlt_[0-9a-hjkmnp-tv-z]{26}$/);
    assert.equal(entry.version, 1);
    assert.equal(entry.credentialType, "api_key");
    const bearer = await qs.vault.seal({ credentialType: "bearer_token", value: "tok" });
    const page = await qs.vault.list();
    assert.ok(page.entries.some((e) => e.vaultEntryId === bearer.vaultEntryId));
    const all = [];
    for await (const e of qs.vault.listAll()) {
      all.push(e.vaultEntryId);
    }
    assert.ok(all.includes(entry.vaultEntryId) && all.includes(bearer.vaultEntryId));
    const detail = await qs.vault.get(entry.vaultEntryId);
    assert.deepEqual(detail.versions.map((v) => [v.version, v.current]), [[1, true]]);
  });

  test("rotate, retireVersion, and the errors around them", async () => {
    const e = await qs.vault.seal({ credentialType: "basic_auth", values: { username: "u", password: "p1" } });
    const rotated = await qs.vault.rotate(e.vaultEntryId, { values: { username: "u", password: "p2" } });
    assert.equal(rotated.version, 2);
    assert.deepEqual(rotated.versions.map((v) => [v.version, v.current]), [[1, false], [2, true]]);
    await assert.rejects(qs.vault.retireVersion(e.vaultEntryId, 2), { name: "ApiError", status: 400, code: "invalid_request" });
    await qs.vault.retireVersion(e.vaultEntryId, 1);
    assert.deepEqual((await qs.vault.get(e.vaultEntryId)).versions.map((v) => v.version), [2]);
    await assert.rejects(qs.vault.retireVersion(e.vaultEntryId, 1), { status: 404, code: "not_found" });
  });

  test("delete: refused while an integration uses the entry, unless forced", async () => {
    const e = await qs.vault.seal({ credentialType: "api_key", value: DD_KEY });
    await qs.integrations.create({ systemType: "datadog", credentialId: e.vaultEntryId, config: { site: "datadoghq.com" } });
    await assert.rejects(qs.vault.delete(e.vaultEntryId), (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 409);
      assert.equal(error.code, "resource_in_use");
      assert.match(String(error.requestId), /^req_/);
      return true;
    });
    await qs.vault.delete(e.vaultEntryId, { force: true });
    await assert.rejects(qs.vault.get(e.vaultEntryId), { status: 404, code: "not_found" });
  });

  test("a seal the service refuses is an ApiError with the contract's code", async () => {
    await assert.rejects(
      qs.vault.seal({ credentialType: "api_key", values: { api_key: "k", extra: "x" } as never }),
      { name: "ApiError", status: 400, code: "invalid_request" },
    );
  });

  test("unseal: denied without the vault:unseal scope; opened with it", async () => {
    await assert.rejects(qs.vault.unseal({ vaultEntryId: entry.vaultEntryId }), { status: 403, code: "operation_not_allowed" });
    const base = new QuantaSeal({ baseUrl: server.env["QS_URL"]!, apiKey: server.env["QS_UNSEAL_API_KEY"]! });
    const unsealer = base.withClientKey(await base.encryption.createClientKey());
    const credential = await unsealer.vault.unseal({ vaultEntryId: entry.vaultEntryId });
    assert.equal(credential.vaultEntryId, entry.vaultEntryId);
    assert.equal(credential.credentialType, "api_key");
    assert.deepEqual(credential.values, { api_key: DD_KEY });
    assert.ok(!String(credential).includes(DD_KEY));
  });
});

describe("encryption", () => {
  test("listServerKeys", async () => {
    const { keys } = await qs.encryption.listServerKeys();
    assert.ok(keys.length >= 1);
    assert.ok(keys.some((k) => k.status === "active" && k.alg === "ML-DSA-65" && k.publicKey.length === 1952));
  });

  test("a client key saved to a file (0600) and loaded back opens live envelopes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qs-ts-live-"));
    try {
      const path = join(dir, "client-key.json");
      await saveClientKey(qs.clientKey!, path);
      assert.equal(statSync(path).mode & 0o777, 0o600);
      const reloaded = qs.withClientKey(await loadClientKey(path));
      const answer = await reloaded.proxy.outbound(integration.integrationId, "send_event", { title: "reloaded", text: "key" });
      assert.equal(answer.upstream.status, 202);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("decrypt opens a raw HTTP answer, bound to its X-Request-Id", async () => {
    const response = await fetch(`${server.env["QS_URL"]!}/api/v2/proxy/outbound`, {
      method: "POST",
      headers: { "X-API-Key": server.env["QS_API_KEY"]!, "Content-Type": "application/json" },
      body: JSON.stringify({
        integration_id: integration.integrationId,
        operation: "send_event",
        payload: { title: "raw", text: "decrypt" },
        rkid: qs.clientKey!.rkid,
      }),
    });
    const body = await response.text();
    const requestId = response.headers.get("x-request-id")!;
    assert.equal(response.headers.get("x-qs-source"), "upstream");
    const plaintext = await qs.encryption.decryptJson<{ upstream: { status: number }; audit_id: string }>(body, { expectedRequestId: requestId });
    assert.equal(plaintext.upstream.status, 202);
    assert.match(plaintext.audit_id, /^aud_/);
    await assert.rejects(qs.encryption.decrypt(body, { expectedRequestId: "req_other" }), InvalidEnvelopeError);
    // One flipped character of the signature: the same one error.
    const tampered = JSON.parse(body) as Record<string, string>;
    tampered["sig"] = (tampered["sig"]![0] === "A" ? "B" : "A") + tampered["sig"]!.slice(1);
    await assert.rejects(qs.encryption.decrypt(JSON.stringify(tampered)), { name: "InvalidEnvelopeError", message: "invalid envelope" });
  });
});

describe("integrations", () => {
  test("create, get, list, listAll, update, delete", async () => {
    assert.match(integration.integrationId, /^int_/);
    assert.equal(integration.status, "healthy");
    assert.deepEqual(integration.allowedOperations, ["send_event", "send_metric", "send_log"]);
    const other = await qs.integrations.create({ systemType: "datadog", credentialId: entry.vaultEntryId, config: { site: "datadoghq.eu" } });
    assert.deepEqual(other.allowedOperations, []);
    assert.equal((await qs.integrations.get(other.integrationId)).config.site, "datadoghq.eu");
    assert.ok((await qs.integrations.list()).integrations.some((i) => i.integrationId === other.integrationId));
    const ids = [];
    for await (const i of qs.integrations.listAll()) {
      ids.push(i.integrationId);
    }
    assert.ok(ids.includes(integration.integrationId) && ids.includes(other.integrationId));
    const updated = await qs.integrations.update(other.integrationId, { name: "renamed", allowedOperations: ["send_log"] });
    assert.equal(updated.name, "renamed");
    assert.deepEqual(updated.allowedOperations, ["send_log"]);
    await qs.integrations.delete(other.integrationId);
    await assert.rejects(qs.integrations.get(other.integrationId), { status: 404, code: "not_found" });
  });

  test("a key Datadog refuses: 422 credential_rejected", async () => {
    const refused = await qs.vault.seal({ credentialType: "api_key", value: REJECTED_DD_KEY });
    await assert.rejects(
      qs.integrations.create({ systemType: "datadog", credentialId: refused.vaultEntryId, config: { site: "datadoghq.com" } }),
      { name: "ApiError", status: 422, code: "credential_rejected" },
    );
  });
});

describe("proxy", () => {
  test("send_event, send_metric and send_log come back verified and decrypted", async () => {
    const event = await qs.proxy.outbound(integration.integrationId, "send_event", { title: "deploy", text: "v1 is live", tags: ["env:test"] });
    assert.equal(event.upstream.status, 202);
    assert.equal(event.integrationId, integration.integrationId);
    assert.equal(event.operation, "send_event");
    assert.match(event.auditId, /^aud_/);
    assert.match(String(event.$metadata.requestId), /^req_/);
    const metric = await qs.proxy.outbound(integration.integrationId, "send_metric", { metric: "quantaseal.sdk.test", value: 1, type: "count" });
    assert.equal(metric.upstream.status, 202);
    const logs = await qs.proxy.outbound(integration.integrationId, "send_log", [{ message: "one" }, { message: "two", service: "sdk" }]);
    assert.equal(logs.upstream.status, 202);
  });

  test("an operation the integration does not allow: 403 operation_not_allowed, nothing sent", async () => {
    const narrow = await qs.integrations.create({
      systemType: "datadog",
      credentialId: entry.vaultEntryId,
      config: { site: "datadoghq.com" },
      allowedOperations: ["send_event"],
    });
    await assert.rejects(qs.proxy.outbound(narrow.integrationId, "send_log", { message: "no" }), {
      name: "ApiError",
      status: 403,
      code: "operation_not_allowed",
    });
  });

  test("Datadog's own 403 is an answer in its envelope, not an error", async () => {
    const e = await qs.vault.seal({ credentialType: "api_key", value: DD_KEY });
    const i = await qs.integrations.create({ systemType: "datadog", credentialId: e.vaultEntryId, config: { site: "datadoghq.com" }, allowedOperations: ["send_event"] });
    await qs.vault.rotate(e.vaultEntryId, { value: REJECTED_DD_KEY });
    const answer = await qs.proxy.outbound(i.integrationId, "send_event", { title: "t", text: "refused upstream" });
    assert.equal(answer.upstream.status, 403);
    assert.equal(answer.$metadata.httpStatus, 403);
    assert.equal((await qs.integrations.get(i.integrationId)).status, "unhealthy");
  });

  test("an unknown integration: 404 not_found", async () => {
    await assert.rejects(qs.proxy.outbound("int_00000000000000000000000000", "send_event", { title: "t", text: "x" }), {
      status: 404,
      code: "not_found",
    });
  });
});

describe("siem", () => {
  test("createDestination, listDestinations, listAllDestinations, getDestination, deleteDestination", async () => {
    const created = await qs.siem.createDestination({ systemType: "datadog", integrationId: integration.integrationId, streams: ["metrics", "audit"] });
    assert.match(created.destinationId, /^dst_/);
    assert.deepEqual(created.streams, ["metrics", "audit"]);
    assert.equal((await qs.siem.getDestination(created.destinationId)).integrationId, integration.integrationId);
    assert.ok((await qs.siem.listDestinations()).destinations.some((d) => d.destinationId === created.destinationId));
    const ids = [];
    for await (const d of qs.siem.listAllDestinations()) {
      ids.push(d.destinationId);
    }
    assert.ok(ids.includes(created.destinationId));
    // The integration is in use now.
    await assert.rejects(qs.integrations.delete(integration.integrationId), { status: 409, code: "resource_in_use" });
    await qs.siem.deleteDestination(created.destinationId);
    await assert.rejects(qs.siem.getDestination(created.destinationId), { status: 404, code: "not_found" });
  });

  test("a stream the integration cannot carry is refused", async () => {
    const narrow = await qs.integrations.create({
      systemType: "datadog",
      credentialId: entry.vaultEntryId,
      config: { site: "datadoghq.com" },
      allowedOperations: ["send_event"],
    });
    await assert.rejects(qs.siem.createDestination({ systemType: "datadog", integrationId: narrow.integrationId, streams: ["metrics"] }), {
      name: "ApiError",
      status: 400,
    });
  });
});

describe("authentication", () => {
  test("a well-formed but unknown API key: 403 invalid_api_key", async () => {
    const stranger = new QuantaSeal({ baseUrl: server.env["QS_URL"]!, apiKey: `qs_test_${"Z".repeat(43)}` });
    await assert.rejects(stranger.vault.list(), { name: "ApiError", status: 403, code: "invalid_api_key" });
  });
});

describe("the installed package", () => {
  test("npm pack → an empty project → strict tsc against its types → the quickstart prints Datadog's status", () => {
    const dir = mkdtempSync(join(tmpdir(), "qs-ts-installed-"));
    try {
      const result = spawnSync(join(PACKAGE_ROOT, "quickstart-runner"), [], {
        env: { ...process.env, QS_URL: server.env["QS_URL"], QS_API_KEY: server.env["QS_API_KEY"], QS_DD_API_KEY: DD_KEY, QS_TS_INSTALL_DIR: dir, QS_TS_SKIP_BUILD: "1" },
        encoding: "utf8",
        timeout: 10 * 60 * 1000,
      });
      assert.equal(result.status, 0, `quickstart-runner failed:\n${result.stderr}\n${result.stdout}`);
      assert.match(result.stdout, /^upstream status: 202$/m);
      assert.match(result.stdout, /^upstream body: \{"status":"ok"/m);

      // What was installed is the tarball, with its declarations, and a browser-safe core.
      const installed = join(dir, "node_modules", "quantaseal");
      const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { version: string };
      assert.equal(manifest.version, "0.1.0");
      assert.ok(statSync(join(installed, "dist", "index.d.ts")).isFile());
      assert.ok(statSync(join(installed, "dist", "node", "index.d.ts")).isFile());
      assert.ok(!readdirSync(installed).includes("test") && !readdirSync(installed).includes("node_modules"));
      for (const file of jsFiles(join(installed, "dist"))) {
        const code = readFileSync(file, "utf8");
        if (!file.includes(join("dist", "node"))) {
          assert.doesNotMatch(code, /from "node:|require\(|\bBuffer\b|\bprocess\./, `${file} uses a Node-only API`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? jsFiles(join(dir, d.name)) : d.name.endsWith(".js") ? [join(dir, d.name)] : [],
  );
}
