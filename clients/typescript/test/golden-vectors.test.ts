/**
 * docs/vectors/envelope-v1.json in both directions: every envelope opens to its plaintext (as
 * JSON text, as UTF-8 bytes and as an object), H and S rebuild byte for byte, and every envelope
 * is re-created byte for byte from its inputs (encaps_m, iv, ML-DSA rnd = 0).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { EnvelopeOpener } from "../src/envelope/opener.js";
import { parseEnvelope } from "../src/envelope/envelope.js";
import { headerBytes, signedBytes, SUITE } from "../src/envelope/format.js";
import { b64, b64e, envelopeText, goldenVectors, recipientOf, signerOf, type GoldenVector } from "./support/golden.js";
import { sealEnvelope } from "./support/sealer.js";

const golden = goldenVectors();

function openerFor(v: GoldenVector): EnvelopeOpener {
  return new EnvelopeOpener({
    clientKeys: [recipientOf(v)],
    serverKeys: new Map([[v.skid, signerOf(v).publicKey]]),
    clock: () => v.iat * 1000,
  });
}

test("the file names the suite and holds the vectors docs/envelope.md#golden-vectors lists", () => {
  assert.equal(golden.suite, SUITE);
  const names = golden.vectors.map((v) => v.name);
  for (const required of ["empty-plaintext", "proxy-response", "plaintext-64kib", "non-ascii-ids"]) {
    assert.ok(names.includes(required), required);
  }
});

for (const v of golden.vectors) {
  describe(`golden vector ${v.name}`, () => {
    test("opens from its JSON text to exactly the plaintext", async () => {
      const plaintext = await openerFor(v).open(envelopeText(v));
      assert.deepEqual(plaintext, b64(v.plaintext));
    });

    test("opens from UTF-8 bytes and from the parsed object", async () => {
      const opener = openerFor(v);
      assert.deepEqual(await opener.open(new TextEncoder().encode(envelopeText(v))), b64(v.plaintext));
      assert.deepEqual(await opener.open(v.envelope), b64(v.plaintext));
    });

    test("H and S rebuild byte for byte from the received members", () => {
      const e = parseEnvelope(envelopeText(v));
      const H = headerBytes(e.rid, e.iat, e.rkid, e.skid, e.hkid);
      assert.equal(b64e(H), v.H);
      assert.equal(b64e(signedBytes(H, e.kem, e.iv, e.ct)), v.S);
    });

    test("the envelope is re-created byte for byte from its inputs", async () => {
      const recipient = ml_kem768.keygen(b64(v.recipient_seed));
      const sealed = await sealEnvelope({
        recipientPublicKey: recipient.publicKey,
        signerSecretKey: signerOf(v).secretKey,
        macKey: b64(v.mac_key),
        rid: v.rid,
        iat: v.iat,
        rkid: v.rkid,
        skid: v.skid,
        hkid: v.hkid,
        plaintext: b64(v.plaintext),
        encapsM: b64(v.encaps_m),
        iv: b64(v.iv),
        deterministic: true,
      });
      assert.equal(b64e(sealed.H), v.H);
      assert.equal(b64e(sealed.S), v.S);
      assert.deepEqual(sealed.envelope, v.envelope);
    });

    test("is rejected one second past the allowed skew on either side", async () => {
      const key = recipientOf(v);
      const servers = new Map([[v.skid, signerOf(v).publicKey]]);
      // A clock before 1970 is refused outright, so iat-zero is checked on its later side only.
      for (const offset of [-301, 301].filter((o) => v.iat + o >= 0)) {
        const opener = new EnvelopeOpener({ clientKeys: [key], serverKeys: servers, clock: () => (v.iat + offset) * 1000 });
        await assert.rejects(opener.open(envelopeText(v)), { name: "InvalidEnvelopeError", message: "invalid envelope" });
      }
      for (const offset of [-300, 300].filter((o) => v.iat + o >= 0)) {
        const opener = new EnvelopeOpener({ clientKeys: [key], serverKeys: servers, clock: () => (v.iat + offset) * 1000 });
        assert.deepEqual(await opener.open(envelopeText(v)), b64(v.plaintext));
      }
    });
  });
}
