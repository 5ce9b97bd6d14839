/**
 * The package's core in a real browser (headless Debian Chromium), loaded as a web page would load
 * it: dist/ and its @noble dependencies as ES modules through an import map, no bundler, no
 * Node. The page opens every golden vector, refuses a tampered one, reads the client-key file
 * text, and runs createClientKey + proxy.outbound against a fake API on the same loopback origin
 * that seals real envelopes. It POSTs its findings back; the test checks them.
 *
 * Skipped, with the reason, when no Chromium is installed (ci-test installs Debian's).
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { test } from "node:test";
import { API_KEY, requestId, type Received, type Reply } from "./support/fake-service.js";
import { EnvelopeService } from "./support/envelope-service.js";
import { CLIENT_KEY_VECTOR, GOLDEN_VECTORS, PACKAGE_ROOT, VECTORS_DIR } from "./support/paths.js";

function chromium(): string | undefined {
  for (const name of [process.env["QS_CHROMIUM"], "chromium", "chromium-browser", "google-chrome"]) {
    if (name !== undefined && name !== "" && spawnSync("sh", ["-c", `command -v ${name}`]).status === 0) {
      return name;
    }
  }
  return undefined;
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>quantaseal in a browser</title>
<script type="importmap">
{"imports": {
  "quantaseal": "/dist/index.js",
  "@noble/post-quantum/": "/node_modules/@noble/post-quantum/",
  "@noble/hashes/": "/node_modules/@noble/hashes/",
  "@noble/curves/": "/node_modules/@noble/curves/",
  "@noble/ciphers/": "/node_modules/@noble/ciphers/",
  "canonicalize": "/node_modules/canonicalize/lib/canonicalize.js"
}}
</script>
<script type="module">
const report = (body) => fetch("/result", { method: "POST", body: JSON.stringify(body) });
try {
  const { EnvelopeOpener, ClientKey, QuantaSeal, InvalidEnvelopeError, decodeClientKeyFile, verifyAuditTrail } = await import("quantaseal");
  const { ml_dsa65 } = await import("@noble/post-quantum/ml-dsa.js");
  const b64 = (s) => Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const golden = await (await fetch("/vectors/envelope-v1.json")).json();
  const opened = {};
  for (const v of golden.vectors) {
    const key = ClientKey.fromParts({ rkid: v.rkid, hkid: v.hkid, seed: b64(v.recipient_seed), macKey: b64(v.mac_key) });
    const opener = new EnvelopeOpener({
      clientKeys: [key],
      serverKeys: new Map([[v.skid, ml_dsa65.keygen(b64(v.signer_seed)).publicKey]]),
      clock: () => v.iat * 1000,
    });
    opened[v.name] = same(await opener.open(JSON.stringify(v.envelope)), b64(v.plaintext));
    if (v.name === "proxy-response") {
      const tampered = { ...v.envelope, iat: v.iat + 1 };
      try { await opener.open(tampered); opened["tampered"] = "opened"; }
      catch (e) { opened["tampered"] = e instanceof InvalidEnvelopeError ? e.message : String(e); }
    }
  }
  const audit = await (await fetch("/vectors/audit-v1.json")).json();
  const auditKeys = new Map(audit.keys.filter((k) => k.trusted).map((k) => [k.skid, b64(k.public_key)]));
  const audited = {};
  for (const c of audit.verifications) {
    const r = verifyAuditTrail({ tenantId: audit.tenant_id, from: c.from, to: c.to, checkpoints: c.checkpoints, records: c.records, serverKeys: auditKeys, anchor: c.anchor });
    audited[c.name] = (r.failure ? r.failure.kind : null) === (c.expect ? c.expect.kind : null);
  }
  opened["audit"] = audited;
  const keyFile = decodeClientKeyFile(await (await fetch("/vectors/client-key-v1.json")).text());
  const qs = new QuantaSeal({ baseUrl: location.origin, apiKey: ${JSON.stringify(API_KEY)} });
  const client = qs.withClientKey(await qs.encryption.createClientKey());
  const answer = await client.proxy.outbound("int_00000000000000000000000001", "send_event", { title: "t", text: "from a browser" });
  await report({
    userAgent: navigator.userAgent,
    hasBuffer: typeof globalThis.Buffer !== "undefined",
    hasProcess: typeof globalThis.process !== "undefined",
    opened,
    keyFileRkid: keyFile.rkid,
    keyPrinted: String(keyFile),
    upstreamStatus: answer.upstream.status,
    auditId: answer.auditId,
  });
} catch (error) {
  await report({ error: String(error && error.stack || error) });
}
</script>`;

const TYPES: Record<string, string> = { ".js": "text/javascript", ".json": "application/json", ".html": "text/html" };

test("the core runs in headless Chromium: golden vectors, key file, and a proxy call", async (t) => {
  const browser = chromium();
  if (browser === undefined) {
    t.skip("no Chromium on this machine (apt-get install chromium; ci-test does)");
    return;
  }
  const keys = new EnvelopeService();
  let resolveResult: (value: Record<string, unknown>) => void = () => undefined;
  const result = new Promise<Record<string, unknown>>((resolve) => {
    resolveResult = resolve;
  });
  const api = async (r: Received): Promise<Reply> => {
    if (r.path === "/api/v2/encryption/client-keys") {
      return keys.registerReply(r);
    }
    if (r.path === "/api/v2/encryption/server-keys") {
      return keys.serverKeysReply();
    }
    if (r.path === "/api/v2/proxy/outbound") {
      const plaintext = { integration_id: "int_00000000000000000000000001", operation: "send_event", upstream: { status: 202, body: { status: "ok" }, latency_ms: 5 }, audit_id: "aud_browser" };
      return keys.envelopeReply((r.json as { rkid: string }).rkid, plaintext, { status: 202, headers: { "X-QS-Source": "upstream" } });
    }
    return { status: 404, headers: { "X-Request-Id": requestId() }, body: { error: { code: "not_found", message: "no", request_id: "req_x" } } };
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = Buffer.concat(chunks).toString("utf8");
      const send = (status: number, type: string, content: string | Buffer, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { "Content-Type": type, ...headers });
        res.end(content);
      };
      if (url.pathname === "/result") {
        resolveResult(JSON.parse(body) as Record<string, unknown>);
        send(204, "text/plain", "");
      } else if (url.pathname === "/") {
        send(200, "text/html", PAGE);
      } else if (url.pathname.startsWith("/api/")) {
        if (req.headers["x-api-key"] !== API_KEY) {
          send(401, "application/json", "{}");
          return;
        }
        const received: Received = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body, json: body === "" ? undefined : JSON.parse(body) };
        void api(received).then((reply) => {
          send(reply.status, "application/json", typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body), reply.headers);
        });
      } else {
        const files: Record<string, string> = {
          "/vectors/envelope-v1.json": GOLDEN_VECTORS,
          "/vectors/client-key-v1.json": CLIENT_KEY_VECTOR,
          "/vectors/audit-v1.json": join(VECTORS_DIR, "audit-v1.json"),
        };
        const rel = normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, "");
        const path = files[url.pathname] ?? ((rel.startsWith("dist/") || rel.startsWith("node_modules/@noble/") || rel.startsWith("node_modules/canonicalize/")) && !rel.includes("..") ? join(PACKAGE_ROOT, rel) : undefined);
        try {
          send(200, TYPES[extname(path ?? "")] ?? "application/octet-stream", readFileSync(path ?? "/nonexistent"));
        } catch {
          send(404, "text/plain", "not found");
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const profile = mkdtempSync(join(tmpdir(), "qs-ts-chromium-"));
  const child = spawn(
    browser,
    ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
      `--user-data-dir=${profile}`, `http://127.0.0.1:${port}/`],
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no result from Chromium in 120 s\n${stderr.slice(-2000)}`));
      }, 120_000);
    });
    const found = await Promise.race([result, timeout]);
    assert.equal(found["error"], undefined, String(found["error"]));
    assert.match(String(found["userAgent"]), /Chrome/);
    assert.equal(found["hasBuffer"], false);
    assert.equal(found["hasProcess"], false);
    const opened = found["opened"] as Record<string, unknown>;
    const audited = opened["audit"] as Record<string, boolean>;
    assert.ok(Object.keys(audited).length >= 13, "every audit-v1.json verification case ran in the browser");
    for (const [name, ok] of Object.entries(audited)) {
      assert.equal(ok, true, `audit case ${name} in Chromium`);
    }
    for (const name of ["empty-plaintext", "proxy-response", "plaintext-64kib", "non-ascii-ids", "ids-of-256-utf8-bytes", "iat-zero"]) {
      assert.equal(opened[name], true, name);
    }
    assert.equal(opened["tampered"], "invalid envelope");
    assert.equal(found["keyFileRkid"], "ck_01JDZ7YV3B5N8Q2R4T6W8Y0A1C");
    assert.equal(found["keyPrinted"], "ClientKey(rkid=ck_01JDZ7YV3B5N8Q2R4T6W8Y0A1C, hkid=hk_01JDZ7YV3B5N8Q2R4T6W8Y0A1D)");
    assert.equal(found["upstreamStatus"], 202);
    assert.equal(found["auditId"], "aud_browser");
  } finally {
    clearTimeout(timer);
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-(child.pid ?? 0), "SIGKILL"); // the browser and its renderer processes
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => {
      resolve();
    }));
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
