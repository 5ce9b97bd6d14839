/**
 * The conformance runner (docs/clients.md, "Scripts every SDK provides"): opens every case of a
 * conformance file (the format of docs/vectors/envelope-v1-conformance.json) with this SDK's
 * EnvelopeOpener, prints one line per failing case, then `N passed, M failed`; exit status 0
 * only when every case passes. A case names the holder's three keys (rkid, skid, hkid) and the
 * clock (`now`); a valid case must open to exactly `plaintext`, an invalid one must be refused.
 *
 *   node build/tools/conformance.js FILE
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { decodeBase64Url } from "../src/envelope/base64url.js";
import { EnvelopeOpener } from "../src/envelope/opener.js";
import { InvalidEnvelopeError } from "../src/errors.js";
import { ClientKey } from "../src/keys/client-key.js";

export interface ConformanceCase {
  readonly name: string;
  readonly recipient_seed: string;
  readonly rkid: string;
  readonly server_public_key: string;
  readonly skid: string;
  readonly mac_key: string;
  readonly hkid: string;
  readonly now: number;
  readonly envelope: string;
  readonly result: "valid" | "invalid";
  readonly plaintext?: string;
}

export interface ConformanceFile {
  readonly suite: string;
  readonly vectors: readonly ConformanceCase[];
}

export interface CaseOutcome {
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed (empty when it passed). */
  readonly detail: string;
}

function bytes(text: string, what: string): Uint8Array {
  const decoded = decodeBase64Url(text);
  if (decoded === undefined) {
    throw new Error(`${what} is not unpadded base64url`);
  }
  return decoded;
}

/** Runs one case. */
export async function runCase(c: ConformanceCase): Promise<CaseOutcome> {
  let opener: EnvelopeOpener;
  try {
    opener = new EnvelopeOpener({
      clientKeys: [ClientKey.fromParts({ rkid: c.rkid, hkid: c.hkid, seed: bytes(c.recipient_seed, "recipient_seed"), macKey: bytes(c.mac_key, "mac_key") })],
      serverKeys: new Map([[c.skid, bytes(c.server_public_key, "server_public_key")]]),
      clock: () => c.now * 1000,
    });
  } catch (error) {
    return { name: c.name, passed: false, detail: `the case's keys are unusable: ${(error as Error).message}` };
  }
  const envelope = typeof c.envelope === "string" ? c.envelope : JSON.stringify(c.envelope);
  try {
    const plaintext = await opener.open(envelope);
    if (c.result !== "valid") {
      return { name: c.name, passed: false, detail: "expected invalid, but it opened" };
    }
    const expected = bytes(c.plaintext ?? "", "plaintext");
    const same = expected.length === plaintext.length && expected.every((b, i) => b === plaintext[i]);
    return same
      ? { name: c.name, passed: true, detail: "" }
      : { name: c.name, passed: false, detail: `opened to ${plaintext.length} bytes other than the expected ${expected.length}` };
  } catch (error) {
    if (!(error instanceof InvalidEnvelopeError)) {
      return { name: c.name, passed: false, detail: `threw ${String(error)} instead of InvalidEnvelopeError` };
    }
    return c.result === "invalid"
      ? { name: c.name, passed: true, detail: "" }
      : { name: c.name, passed: false, detail: "expected valid, but it was rejected (invalid envelope)" };
  }
}

/** Runs every case of a file. */
export async function runConformance(file: ConformanceFile): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const c of file.vectors) {
    outcomes.push(await runCase(c));
  }
  return outcomes;
}

async function main(argv: readonly string[]): Promise<number> {
  const path = argv[0];
  if (path === undefined || argv.length !== 1) {
    process.stderr.write("usage: conformance-runner FILE\n");
    return 2;
  }
  let file: ConformanceFile;
  try {
    file = JSON.parse(readFileSync(path, "utf8")) as ConformanceFile;
    if (!Array.isArray(file.vectors)) {
      throw new Error('no "vectors" array');
    }
  } catch (error) {
    process.stderr.write(`conformance-runner: cannot read ${path}: ${(error as Error).message}\n`);
    return 2;
  }
  const outcomes = await runConformance(file);
  for (const o of outcomes.filter((x) => !x.passed)) {
    process.stdout.write(`FAIL ${o.name}: ${o.detail}\n`);
  }
  const failed = outcomes.filter((x) => !x.passed).length;
  process.stdout.write(`${outcomes.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
