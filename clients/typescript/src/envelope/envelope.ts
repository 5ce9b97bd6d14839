/**
 * The JSON form of HybridCryptoEnvelope v1 and its strict parsing (verification step 1 of
 * docs/envelope.md): structure, types, base64url and lengths, checked before anything is used.
 */
import { decodeBase64Url, encodedLength } from "./base64url.js";
import { isWellFormed, utf8, utf8DecodeStrict, type Bytes } from "./bytes.js";
import {
  DEFAULT_MAX_CIPHERTEXT_LENGTH,
  ENVELOPE_VERSION,
  IV_LENGTH,
  KEM_CIPHERTEXT_LENGTH,
  MAC_LENGTH,
  MAX_ID_BYTES,
  SIGNATURE_LENGTH,
  SUITE,
  TAG_LENGTH,
} from "./format.js";
import { JsonNumber, isJsonObject, parseStrictJson, type JsonValue } from "./strict-json.js";

/** An envelope as it travels (the JSON form). Binary members are unpadded base64url. */
export interface Envelope {
  readonly v: number;
  readonly suite: string;
  /** The request id; equals the `X-Request-Id` of the HTTP answer it came in. */
  readonly rid: string;
  /** Issued at, Unix seconds. */
  readonly iat: number | bigint;
  /** The recipient's client key. */
  readonly rkid: string;
  /** The service's signing key. */
  readonly skid: string;
  /** The tenant's envelope MAC key. */
  readonly hkid: string;
  readonly kem: string;
  readonly iv: string;
  readonly ct: string;
  readonly sig: string;
  readonly mac: string;
}

/** What `decrypt` accepts: the JSON text (or its UTF-8 bytes) exactly as received, or an object. */
export type EnvelopeInput = string | Uint8Array | Envelope | Readonly<Record<string, unknown>>;

/** A parsed envelope whose members all have the right type and length. */
export interface ParsedEnvelope {
  readonly rid: string;
  readonly iat: bigint;
  readonly rkid: string;
  readonly skid: string;
  readonly hkid: string;
  readonly kem: Bytes;
  readonly iv: Bytes;
  readonly ct: Bytes;
  readonly sig: Bytes;
  readonly mac: Bytes;
}

const MAX_IAT = (1n << 63n) - 1n;
const IAT_TEXT = /^(?:0|[1-9][0-9]*)$/;
/** The longest envelope text accepted: the base64url of the ct limit plus 16 KiB for the rest. */
export function maxEnvelopeTextLength(maxCiphertextLength: number): number {
  return encodedLength(maxCiphertextLength) + 16_384;
}

/** Thrown by {@link parseEnvelope}; the opener turns it into the one InvalidEnvelopeError. */
export class EnvelopeSyntaxError extends Error {
  constructor() {
    super("invalid envelope");
    this.name = "EnvelopeSyntaxError";
  }
}

/**
 * Parses and checks an envelope (docs/envelope.md#strict-parsing).
 * Throws {@link EnvelopeSyntaxError} on anything a careful encoder would not produce.
 */
export function parseEnvelope(
  input: EnvelopeInput,
  maxCiphertextLength: number = DEFAULT_MAX_CIPHERTEXT_LENGTH,
): ParsedEnvelope {
  let get: (name: string) => unknown;
  if (typeof input === "string" || input instanceof Uint8Array) {
    const limit = maxEnvelopeTextLength(maxCiphertextLength);
    // UTF-8 never takes fewer bytes than UTF-16 code units, so a byte count over the limit is over.
    if (input.length > (typeof input === "string" ? limit : limit * 3)) {
      throw new EnvelopeSyntaxError();
    }
    let text: string;
    let root: JsonValue;
    try {
      text = typeof input === "string" ? input : utf8DecodeStrict(input);
      if (text.length > limit) {
        throw new EnvelopeSyntaxError();
      }
      root = parseStrictJson(text);
    } catch {
      throw new EnvelopeSyntaxError();
    }
    if (!isJsonObject(root)) {
      throw new EnvelopeSyntaxError();
    }
    get = (name) => root.get(name);
  } else if (typeof input === "object" && (input as unknown) !== null && !Array.isArray(input)) {
    const record = input as Readonly<Record<string, unknown>>;
    get = (name) => (Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined);
  } else {
    throw new EnvelopeSyntaxError();
  }

  if (!isVersionOne(get("v")) || get("suite") !== SUITE) {
    throw new EnvelopeSyntaxError();
  }
  const parsed: ParsedEnvelope = {
    rid: id(get("rid")),
    iat: iat(get("iat")),
    rkid: id(get("rkid")),
    skid: id(get("skid")),
    hkid: id(get("hkid")),
    kem: binary(get("kem"), KEM_CIPHERTEXT_LENGTH, KEM_CIPHERTEXT_LENGTH),
    iv: binary(get("iv"), IV_LENGTH, IV_LENGTH),
    ct: binary(get("ct"), TAG_LENGTH, maxCiphertextLength),
    sig: binary(get("sig"), SIGNATURE_LENGTH, SIGNATURE_LENGTH),
    mac: binary(get("mac"), MAC_LENGTH, MAC_LENGTH),
  };
  PARSED.add(Object.freeze(parsed));
  return parsed;
}

const PARSED = new WeakSet<ParsedEnvelope>();

/** Whether `value` came from {@link parseEnvelope} (so its members were checked). */
export function isParsedEnvelope(value: unknown): value is ParsedEnvelope {
  return typeof value === "object" && value !== null && PARSED.has(value as ParsedEnvelope);
}

/** Whether `s` is an id both sides accept: 1 to 256 UTF-8 bytes of well-formed Unicode. */
export function isValidId(s: unknown): s is string {
  return (
    typeof s === "string" &&
    s.length > 0 &&
    s.length <= MAX_ID_BYTES &&
    isWellFormed(s) &&
    utf8(s).length <= MAX_ID_BYTES
  );
}

function isVersionOne(v: unknown): boolean {
  if (v instanceof JsonNumber) {
    return v.text === String(ENVELOPE_VERSION);
  }
  return v === ENVELOPE_VERSION;
}

function id(value: unknown): string {
  if (!isValidId(value)) {
    throw new EnvelopeSyntaxError();
  }
  return value;
}

function iat(value: unknown): bigint {
  let n: bigint;
  if (value instanceof JsonNumber) {
    if (!IAT_TEXT.test(value.text)) {
      throw new EnvelopeSyntaxError();
    }
    n = BigInt(value.text);
  } else if (typeof value === "number" && Number.isSafeInteger(value) && !Object.is(value, -0)) {
    n = BigInt(value);
  } else if (typeof value === "bigint") {
    n = value;
  } else {
    throw new EnvelopeSyntaxError();
  }
  if (n < 0n || n > MAX_IAT) {
    throw new EnvelopeSyntaxError();
  }
  return n;
}

function binary(value: unknown, min: number, max: number): Bytes {
  if (typeof value !== "string" || value.length < encodedLength(min) || value.length > encodedLength(max)) {
    throw new EnvelopeSyntaxError();
  }
  const bytes = decodeBase64Url(value);
  if (bytes === undefined || bytes.length < min || bytes.length > max) {
    throw new EnvelopeSyntaxError();
  }
  return bytes;
}
