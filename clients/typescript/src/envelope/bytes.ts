/** Byte helpers of the envelope code: UTF-8, concatenation, length prefixes, compare, wipe. */

/** A byte array over a plain ArrayBuffer (what WebCrypto's `BufferSource` accepts). */
export type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD: check well-formedness first). */
export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** The text of UTF-8 `bytes`; throws TypeError on malformed UTF-8. A BOM is kept as U+FEFF. */
export function utf8DecodeStrict(bytes: Uint8Array): string {
  return strictDecoder.decode(bytes);
}

/** Whether `text` is well-formed UTF-16 (no lone surrogates), i.e. encodes to UTF-8 exactly. */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) {
        return false;
      }
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** A fresh copy of `bytes` over its own ArrayBuffer. */
export function copy(bytes: Uint8Array): Bytes {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

/** a ‖ b ‖ … */
export function concat(...parts: readonly Uint8Array[]): Bytes {
  let length = 0;
  for (const p of parts) {
    length += p.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** lp(x₁) ‖ lp(x₂) ‖ …, where lp(x) is x's length as 4 bytes, unsigned big-endian, then x. */
export function lengthPrefixed(...parts: readonly Uint8Array[]): Bytes {
  let length = 0;
  for (const p of parts) {
    if (p.length > 0xffffffff) {
      throw new RangeError("part too long for a 4-byte length prefix");
    }
    length += 4 + p.length;
  }
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const p of parts) {
    view.setUint32(offset, p.length, false);
    out.set(p, offset + 4);
    offset += 4 + p.length;
  }
  return out;
}

/**
 * Whether a and b hold the same bytes, in time that depends only on their lengths (which are
 * public here: a MAC tag has a fixed length). No early exit: every byte is XORed and ORed.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return diff === 0;
}

/** Overwrites every given buffer with zeros. */
export function wipe(...buffers: readonly (Uint8Array | undefined)[]): void {
  for (const b of buffers) {
    b?.fill(0);
  }
}
