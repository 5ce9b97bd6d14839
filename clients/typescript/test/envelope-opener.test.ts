/**
 * The opener's rejections (docs/envelope.md#strict-parsing and
 * docs/envelope.md#verification): strict parsing, lengths, every authenticated member, keys, the clock, the
 * request binding, and one error that never says which step failed. Table-driven: each case is
 * a named mutation of a golden vector.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import { InvalidEnvelopeError } from "../src/errors.js";
import { ClientKey } from "../src/keys/client-key.js";
import { EnvelopeOpener, openerWithChecks, type AuthenticityChecks } from "../src/envelope/opener.js";
import { maxEnvelopeTextLength } from "../src/envelope/envelope.js";
import { b64, b64e, goldenVectors, recipientOf, signerOf, type GoldenVector } from "./support/golden.js";
import { sealEnvelope } from "./support/sealer.js";

const vectors = goldenVectors().vectors;
const v = vectors.find((x) => x.name === "proxy-response") as GoldenVector;
const other = vectors.find((x) => x.name === "empty-plaintext") as GoldenVector;

/** Members as raw JSON: the name as written between the quotes, the value as JSON text. */
type Entries = [name: string, rawJson: string][];

function entries(vector: GoldenVector = v): Entries {
  return Object.entries(vector.envelope).map(([k, value]) => [k, JSON.stringify(value)]);
}

function text(list: Entries, separator = ","): string {
  return `{${list.map(([k, raw]) => `"${k}":${raw}`).join(separator)}}`;
}

function withMember(name: string, raw: string | undefined): string {
  const list = entries().filter(([k]) => k !== name);
  if (raw !== undefined) {
    list.push([name, raw]);
  }
  return text(list);
}

function str(name: string): string {
  return String(v.envelope[name]);
}

function flipBit(b64text: string, byteIndex: number, bit = 0): string {
  const bytes = b64(b64text);
  const i = byteIndex < 0 ? bytes.length + byteIndex : byteIndex;
  bytes[i] = (bytes[i] ?? 0) ^ (1 << bit);
  return b64e(bytes);
}

function opener(options: Partial<ConstructorParameters<typeof EnvelopeOpener>[0]> = {}): EnvelopeOpener {
  return new EnvelopeOpener({
    clientKeys: [recipientOf(v)],
    serverKeys: new Map([[v.skid, signerOf(v).publicKey]]),
    clock: () => v.iat * 1000,
    ...options,
  });
}

async function assertInvalid(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InvalidEnvelopeError);
    assert.equal(error.message, "invalid envelope");
    assert.equal(error.code, "invalid_envelope");
    assert.equal(error.cause, undefined);
    return true;
  });
}

const expected = b64(v.plaintext);

describe("accepted variations of the JSON form", () => {
  const cases: [string, string][] = [
    ["members in reverse order", text(entries().reverse())],
    ["insignificant whitespace everywhere", ` \n\t{ ${entries().map(([k, r]) => `"${k}" :\r\n ${r}`).join(" ,\n")} }\n `],
    ["an unknown string member", withMember("note", '"hello"')],
    ["an unknown nested member", withMember("x", '{"a":[1,{"b":null}],"c":true}')],
    ["an unknown member 31 levels deep (32 open in all)", withMember("x", `${"[".repeat(31)}${"]".repeat(31)}`)],
    ["an unknown 32-character number", withMember("n", "1".repeat(32))],
    ["a string escape in rid that decodes to the same id", withMember("rid", JSON.stringify(str("rid")).replace("r", "\\u0072"))],
    ["an escaped member name", text(entries().map(([k, r]) => (k === "mac" ? ["m\\u0061c", r] : [k, r])))],
  ];
  for (const [name, envelope] of cases) {
    test(name, async () => {
      assert.deepEqual(await opener().open(envelope), expected);
    });
  }
});

