/** The strict JSON reader and the strict base64url codec, on their own. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeBase64Url, encodeBase64Url, encodedLength } from "../src/envelope/base64url.js";
import { constantTimeEqual, isWellFormed, lengthPrefixed } from "../src/envelope/bytes.js";
import { JsonNumber, parseStrictJson, StrictJsonError } from "../src/envelope/strict-json.js";

describe("parseStrictJson", () => {
  const valid: [string, unknown][] = [
    ['{"a":1}', new Map([["a", new JsonNumber("1")]])],
    ['  [true, false, null, "x"]  ', [true, false, null, "x"]],
    ['"\\u00e9\\n\\/"', "é\n/"],
    ['"\\ud83d\\udd10"', "🔐"],
    ["-0.5e+10", new JsonNumber("-0.5e+10")],
    ["{}", new Map()],
    ["[]", []],
    ['{"a":{"a":1}}', new Map([["a", new Map([["a", new JsonNumber("1")]])]])],
  ];
  for (const [input, value] of valid) {
    test(`reads ${input.trim()}`, () => {
      assert.deepEqual(parseStrictJson(input), value);
    });
  }

  const invalid = [
    '{"a":1,"a":2}',
    '{"a":1,"\\u0061":2}',
    "[1,]",
    "{,}",
    '{"a" 1}',
    "01",
    "1.",
    ".5",
    "+1",
    "1e",
    "-",
    "NaN",
    "Infinity",
    "tru",
    "nul",
    "'x'",
    '"\\x"',
    '"\\u12"',
    '"a\tb"',
    '"abc',
    "[1] [2]",
    "{} x",
    "",
    " ",
    "\ufeff{}",
    "/* c */ {}",
  ];
  for (const input of invalid) {
    test(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseStrictJson(input), StrictJsonError);
    });
  }

  test("depth and number limits", () => {
    assert.doesNotThrow(() => parseStrictJson("[".repeat(32) + "]".repeat(32)));
    assert.throws(() => parseStrictJson("[".repeat(33) + "]".repeat(33)), /nesting too deep/);
    assert.throws(() => parseStrictJson("[".repeat(3) + "]".repeat(3), { maxDepth: 2 }), /nesting too deep/);
    assert.doesNotThrow(() => parseStrictJson("9".repeat(32)));
    assert.throws(() => parseStrictJson("9".repeat(33)), /number too long/);
  });

  test("keeps big integers exact", () => {
    assert.deepEqual(parseStrictJson("9223372036854775807"), new JsonNumber("9223372036854775807"));
  });
});

describe("base64url", () => {
  test("round-trips every length from 0 to 70", () => {
    for (let n = 0; n <= 70; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff);
      const text = encodeBase64Url(bytes);
      assert.equal(text, Buffer.from(bytes).toString("base64url"));
      assert.equal(text.length, encodedLength(n));
      assert.deepEqual(decodeBase64Url(text), bytes);
    }
  });

  test("refuses padding, other alphabets, whitespace, impossible lengths and spare bits", () => {
    for (const bad of ["AA==", "AAA=", "+w", "/w", "A A", "A\n", "A", "AAAAA", "AB", "AAB", "é", "AA\u0000"]) {
      assert.equal(decodeBase64Url(bad), undefined, bad);
    }
    assert.deepEqual(decodeBase64Url("AA"), new Uint8Array([0]));
    assert.deepEqual(decodeBase64Url("AAA"), new Uint8Array([0, 0]));
    assert.deepEqual(decodeBase64Url("_-8"), new Uint8Array([0xff, 0xef]));
  });
});

describe("bytes", () => {
  test("lengthPrefixed writes 4-byte big-endian lengths", () => {
    assert.deepEqual(lengthPrefixed(new Uint8Array([7]), new Uint8Array(0)), new Uint8Array([0, 0, 0, 1, 7, 0, 0, 0, 0]));
  });

  test("constantTimeEqual", () => {
    assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
    assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
    assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1])), false);
    assert.equal(constantTimeEqual(new Uint8Array(0), new Uint8Array(0)), true);
  });

  test("isWellFormed", () => {
    assert.equal(isWellFormed("a🔐é"), true);
    assert.equal(isWellFormed("a\ud800"), false);
    assert.equal(isWellFormed("\udc00a"), false);
    assert.equal(isWellFormed("\ud800\ud800"), false);
  });
});
