/**
 * The audit verifier against the project's known answers (docs/audit.md, "Known-answer vectors"):
 * the JCS library against docs/vectors/rfc8785-jcs.json, the tree against RFC 6962's reference
 * (rfc6962-merkle.json), every period of audit-v1.json rebuilt from its inputs (signatures
 * re-made byte for byte: noble signs deterministically with rnd = 0 when told), and every
 * verification case naming the failure the Java verifier names.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import canonicalize from "canonicalize";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import {
  AUDIT_CONTEXT,
  AUDIT_FAILURE_KINDS,
  AuditFormatError,
  canonicalJson,
  checkpointBodyHash,
  leafHash,
  merkleRoot,
  parseAuditJson,
  verifyAuditTrail,
  type VerifyAuditTrailInput,
} from "../src/audit/verifier.js";
import { decodeBase64Url, encodeBase64Url } from "../src/envelope/base64url.js";
import { parseStrictJson } from "../src/envelope/strict-json.js";
import { VECTORS_DIR } from "./support/paths.js";

type Json = Record<string, unknown>;

interface JcsFile {
  cases: { name: string; input: string; output: string }[];
  numbers: { bits: string; output: string }[];
  invalid: { name: string; input: string }[];
}

interface MerkleFile {
  leaf_inputs: string[];
  node_hashes: string[][];
  roots: string[];
}

interface Checkpoint {
  body: Json & { seq: number };
  sig: string;
}

interface Case {
  name: string;
  from: string;
  to: string;
  anchor: Json | null;
  checkpoints: Checkpoint[];
  records: Json[];
  expect: { kind: string; seq: number | null; period_start: string | null; period_end: string | null } | null;
}

interface AuditFile {
  context: string;
  tenant_id: string;
  keys: { skid: string; seed: string; public_key: string; trusted: boolean }[];
  periods: {
    seq: number;
    records: { record: Json; jcs: string; leaf: string }[];
    root: string;
    body: Json & { root: string; count: number; prev: string };
    body_jcs: string;
    body_hash: string;
    sig: string;
  }[];
  verifications: Case[];
}

function load(name: string): unknown {
  return JSON.parse(readFileSync(join(VECTORS_DIR, name), "utf8"));
}

const jcs = load("rfc8785-jcs.json") as JcsFile;
const merkle = load("rfc6962-merkle.json") as MerkleFile;
const audit = load("audit-v1.json") as AuditFile;
const text = new TextDecoder();

function b64(s: string): Uint8Array {
  const bytes = decodeBase64Url(s);
  assert.ok(bytes, `not base64url: ${s.slice(0, 16)}`);
  return bytes;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

describe("the JCS library (canonicalize) against rfc8785-jcs.json", () => {
  for (const c of jcs.cases) {
    test(c.name, () => {
      assert.equal(canonicalize(JSON.parse(c.input)), c.output);
    });
  }
  for (const n of jcs.numbers) {
    test(`number ${n.bits}`, () => {
      const value = Buffer.from(n.bits, "hex").readDoubleBE(0);
      assert.equal(canonicalize(value), n.output);
    });
  }
  for (const c of jcs.invalid) {
    test(`refuses ${c.name}`, () => {
      // JSON.parse keeps the last duplicate member: the strict reader refuses it first.
      assert.throws(() => {
        parseStrictJson(c.input);
        canonicalize(JSON.parse(c.input));
      });
    });
  }
});

test("the Merkle tree is RFC 6962's (Certificate Transparency's reference tree)", () => {
  const leaves = (merkle.leaf_inputs).map((d) => leafHash(Buffer.from(d, "hex")));
  (merkle.roots).forEach((root, n) => {
    assert.equal(hex(merkleRoot(leaves.slice(0, n))), root, `root of ${n} leaves`);
  });
  (merkle.node_hashes).forEach((hashes, level) => {
    const width = 1 << level;
    hashes.forEach((expected, i) => {
      assert.equal(hex(merkleRoot(leaves.slice(i * width, (i + 1) * width))), expected);
    });
  });
});

describe("audit-v1.json: each period rebuilds from its inputs", () => {
  const trusted = audit.keys.find((k) => k.trusted);
  assert.ok(trusted);
  for (const period of audit.periods) {
    test(`seq ${period.seq}`, () => {
      const leaves = period.records.map((entry) => {
        const canonical = canonicalJson(entry.record);
        assert.equal(text.decode(canonical), entry.jcs);
        assert.equal(encodeBase64Url(leafHash(canonical)), entry.leaf);
        return leafHash(canonical);
      });
      assert.equal(encodeBase64Url(merkleRoot(leaves)), period.root);
      assert.equal(period.body.root, period.root);
      assert.equal(period.body.count, period.records.length);
      assert.equal(text.decode(canonicalJson(period.body)), period.body_jcs);
      assert.equal(checkpointBodyHash(period.body), period.body_hash);
      assert.equal(period.body.prev, period.seq === 0 ? "" : audit.periods[period.seq - 1]?.body_hash);
      const keys = ml_dsa65.keygen(b64(trusted.seed));
      assert.equal(encodeBase64Url(keys.publicKey), trusted.public_key);
      const context = new TextEncoder().encode(audit.context);
      const sig = ml_dsa65.sign(new TextEncoder().encode(period.body_jcs), keys.secretKey, { context, extraEntropy: false });
      assert.equal(encodeBase64Url(sig), period.sig, "deterministic ML-DSA-65 re-makes the signature");
    });
  }
});

function trustedKeys(): Map<string, Uint8Array> {
  return new Map(audit.keys.filter((k) => k.trusted).map((k) => [k.skid, b64(k.public_key)]));
}

function input(c: Case): VerifyAuditTrailInput {
  return {
    tenantId: audit.tenant_id,
    from: c.from,
    to: c.to,
    checkpoints: c.checkpoints,
    records: c.records,
    serverKeys: trustedKeys(),
    anchor: c.anchor,
  };
}

describe("audit-v1.json: each verification case", () => {
  for (const c of audit.verifications) {
    test(c.name, () => {
      const result = verifyAuditTrail(input(c));
      if (c.expect === null) {
        assert.equal(result.failure, null, result.failure?.detail);
        assert.ok(result.valid);
        assert.equal(result.checkpointsVerified, c.checkpoints.length);
        assert.equal(result.recordsVerified, c.records.length);
        const last = c.checkpoints.reduce((a, b) => (a.body.seq > b.body.seq ? a : b));
        assert.deepEqual(result.lastVerified, last.body);
      } else {
        assert.ok(!result.valid);
        assert.ok(result.failure);
        assert.ok((AUDIT_FAILURE_KINDS as readonly string[]).includes(result.failure.kind));
        assert.deepEqual(
          { kind: result.failure.kind, seq: result.failure.seq, period_start: result.failure.periodStart, period_end: result.failure.periodEnd },
          c.expect,
          result.failure.detail,
        );
      }
    });
  }
});

function clean(): Case {
  const c = audit.verifications.find((v) => v.name === "clean");
  assert.ok(c);
  return structuredClone(c);
}

function first<T>(items: T[]): T {
  const item = items[0];
  assert.ok(item !== undefined);
  return item;
}

function kindOf(c: Case): string | null {
  return verifyAuditTrail(input(c)).failure?.kind ?? null;
}

describe("what the verifier refuses beyond the file", () => {
  test("no checkpoints names the range", () => {
    const c = clean();
    c.checkpoints = [];
    const f = verifyAuditTrail(input(c)).failure;
    assert.deepEqual([f?.kind, f?.periodStart], ["no_checkpoints", c.from]);
  });

  const malformedBodies: [string, unknown][] = [
    ["v", 2],
    ["seq", -1],
    ["seq", 1.5],
    ["count", "3"],
    ["root", "not base64url!"],
    ["period_start", "2026-12-04T18:39:00Z"],
    ["skid", ""],
    ["extra", 1],
  ];
  for (const [name, value] of malformedBodies) {
    test(`a body with ${name} = ${JSON.stringify(value)} is a malformed checkpoint`, () => {
      const c = clean();
      first(c.checkpoints).body[name] = value;
      assert.equal(kindOf(c), "malformed_checkpoint");
    });
  }

  const malformedRecords: [string, unknown][] = [
    ["details", { latency_ms: 0.5 }],
    ["details", { n: 2 ** 53 }],
    ["resource", "int_1"],
    ["actor", 7],
  ];
  for (const [name, value] of malformedRecords) {
    test(`a record with ${name} = ${JSON.stringify(value)} is malformed`, () => {
      const c = clean();
      first(c.records)[name] = value;
      assert.equal(kindOf(c), "malformed_record");
    });
  }

  test("a record after the last checkpoint lies outside them", () => {
    const c = clean();
    c.records.push({ ...first(c.records), audit_id: "aud_after_the_range", time: "2026-12-04T18:43:00.000000Z" });
    assert.equal(kindOf(c), "record_outside_checkpoints");
  });

  test("a repeated checkpoint breaks the sequence", () => {
    const c = clean();
    c.checkpoints.push(structuredClone(first(c.checkpoints.slice(1))));
    assert.equal(kindOf(c), "sequence_broken");
  });

  test("the caller's own bad inputs throw", () => {
    assert.throws(() => verifyAuditTrail({ ...input(clean()), from: "yesterday" }), AuditFormatError);
    assert.throws(() => verifyAuditTrail({ ...input(clean()), serverKeys: new Map([["k", new Uint8Array(3)]]) }), AuditFormatError);
  });

  test("parseAuditJson refuses what JSON.parse would silently change", () => {
    assert.throws(() => parseAuditJson('{"a":1.0}'), AuditFormatError);
    assert.throws(() => parseAuditJson('{"a":9007199254740993}'), AuditFormatError);
    assert.throws(() => parseAuditJson('{"a":1,"a":2}'), AuditFormatError);
    assert.deepEqual(parseAuditJson('{"a":[1,-0,"x"],"b":{"c":null}}'), { a: [1, 0, "x"], b: { c: null } });
    const c = clean();
    const reparsed = parseAuditJson(JSON.stringify({ checkpoints: c.checkpoints, records: c.records })) as {
      checkpoints: unknown[];
      records: unknown[];
    };
    assert.ok(verifyAuditTrail({ ...input(c), checkpoints: reparsed.checkpoints, records: reparsed.records }).valid);
  });

  test("canonicalJson refuses what JCS prints differently across languages", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) {
      deep = [deep];
    }
    for (const value of [{ a: 0.1 }, { a: 2 ** 53 }, { a: "\ud800" }, { a: Number.NaN }, deep]) {
      assert.throws(() => canonicalJson(value), AuditFormatError);
    }
  });

  test("the context string is the spec's", () => {
    assert.equal(AUDIT_CONTEXT, audit.context);
  });
});