describe("rejected: parsing and lengths", () => {
  const longId = "é".repeat(128) + "x"; // 257 UTF-8 bytes
  const cases: [string, string | Uint8Array][] = [
    ["a duplicate member", text([...entries(), ["rid", JSON.stringify(str("rid"))]])],
    ["a duplicate member spelled with an escape", text([...entries(), ["r\\u0069d", JSON.stringify(str("rid"))]])],
    ["a duplicate member inside an unknown member", withMember("x", '{"a":1,"a":1}')],
    ["trailing content", `${text(entries())} x`],
    ["two objects", `${text(entries())}${text(entries())}`],
    ["an array", `[${text(entries())}]`],
    ["a string", JSON.stringify(text(entries()))],
    ["null", "null"],
    ["a number", "1"],
    ["empty text", ""],
    ["unterminated JSON", text(entries()).slice(0, -1)],
    ["not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d])],
    ["nesting of 33", withMember("x", `${"[".repeat(32)}${"]".repeat(32)}`)],
    ["a 33-character number", withMember("n", "1".repeat(33))],
    ["a control character in a string", withMember("note", '"a\u0001b"')],
    ["a bad escape", withMember("note", '"a\\qb"')],
    ["a trailing comma", `${text(entries()).slice(0, -1)},}`],
    ["single quotes", withMember("note", "'x'")],
    ["v missing", withMember("v", undefined)],
    ["v = 1.0", withMember("v", "1.0")],
    ["v = 1e0", withMember("v", "1e0")],
    ['v = "1"', withMember("v", '"1"')],
    ["v = true", withMember("v", "true")],
    ["v = 2", withMember("v", "2")],
    ["v = 01", withMember("v", "01")],
    ["v = 4294967297", withMember("v", "4294967297")],
    ["suite missing", withMember("suite", undefined)],
    ["another suite", withMember("suite", '"QS1-MLKEM768-HKDFSHA256-A256GCM-MLDSA65-HS512"')],
    ["the suite in lower case", withMember("suite", JSON.stringify(str("suite").toLowerCase()))],
    ["iat missing", withMember("iat", undefined)],
    ["iat negative", withMember("iat", "-1")],
    ["iat -0", withMember("iat", "-0")],
    ["iat with a fraction", withMember("iat", `${v.iat}.0`)],
    ["iat with an exponent", withMember("iat", "1.764115201e9")],
    ["iat as a string", withMember("iat", JSON.stringify(String(v.iat)))],
    ["iat with a leading zero", withMember("iat", `0${v.iat}`)],
    ["iat of 2^63", withMember("iat", "9223372036854775808")],
    ["iat null", withMember("iat", "null")],
    ...(["rid", "rkid", "skid", "hkid"] as const).flatMap((id): [string, string][] => [
      [`${id} missing`, withMember(id, undefined)],
      [`${id} empty`, withMember(id, '""')],
      [`${id} of 257 UTF-8 bytes`, withMember(id, JSON.stringify(longId))],
      [`${id} with a lone surrogate`, withMember(id, '"ck_\\ud800"')],
      [`${id} not a string`, withMember(id, "42")],
    ]),
    ...(["kem", "iv", "ct", "sig", "mac"] as const).flatMap((m): [string, string][] => [
      [`${m} missing`, withMember(m, undefined)],
      [`${m} padded`, withMember(m, JSON.stringify(`${str(m).slice(0, -2)}==`))],
      [`${m} in the standard alphabet`, withMember(m, JSON.stringify(`+/${str(m).slice(2)}`))],
      [`${m} with whitespace`, withMember(m, JSON.stringify(`${str(m).slice(0, 8)} ${str(m).slice(8)}`))],
      [`${m} four characters short`, withMember(m, JSON.stringify(str(m).slice(0, -4)))],
      [`${m} four characters long`, withMember(m, JSON.stringify(`${str(m)}AAAA`))],
      [`${m} not a string`, withMember(m, "[]")],
    ]),
    // 1088 = 3·362 + 2: the last character of kem carries 2 spare bits; 64 = 3·21 + 1: mac 4.
    ["kem with non-zero spare bits", withMember("kem", JSON.stringify(str("kem").slice(0, -1) + nudge(str("kem").slice(-1))))],
    ["mac with non-zero spare bits", withMember("mac", JSON.stringify(str("mac").slice(0, -1) + nudge(str("mac").slice(-1))))],
    ["ct shorter than the tag", withMember("ct", JSON.stringify(b64e(new Uint8Array(15))))],
  ];
  for (const [name, envelope] of cases) {
    test(name, async () => {
      await assertInvalid(opener().open(envelope));
    });
  }

  test("a text over the length limit is refused before it is parsed", async () => {
    const limited = opener({ maxCiphertextLength: 1024 });
    const padding = " ".repeat(maxEnvelopeTextLength(1024) - text(entries()).length + 1);
    await assertInvalid(limited.open(text(entries()) + padding));
    assert.deepEqual(await limited.open(text(entries())), expected);
  });

  test("a ct over the opener's limit is refused", async () => {
    await assertInvalid(opener({ maxCiphertextLength: b64(str("ct")).length - 1 }).open(text(entries())));
    assert.deepEqual(await opener({ maxCiphertextLength: b64(str("ct")).length }).open(text(entries())), expected);
  });

  test("inputs that are not envelopes at all", async () => {
    for (const input of [null, undefined, 42, true, [], {}, new Uint8Array(0)]) {
      await assertInvalid(opener().open(input as never));
    }
  });
});

/** The base64url character whose sextet differs from c's in the lowest bit. */
function nudge(c: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return alphabet[alphabet.indexOf(c) ^ 1] as string;
}

describe("rejected: authenticated members and keys", () => {
  const flips: [string, string][] = [];
  for (const m of ["kem", "iv", "ct", "sig", "mac"] as const) {
    for (const [where, index] of [["first", 0], ["middle", Math.floor(b64(str(m)).length / 2)], ["last", -1]] as const) {
      flips.push([`a flipped bit in the ${where} byte of ${m}`, withMember(m, JSON.stringify(flipBit(str(m), index, 3)))]);
    }
  }
  const changed: [string, string][] = [
    ["another rid", withMember("rid", JSON.stringify(`${str("rid")}x`))],
    ["another iat (one second later)", withMember("iat", String(v.iat + 1))],
  ];
  for (const [name, envelope] of [...flips, ...changed]) {
    test(name, async () => {
      await assertInvalid(opener().open(envelope));
    });
  }

  test("an rkid, skid or hkid the opener does not hold", async () => {
    for (const id of ["rkid", "skid", "hkid"]) {
      await assertInvalid(opener().open(withMember(id, JSON.stringify(`${str(id)}x`))));
    }
  });

  test("another tenant's MAC key", async () => {
    const key = ClientKey.fromParts({ rkid: v.rkid, hkid: v.hkid, seed: b64(v.recipient_seed), macKey: b64(other.mac_key) });
    await assertInvalid(opener({ clientKeys: [key] }).open(text(entries())));
  });

  test("another server key under the same skid", async () => {
    await assertInvalid(opener({ serverKeys: new Map([[v.skid, signerOf(other).publicKey]]) }).open(text(entries())));
  });

  test("another recipient seed under the same rkid (ML-KEM implicit rejection, then the AEAD)", async () => {
    const key = ClientKey.fromParts({ rkid: v.rkid, hkid: v.hkid, seed: b64(other.recipient_seed), macKey: b64(v.mac_key) });
    await assertInvalid(opener({ clientKeys: [key] }).open(text(entries())));
  });

  test("a signed and MACed envelope whose kem was made for another public key", async () => {
    const sealed = await sealEnvelope({
      recipientPublicKey: ml_kem768.keygen(b64(other.recipient_seed)).publicKey,
      signerSecretKey: signerOf(v).secretKey,
      macKey: b64(v.mac_key),
      rid: v.rid,
      iat: v.iat,
      rkid: v.rkid,
      skid: v.skid,
      hkid: v.hkid,
      plaintext: new TextEncoder().encode("{}"),
    });
    await assertInvalid(opener().open(sealed.envelope));
  });

  test("an envelope signed by the service's key over other bytes", async () => {
    const sig = ml_dsa65.sign(new Uint8Array([1, 2, 3]), signerOf(v).secretKey);
    await assertInvalid(opener().open(withMember("sig", JSON.stringify(b64e(sig)))));
  });
});

describe("the clock and the request binding", () => {
  test("the skew is configurable and inclusive", async () => {
    const at = (offset: number): EnvelopeOpener => opener({ maxClockSkewSeconds: 10, clock: () => (v.iat + offset) * 1000 });
    assert.deepEqual(await at(10).open(text(entries())), expected);
    assert.deepEqual(await at(-10).open(text(entries())), expected);
    await assertInvalid(at(11).open(text(entries())));
    await assertInvalid(at(-11).open(text(entries())));
  });

  test("milliseconds within the second do not widen the window", async () => {
    assert.deepEqual(await opener({ clock: () => (v.iat + 300) * 1000 + 999 }).open(text(entries())), expected);
    await assertInvalid(opener({ clock: () => (v.iat + 301) * 1000 }).open(text(entries())));
  });

  test("a broken clock opens nothing", async () => {
    for (const clock of [() => Number.NaN, () => -1, () => Number.POSITIVE_INFINITY]) {
      await assertInvalid(opener({ clock }).open(text(entries())));
    }
  });

  test("the rid must equal the expected request id when one is given", async () => {
    assert.deepEqual(await opener().open(text(entries()), { expectedRequestId: v.rid }), expected);
    await assertInvalid(opener().open(text(entries()), { expectedRequestId: `${v.rid}0` }));
    await assertInvalid(opener().open(text(entries()), { expectedRequestId: "" }));
  });

  test("settings out of range are refused when the opener is built", () => {
    assert.throws(() => opener({ maxClockSkewSeconds: -1 }), RangeError);
    assert.throws(() => opener({ maxClockSkewSeconds: 1.5 }), RangeError);
    assert.throws(() => opener({ maxCiphertextLength: 15 }), RangeError);
  });
});

describe("both checks always run", () => {
  function recording(calls: string[]): (own: AuthenticityChecks) => AuthenticityChecks {
    return (own) => ({
      signatureValid(skid, signed, sig) {
        const ok = own.signatureValid(skid, signed, sig);
        calls.push(`sig:${ok}`);
        return ok;
      },
      async macValid(hkid, signed, mac) {
        const ok = await own.macValid(hkid, signed, mac);
        calls.push(`mac:${ok}`);
        return ok;
      },
    });
  }

  const cases: [string, string, string[]][] = [
    ["valid", text(entries()), ["mac:true", "sig:true"]],
    ["bad MAC", withMember("mac", JSON.stringify(flipBit(str("mac"), 0))), ["mac:false", "sig:true"]],
    ["bad signature", withMember("sig", JSON.stringify(flipBit(str("sig"), 0))), ["mac:true", "sig:false"]],
    ["both bad", withMember("ct", JSON.stringify(flipBit(str("ct"), 0))), ["mac:false", "sig:false"]],
    ["unknown rkid", withMember("rkid", JSON.stringify(`${str("rkid")}x`)), ["mac:false", "sig:false"]],
    ["unknown skid", withMember("skid", JSON.stringify(`${str("skid")}x`)), ["mac:false", "sig:false"]],
  ];
  for (const [name, envelope, calls] of cases) {
    test(name, async () => {
      const seen: string[] = [];
      const checked = openerWithChecks(opener(), recording(seen));
      if (name === "valid") {
        assert.deepEqual(await checked.open(envelope), expected);
      } else {
        await assertInvalid(checked.open(envelope));
      }
      assert.deepEqual(seen, calls);
    });
  }

  test("a stale envelope is checked before the clock rejects it", async () => {
    const seen: string[] = [];
    await assertInvalid(openerWithChecks(opener({ clock: () => (v.iat + 1000) * 1000 }), recording(seen)).open(text(entries())));
    assert.deepEqual(seen, ["mac:true", "sig:true"]);
  });
});

test("the opener names only key ids when printed", () => {
  const o = opener();
  assert.equal(String(o), `EnvelopeOpener(rkids=[${v.rkid}])`);
});
