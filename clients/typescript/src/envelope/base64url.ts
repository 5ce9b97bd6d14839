/**
 * Base64url (RFC 4648 §5) without padding, strict and canonical (docs/envelope.md, "Base64url"):
 * only the 64-character alphabet, no `=`, no whitespace, and the spare low bits of the last
 * character zero, so a text is accepted only if it is exactly what an unpadded encoder writes.
 */
import type { Bytes } from "./bytes.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) {
  DECODE[ALPHABET.charCodeAt(i)] = i;
}

/** Length of the unpadded base64url text of `byteLength` bytes. */
export function encodedLength(byteLength: number): number {
  return Math.floor((4 * byteLength + 2) / 3);
}

/** The unpadded base64url text of `bytes`. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += char(n >>> 18) + char(n >>> 12) + char(n >>> 6) + char(n);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += char(n >>> 18) + char(n >>> 12);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += char(n >>> 18) + char(n >>> 12) + char(n >>> 6);
  }
  return out;
}

function char(sextet: number): string {
  return ALPHABET.charAt(sextet & 63);
}

/** The bytes of a strict, canonical, unpadded base64url text, or `undefined` if it is not one. */
export function decodeBase64Url(text: string): Bytes | undefined {
  const rest = text.length % 4;
  if (rest === 1) {
    return undefined;
  }
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let i = 0;
  for (; i + 4 <= text.length; i += 4) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    const d = sextet(text, i + 3);
    if ((a | b | c | d) < 0) {
      return undefined;
    }
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = (n >>> 16) & 0xff;
    out[o++] = (n >>> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (rest === 2) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    if ((a | b) < 0 || (b & 0x0f) !== 0) {
      return undefined;
    }
    out[o] = ((a << 2) | (b >>> 4)) & 0xff;
  } else if (rest === 3) {
    const a = sextet(text, i);
    const b = sextet(text, i + 1);
    const c = sextet(text, i + 2);
    if ((a | b | c) < 0 || (c & 0x03) !== 0) {
      return undefined;
    }
    const n = (a << 12) | (b << 6) | c;
    out[o] = (n >>> 10) & 0xff;
    out[o + 1] = (n >>> 2) & 0xff;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const c = text.charCodeAt(index);
  return c < 128 ? (DECODE[c] ?? -1) : -1;
}
