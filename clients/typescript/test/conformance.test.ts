/**
 * docs/vectors/envelope-v1-conformance.json through this SDK, one test per case; the same
 * runner on cases made here from the golden vectors; and the conformance-runner script's
 * contract (one line per failing case, "N passed, M failed", exit 0 only when all pass).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCase, runConformance, type ConformanceCase, type ConformanceFile } from "../tools/conformance.js";
import { b64e, envelopeText, goldenVectors, signerOf } from "./support/golden.js";
import { CONFORMANCE_FILE, PACKAGE_ROOT } from "./support/paths.js";

const file = JSON.parse(readFileSync(CONFORMANCE_FILE, "utf8")) as ConformanceFile;

describe("docs/vectors/envelope-v1-conformance.json", () => {
  test("holds at least 40 cases, valid and invalid", () => {
    assert.ok(file.vectors.length >= 40);
    assert.ok(file.vectors.some((c) => c.result === "valid"));
    assert.ok(file.vectors.some((c) => c.result === "invalid"));
  });
  for (const c of file.vectors) {
    test(`${c.result}: ${c.name}`, async () => {
      const outcome = await runCase(c);
      assert.ok(outcome.passed, outcome.detail);
    });
  }
});

/** Conformance cases from the golden vectors: each valid, then with its mac and its iat changed. */
function derivedCases(): ConformanceCase[] {
  return goldenVectors().vectors.flatMap((v): ConformanceCase[] => {
    const base = {
      recipient_seed: v.recipient_seed,
      rkid: v.rkid,
      server_public_key: b64e(signerOf(v).publicKey),
      skid: v.skid,
      mac_key: v.mac_key,
      hkid: v.hkid,
      now: v.iat + 1,
    };
    const mac = String(v.envelope["mac"]);
    return [
      { ...base, name: `golden-${v.name}`, envelope: envelopeText(v), result: "valid", plaintext: v.plaintext },
      { ...base, name: `golden-${v.name}-mac-changed`, envelope: JSON.stringify({ ...v.envelope, mac: (mac[0] === "A" ? "B" : "A") + mac.slice(1) }), result: "invalid" },
      { ...base, name: `golden-${v.name}-stale`, now: v.iat + 301, envelope: envelopeText(v), result: "invalid" },
    ];
  });
}

describe("cases derived from the golden vectors", () => {
  test("every case passes", async () => {
    const outcomes = await runConformance({ suite: file.suite, vectors: derivedCases() });
    assert.deepEqual(outcomes.filter((o) => !o.passed), []);
    assert.equal(outcomes.length, goldenVectors().vectors.length * 3);
  });

  test("a case whose expectation is wrong fails, with a reason", async () => {
    const [valid] = derivedCases();
    assert.deepEqual(await runCase({ ...valid!, result: "invalid" }), { name: valid!.name, passed: false, detail: "expected invalid, but it opened" });
    assert.equal((await runCase({ ...valid!, plaintext: "AAAA" })).passed, false);
  });
});

describe("the conformance-runner script", () => {
  function run(path: string): { status: number | null; stdout: string } {
    const result = spawnSync(join(PACKAGE_ROOT, "conformance-runner"), [path], { encoding: "utf8", env: { ...process.env, QS_TS_SKIP_BUILD: "1" } });
    return { status: result.status, stdout: result.stdout };
  }

  test("passes the project's file with exit 0 and the closing count", () => {
    const { status, stdout } = run(CONFORMANCE_FILE);
    assert.equal(status, 0);
    assert.equal(stdout, `${file.vectors.length} passed, 0 failed\n`);
  });

  test("names each failing case and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "qs-ts-conformance-"));
    try {
      const cases = derivedCases();
      const broken = cases.map((c, i) => (i === 0 ? { ...c, result: "invalid" as const } : c));
      const path = join(dir, "broken.json");
      writeFileSync(path, JSON.stringify({ suite: file.suite, vectors: broken }));
      const { status, stdout } = run(path);
      assert.equal(status, 1);
      assert.deepEqual(stdout.trimEnd().split("\n"), [`FAIL ${cases[0]!.name}: expected invalid, but it opened`, `${cases.length - 1} passed, 1 failed`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a file it cannot read: exit 2", () => {
    assert.equal(run(join(tmpdir(), "no-such-conformance-file.json")).status, 2);
  });
});
