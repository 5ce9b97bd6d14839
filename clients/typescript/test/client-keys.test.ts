/**
 * Client keys: docs/vectors/client-key-v1.json loads (and opens the first golden envelope),
 * save/load round-trips with mode 0600, the loader's refusals, and redaction of every secret.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { EnvelopeOpener } from "../src/envelope/opener.js";
import { ClientKeyFormatError, ConfigurationError } from "../src/errors.js";
import { ClientKey } from "../src/keys/client-key.js";
import { decodeClientKeyFile, encodeClientKeyFile } from "../src/keys/client-key-file.js";
import { ClientKeyRegistration } from "../src/models/encryption.js";
import { loadClientKey, saveClientKey } from "../src/node/index.js";
import { b64, b64e, envelopeText, goldenVectors, signerOf } from "./support/golden.js";
import { CLIENT_KEY_VECTOR } from "./support/paths.js";

const first = goldenVectors().vectors[0]!;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "qs-ts-keys-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function vectorDocument(): Record<string, unknown> {
  return {
    format: "quantaseal-client-key/v1",
    rkid: first.rkid,
    hkid: first.hkid,
    seed: first.recipient_seed,
    mac_key: first.mac_key,
  };
}

describe("docs/vectors/client-key-v1.json", () => {
  test("loads as the recipient of the first golden vector and opens its envelope", async () => {
    const key = await loadClientKey(CLIENT_KEY_VECTOR);
    assert.equal(key.rkid, first.rkid);
    assert.equal(key.hkid, first.hkid);
    assert.deepEqual(key.publicKey, ml_kem768.keygen(b64(first.recipient_seed)).publicKey);
    const opener = new EnvelopeOpener({
      clientKeys: [key],
      serverKeys: new Map([[first.skid, signerOf(first).publicKey]]),
      clock: () => first.iat * 1000,
    });
    assert.deepEqual(await opener.open(envelopeText(first)), b64(first.plaintext));
  });
});

describe("save and load", () => {
  test("round-trip with mode 0600, the documented members and a final newline", async () => {
    const key = ClientKey.fromParts({ rkid: "ck_é", hkid: "hk_1", seed: ClientKey.generateSeed(), macKey: new Uint8Array(64).fill(9) });
    const path = join(dir, "key.json");
    await saveClientKey(key, path);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const text = await readFile(path, "utf8");
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(Object.keys(JSON.parse(text) as object), ["format", "rkid", "hkid", "seed", "mac_key"]);
    const loaded = await loadClientKey(path);
    assert.equal(loaded.rkid, "ck_é");
    assert.deepEqual(loaded.publicKey, key.publicKey);
    assert.equal(encodeClientKeyFile(loaded), text);
  });

  test("overwriting keeps 0600 and leaves no temporary file", async () => {
    const path = join(dir, "again.json");
    await writeFile(path, "old", { mode: 0o644 });
    const key = await loadClientKey(CLIENT_KEY_VECTOR);
    await saveClientKey(key, path);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await loadClientKey(path)).rkid, first.rkid);
    const { readdir } = await import("node:fs/promises");
    assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith(".tmp")), []);
  });

  test("unknown members are ignored", () => {
    const key = decodeClientKeyFile(JSON.stringify({ ...vectorDocument(), comment: "made by hand", extra: { a: 1 } }));
    assert.equal(key.rkid, first.rkid);
  });

  const refusals: [string, string][] = [
    ["another format", JSON.stringify({ ...vectorDocument(), format: "quantaseal-client-key/v2" })],
    ["no format", JSON.stringify({ ...vectorDocument(), format: undefined })],
    ["no rkid", JSON.stringify({ ...vectorDocument(), rkid: undefined })],
    ["no hkid", JSON.stringify({ ...vectorDocument(), hkid: undefined })],
    ["an empty rkid", JSON.stringify({ ...vectorDocument(), rkid: "" })],
    ["no seed", JSON.stringify({ ...vectorDocument(), seed: undefined })],
    ["no mac_key", JSON.stringify({ ...vectorDocument(), mac_key: undefined })],
    ["a padded seed", JSON.stringify({ ...vectorDocument(), seed: `${first.recipient_seed}==` })],
    ["a seed in the standard alphabet", JSON.stringify({ ...vectorDocument(), seed: first.recipient_seed.replace(/-/g, "+").replace(/_/g, "/") })],
    ["a 32-byte seed", JSON.stringify({ ...vectorDocument(), seed: b64e(new Uint8Array(32)) })],
    ["a 63-byte mac_key", JSON.stringify({ ...vectorDocument(), mac_key: b64e(new Uint8Array(63)) })],
    ["a numeric seed", JSON.stringify({ ...vectorDocument(), seed: 5 })],
    ["a duplicate member", JSON.stringify(vectorDocument()).replace("{", `{"rkid":"ck_other",`)],
    ["an array", JSON.stringify([vectorDocument()])],
    ["not JSON", "format: quantaseal-client-key/v1"],
  ];
  for (const [name, text] of refusals) {
    test(`refuses ${name}`, () => {
      assert.throws(() => decodeClientKeyFile(text), (e: unknown) => {
        assert.ok(e instanceof ClientKeyFormatError);
        assert.equal(e.code, "invalid_client_key");
        assert.ok(!e.message.includes(first.recipient_seed) && !e.message.includes(first.mac_key));
        return true;
      });
    });
  }

  test("refuses a file that is not UTF-8, a directory and a huge file", async () => {
    const bin = join(dir, "bin.json");
    await writeFile(bin, new Uint8Array([0x7b, 0xff, 0x7d]));
    await assert.rejects(loadClientKey(bin), ClientKeyFormatError);
    await assert.rejects(loadClientKey(dir), ClientKeyFormatError);
    const huge = join(dir, "huge.json");
    await writeFile(huge, " ".repeat(70_000));
    await assert.rejects(loadClientKey(huge), ClientKeyFormatError);
  });

  test("fromParts checks ids and lengths", () => {
    const seed = new Uint8Array(64);
    const macKey = new Uint8Array(64);
    assert.throws(() => ClientKey.fromParts({ rkid: "", hkid: "hk", seed, macKey }), ConfigurationError);
    assert.throws(() => ClientKey.fromParts({ rkid: "ck", hkid: "hk", seed: new Uint8Array(63), macKey }), ConfigurationError);
    assert.throws(() => ClientKey.fromParts({ rkid: "ck", hkid: "hk", seed, macKey: new Uint8Array(65) }), ConfigurationError);
  });
});

describe("secrets are never shown", () => {
  test("a client key prints, serializes and inspects as its ids only", async () => {
    const key = await loadClientKey(CLIENT_KEY_VECTOR);
    const seedHex = Buffer.from(b64(first.recipient_seed)).toString("hex");
    const macHex = Buffer.from(b64(first.mac_key)).toString("hex");
    for (const shown of [String(key), JSON.stringify(key), inspect(key, { showHidden: true, depth: 10 }), key.toString(), JSON.stringify({ key })]) {
      assert.ok(shown.includes(first.rkid), shown);
      for (const secret of [first.recipient_seed, first.mac_key, seedHex, macHex, Array.from(b64(first.recipient_seed).slice(0, 4)).join(",")]) {
        assert.ok(!shown.includes(secret), `${shown} shows a secret`);
      }
    }
    assert.deepEqual(Object.keys(key), ["rkid", "hkid"]);
  });

  test("a registration answer never shows its MAC key", () => {
    const registration = new ClientKeyRegistration({ rkid: "ck_a", hkid: "hk_a", createdAt: "2026-01-01T00:00:00Z", hmacKey: b64(first.mac_key) }, "req_1");
    for (const shown of [String(registration), JSON.stringify(registration), inspect(registration, { showHidden: true })]) {
      assert.ok(!shown.includes(first.mac_key), shown);
      assert.ok(shown.includes("ck_a"));
    }
    assert.deepEqual(registration.hmacKey, b64(first.mac_key));
  });

  test("destroy wipes the secrets and the key no longer opens anything", async () => {
    const key = await loadClientKey(CLIENT_KEY_VECTOR);
    key.destroy();
    assert.equal(key.destroyed, true);
    const opener = new EnvelopeOpener({
      clientKeys: [key],
      serverKeys: new Map([[first.skid, signerOf(first).publicKey]]),
      clock: () => first.iat * 1000,
    });
    await assert.rejects(opener.open(envelopeText(first)), { name: "InvalidEnvelopeError" });
    assert.throws(() => encodeClientKeyFile(key), ConfigurationError);
  });
});
