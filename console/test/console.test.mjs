/**
 * The Admin Console in a real browser (Debian's headless Chromium driven by playwright-core; no
 * browser download) against ./run-local --fake-datadog started here: the served headers (CSP),
 * sign-in, sealing a Datadog key, an integration, a test event verified and decrypted in the
 * browser, a SIEM webhook and its delivery, API keys, audit, sign-out; no CSP violation and no
 * script error on any page; an axe-core scan of every page with no serious or critical
 * violation; every page at 1280 px and 390 px wide without horizontal scrolling. Screenshots of
 * each page go to <repo>/target/console-screenshots/.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startLocalRun } from "./local-run.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..");
const shots = join(repoRoot, "target", "console-screenshots");
const logDir = process.env.QS_LOG_DIR ?? join(here, "..", "build");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const DATADOG_KEY = "dd-console-test-0123456789abcdef";

function chromiumPath() {
  for (const name of [process.env.QS_CHROMIUM, "chromium", "chromium-browser"]) {
    if (name) {
      const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
      if (r.status === 0) return r.stdout.trim();
    }
  }
  return undefined;
}
const executablePath = chromiumPath();

describe("the Admin Console in headless Chromium", { skip: executablePath === undefined ? "no chromium installed (ci-test installs Debian's)" : false }, () => {
  let run, browser, context, page, base;
  const problems = [];
  const axeFindings = {};

  before(async () => {
    mkdirSync(shots, { recursive: true });
    mkdirSync(logDir, { recursive: true });
    run = await startLocalRun(repoRoot, join(logDir, "console-run-local.log"), ["--siem-interval", "2"]);
    base = run.env.QS_URL;
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    // A loaded machine (./test-all runs beside other builds) gets more than playwright's 30 s.
    context.setDefaultTimeout(90_000);
    page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // Every request the page makes goes to its own origin; API calls carry X-API-Key and no cookie.
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(`${base}/`) && !url.startsWith("blob:") && !url.startsWith("data:")) problems.push(`a request to another origin: ${url}`);
      if (url.startsWith(`${base}/api/`)) {
        const h = r.headers();
        if (r.method() !== "OPTIONS" && !/^qs_test_/.test(h["x-api-key"] ?? "")) problems.push(`an API call without X-API-Key: ${r.method()} ${url}`);
        if (h.cookie !== undefined) problems.push(`an API call with a cookie: ${url}`);
      }
    });
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  });

  // What the page showed at the end of each test (for a failure's diagnosis).
  let step = 0;
  afterEach(async () => {
    step += 1;
    await page?.screenshot({ path: join(shots, `after-test-${String(step).padStart(2, "0")}.png`) }).catch(() => undefined);
  });

  after(async () => {
    await browser?.close();
    await run?.stop();
  });

  /** Screenshot, axe scan, and the checks every page passes. */
  async function check(name) {
    await page.waitForLoadState("networkidle");
    await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
    await page.screenshot({ path: join(shots, `${name}-1280.png`), fullPage: true });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    axeFindings[name] = result.violations.map((v) => `${v.impact} ${v.id}`);
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), [], `axe on ${name}`);
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll("button, input, select, textarea, a[href]")]
        .filter((el) => el.offsetParent !== null || el.closest("dialog[open]"))
        .filter((el) => {
          const labelled = el.labels?.length > 0 || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || el.closest("label");
          return !labelled && (el.textContent ?? "").trim() === "" && el.type !== "hidden";
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unnamed, [], `controls without an accessible name on ${name}`);
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `CSP violations on ${name}`);
    assert.deepEqual(problems, [], `script errors on ${name}`);
    // 390 px wide: no horizontal scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: join(shots, `${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.ok(overflow <= 0, `${name} scrolls sideways at 390 px by ${overflow} px`);
  }

  async function go(label) {
    await page.getByRole("navigation", { name: "Console pages" }).getByRole("link", { name: label, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: label }).waitFor();
  }

  test("/console/ is served with the deployed security headers", async () => {
    const r = await fetch(`${base}/console/`);
    assert.equal(r.status, 200);
    const csp = r.headers.get("content-security-policy");
    assert.match(csp, /^default-src 'self'; script-src 'self'; style-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff");
    assert.equal(r.headers.get("x-frame-options"), "DENY");
    assert.equal(r.headers.get("referrer-policy"), "no-referrer");
    const html = await r.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, "no inline script");
    assert.doesNotMatch(html, /\sstyle=/, "no inline style");
    const root = await fetch(`${base}/`, { redirect: "manual" });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get("location"), "/console/");
  });

  test("sign in: a malformed key is refused before sending, a wrong one by the service, the right one opens the Overview", async () => {
    await page.goto(`${base}/console/`);
    await page.getByRole("heading", { name: "Sign in to the QuantaSeal Admin Console" }).waitFor();
    await check("sign-in");
    const key = page.getByLabel("API key");
    await key.fill("not-a-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("That is not an API key").waitFor();
    await key.fill(`qs_test_${"x".repeat(43)}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const refused = page.getByRole("alert");
    await refused.getByText("The API key was not accepted").waitFor();
    assert.match(await refused.textContent(), /Request id req_/);
    await key.fill(run.env.QS_UNSEAL_API_KEY);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    assert.equal(await page.evaluate(() => document.cookie), "");
    assert.deepEqual(await context.cookies(), []);
    assert.match(await page.locator(".facts").first().textContent(), new RegExp(`Tenant${run.env.QS_TENANT_ID}`));
    assert.match(await page.locator(".scopes").textContent(), /client_keys:manage.*vault:unseal/);
    const fingerprint = await page.locator(".fingerprint").first().textContent();
    assert.match(fingerprint, /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    await check("overview");
  });

  test("credentials: seal a Datadog key (write-only field, cleared), rotate it, see both versions", async () => {
    await go("Credentials");
    const form = page.getByRole("form", { name: "Seal a credential" });
    await form.getByLabel("Name").fill("datadog-prod");
    const secret = form.getByLabel("API key", { exact: true });
    assert.equal(await secret.getAttribute("type"), "password");
    await secret.fill(DATADOG_KEY);
    await form.getByRole("button", { name: "Seal credential" }).click();
    await form.getByText("will never be shown again").waitFor();
    assert.equal(await secret.inputValue(), "", "the secret field is cleared after sealing");
    const row = page.getByRole("row", { name: /datadog-prod/ });
    await row.waitFor();
    assert.doesNotMatch(await page.content(), new RegExp(DATADOG_KEY), "the secret is nowhere in the page");
    await row.getByRole("button", { name: "Rotate datadog-prod" }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate datadog-prod" });
    await dialog.getByLabel("API key", { exact: true }).fill(`${DATADOG_KEY}-2`);
    await dialog.getByRole("button", { name: "Rotate" }).click();
    await page.getByText("Rotated datadog-prod: now version 2.").waitFor();
    await page.getByRole("button", { name: "Versions of datadog-prod" }).click();
    const versions = page.getByRole("dialog", { name: "Versions of datadog-prod" });
    await versions.getByRole("button", { name: "Retire version 1" }).waitFor();
    await page.screenshot({ path: join(shots, "credentials-versions-1280.png") });
    await versions.getByRole("button", { name: "Retire version 1" }).click();
    await versions.getByRole("button", { name: "Retire version 1" }).waitFor({ state: "detached" });
    assert.equal(await versions.getByRole("row").count(), 2, "the header and v2");
    assert.match(await versions.getByRole("row").nth(1).textContent(), /v2.*current/);
    await versions.getByRole("button", { name: "Cancel" }).click();
    await check("credentials");
  });

  test("integrations: create one on datadoghq.eu with two operations allowed (default deny shown), healthy", async () => {
    await go("Integrations");
    const form = page.getByRole("form", { name: "Add a Datadog integration" });
    await form.getByLabel("Name").fill("eu-prod");
    await form.getByLabel("Datadog API key (a sealed credential)").selectOption({ index: 0 });
    const sites = await form.getByLabel("Datadog site").locator("option").count();
    assert.equal(sites, 9, "the nine Datadog sites");
    await form.getByLabel("Datadog site").selectOption("datadoghq.eu");
    const event = form.getByRole("switch", { name: /Send events/ });
    assert.equal(await event.isChecked(), false, "default deny");
    assert.equal(await form.getByText("denied").count(), 3);
    await event.check();
    await form.getByRole("switch", { name: /Send logs/ }).check();
    await form.getByRole("button", { name: "Create integration" }).click();
    await form.getByText(/Created int_/).waitFor();
    const row = page.getByRole("row", { name: /eu-prod/ });
    await row.getByText("healthy").waitFor();
    assert.match(await row.textContent(), /send_event: allowed.*send_metric: denied.*send_log: allowed/);
    await row.getByRole("button", { name: "Edit eu-prod" }).click();
    const edit = page.getByRole("dialog", { name: "Edit eu-prod" });
    await edit.getByRole("switch", { name: /Send metrics/ }).check();
    await edit.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved eu-prod.").waitFor();
    assert.match(await page.getByRole("row", { name: /eu-prod/ }).textContent(), /send_metric: allowed/);
    await check("integrations");
  });

  test("credentials: deleting a key an integration uses is refused and explained", async () => {
    await go("Credentials");
    await page.getByRole("button", { name: "Delete datadog-prod" }).click();
    await page.getByRole("dialog", { name: "Delete datadog-prod?" }).getByRole("button", { name: "Delete" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "it is in use" });
    await alert.waitFor();
    assert.match(await alert.textContent(), /integrations call Datadog with this credential/);
    assert.match(await alert.textContent(), /Code resource_in_use · Request id req_/);
    await page.screenshot({ path: join(shots, "credentials-in-use-1280.png") });
  });

  test("send test event: through the proxy, verified and decrypted in the browser", async () => {
    await go("Send test event");
    const form = page.getByRole("form", { name: "Send a test event" });
    await form.getByLabel("Title").fill("console test event");
    await form.getByRole("button", { name: "Send test event" }).click();
    await page.getByText("Verified and decrypted in this browser.").waitFor({ timeout: 60_000 });
    assert.match(await page.locator(".upstream-status").textContent(), /^HTTP 202 /);
    assert.match(run.log(), /console test event/, "the fake Datadog received the event");
    // The README's picture (docs/console-test-event.png is a copy of it).
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.screenshot({ path: join(shots, "readme-test-event.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await check("test-event");
  });

  test("security → SIEM webhooks: add Datadog, see the destination and its delivery", async () => {
    await go("Security → SIEM Webhooks");
    const form = page.getByRole("form", { name: "Add a Datadog SIEM destination" });
    await form.getByLabel("Datadog integration").selectOption({ index: 0 });
    await form.getByRole("checkbox", { name: /Metrics/ }).uncheck();
    await form.getByRole("button", { name: "Add Datadog destination" }).click();
    await form.getByText(/Added dst_/).waitFor();
    const row = page.getByRole("row", { name: /dst_/ });
    await row.getByText("active").waitFor();
    assert.match(await row.textContent(), /audit, security_alerts/);
    // The push runs every 2 s (--siem-interval 2): the audit trail reaches the fake Datadog.
    const deadline = Date.now() + 60_000;
    while (!/POST \/api\/v2\/logs/.test(run.log()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    assert.match(run.log(), /POST \/api\/v2\/logs/, "a SIEM delivery reached the fake Datadog");
    // ... and the console shows it: the destination's delivery status, refreshed until it does.
    const delivered = page.locator(".delivered-count").first();
    while (Date.now() < deadline) {
      await page.getByRole("button", { name: "Refresh status" }).click();
      await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
      if (/^[1-9]\d* \//.test((await delivered.textContent()) ?? "")) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    assert.match(await delivered.textContent(), /^[1-9]\d* \/ 0$/, "delivered / failed");
    assert.doesNotMatch(await page.locator(".last-delivery").first().textContent(), /none yet/);
    assert.equal(await page.locator(".dlq-depth").first().textContent(), "0 waiting");
    await page.getByRole("button", { name: /^Test push to dst_/ }).click();
    const pushed = page.locator(".test-push-result");
    await pushed.waitFor();
    assert.match(await pushed.textContent(), /delivered, Datadog answered HTTP 202/);
    await check("siem");
  });

  test("client keys: the browser's own key is listed; revoked, the next test event makes a new one", async () => {
    await go("Client keys");
    const row = page.getByRole("row", { name: /this browser's/ });
    await row.waitFor();
    const rkid = (await row.locator("code").first().textContent()).trim();
    assert.match(rkid, /^ck_/);
    await check("client-keys");
    await row.getByRole("button", { name: `Revoke ${rkid}` }).click();
    await page.getByRole("dialog", { name: `Revoke ${rkid}?` }).getByRole("button", { name: "Revoke" }).click();
    await page.getByText(`Revoked ${rkid}.`).waitFor();
    await page.getByRole("row", { name: new RegExp(rkid) }).getByText("revoked").waitFor();
    await go("Send test event");
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText("Verified and decrypted in this browser.").waitFor({ timeout: 60_000 });
    const used = await page.locator(".verified + dl code").first().textContent();
    assert.match(used, /^ck_/);
    assert.notEqual(used, rkid, "a new client key, not the revoked one");
  });

  // The self-service endpoints (API keys, audit) of issue 13: until the service has them, the tests
  // that need them are skipped, saying so.
  async function selfService(t) {
    const r = await fetch(`${base}/api/v2/api-keys`, { headers: { "X-API-Key": run.env.QS_API_KEY } });
    if (r.status === 404) {
      t.skip("this service has no /api/v2/api-keys yet");
      return false;
    }
    return true;
  }

  test("scopes the key lacks are shown as unavailable, not as an error after the click", async (t) => {
    if (!(await selfService(t))) return;
    // The --unseal-key key has vault:unseal and client_keys:manage, not admin.
    const nav = page.getByRole("navigation", { name: "Console pages" });
    assert.equal(await nav.getByText("unavailable: needs admin").count(), 2);
    await nav.getByRole("link", { name: "Audit", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Audit" }).waitFor();
    await page.getByRole("note").getByText("Unavailable with this API key").waitFor();
    assert.equal(await page.getByRole("form", { name: "Audit filters" }).count(), 0);
    await check("audit-unavailable");
  });

  test("sign in with the tenant's first key (admin)", async (t) => {
    if (!(await selfService(t))) return;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").fill(run.env.QS_API_KEY);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
    assert.match(await page.locator(".scopes").textContent(), /admin/);
  });

  test("API keys: create one with a scope (shown once), then revoke it", async (t) => {
    if (!(await selfService(t))) return;
    await go("API keys");
    const form = page.getByRole("form", { name: "Create an API key" });
    await form.getByLabel("Name").fill("ci-bot");
    await form.getByRole("checkbox", { name: /client_keys:manage/ }).check();
    await form.getByRole("button", { name: "Create API key" }).click();
    const shown = page.getByLabel("The new API key");
    await shown.waitFor();
    const key = await shown.inputValue();
    assert.match(key, /^qs_test_[A-Za-z0-9_-]{43}$/);
    await page.getByText("it is shown once and cannot be shown again").waitFor();
    await page.screenshot({ path: join(shots, "api-keys-created-1280.png") });
    await page.getByRole("button", { name: "I have saved it" }).click();
    assert.equal(await page.getByLabel("The new API key").count(), 0, "the key is gone from the page");
    assert.doesNotMatch(await page.content(), new RegExp(key), "the key is nowhere in the page");
    const row = page.getByRole("row", { name: /ci-bot/ });
    await row.getByText("active").waitFor();
    assert.match(await row.textContent(), /client_keys:manage/);
    await row.getByRole("button", { name: "Revoke ci-bot" }).click();
    await page.getByRole("dialog", { name: "Revoke ci-bot?" }).getByRole("button", { name: "Revoke" }).click();
    await page.getByText("Revoked ci-bot.").waitFor();
    await page.getByRole("row", { name: /ci-bot/ }).getByText("revoked").waitFor();
    await check("api-keys");
  });

  test("audit: the records, a filter, pages and a CSV export", async (t) => {
    if (!(await selfService(t))) return;
    await go("Audit");
    const records = page.getByRole("table", { name: "Audit records" });
    await records.waitFor();
    assert.ok((await records.locator("tbody tr").count()) > 3);
    const filters = page.getByRole("form", { name: "Audit filters" });
    await filters.getByLabel("Action").fill("vault.seal");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForFunction(() => [...document.querySelectorAll("table tbody tr")].every((r) => r.textContent.includes("vault.seal")));
    assert.equal(await records.locator("tbody tr").count(), 1, "one credential was sealed");
    await page.getByText("Page 1").waitFor();
    const download = page.waitForEvent("download");
    await filters.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, "utf8").trim().split("\n");
    assert.match(csv[0], /^audit_id,/);
    assert.equal(csv.length, 2);
    assert.match(csv[1], /vault\.seal/);
    await page.getByText("Exported 1 record.").waitFor();
    await check("audit");
  });

  test("sign out forgets the key", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("Signed out: the API key was forgotten by this tab.").waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to the QuantaSeal Admin Console" }).waitFor();
    assert.deepEqual(await context.cookies(), []);
  });

  test("report: axe findings per page (none serious or critical)", () => {
    console.log(JSON.stringify(axeFindings));
    assert.ok(Object.keys(axeFindings).length >= 6);
  });
});
