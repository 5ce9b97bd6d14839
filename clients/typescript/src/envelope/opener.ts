/**
 * Verifies and decrypts HybridCryptoEnvelopes, exactly as docs/envelope.md orders it:
 *
 * 1. parse strictly and check every length ({@link parseEnvelope});
 * 2. rebuild H and S from the received members;
 * 3. ML-DSA-65 verify (ctx "quantaseal/envelope/v1") AND the HMAC-SHA-512 compare (constant
 *    time), both always computed and joined with a non-short-circuit `&`, together with the
 *    request binding (the held rkid, and the expected rid when one is given);
 * 4. `iat` within the allowed clock skew (±300 s by default, both ends inclusive);
 * 5. ML-KEM-768 decapsulation, HKDF-SHA-512 to K, AES-256-GCM decryption with AAD = H.
 *
 * Any failure is one {@link InvalidEnvelopeError} ("invalid envelope", no cause).
 *
 * Zeroization: the shared secret, the expanded decapsulation key and S-side temporaries are
 * overwritten as soon as they are used, and so are the HKDF PRK and K once K is imported into a
 * non-extractable WebCrypto AES-GCM key. Copies that WebCrypto keeps inside its CryptoKey objects
 * (K and the MAC key) and that @noble's hash states keep cannot be wiped from JavaScript; they go
 * when the objects are garbage-collected.
 */
import { expand as hkdfExpand, extract as hkdfExtract } from "@noble/hashes/hkdf.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { InvalidEnvelopeError } from "../errors.js";
import { clientKeySecrets, type ClientKey } from "../keys/client-key.js";
import { concat, constantTimeEqual, copy, wipe, type Bytes } from "./bytes.js";
import { isParsedEnvelope, parseEnvelope, type EnvelopeInput, type ParsedEnvelope } from "./envelope.js";
import {
  AES_KEY_LENGTH,
  DEFAULT_MAX_CIPHERTEXT_LENGTH,
  KDF_INFO_PREFIX,
  SERVER_PUBLIC_KEY_LENGTH,
  SIGNATURE_CONTEXT,
  TAG_LENGTH,
  headerBytes,
  signedBytes,
} from "./format.js";

/** The default allowed clock skew (docs/envelope.md, verification step 4): 300 s. */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;

/** The service's ML-DSA-65 public keys by `skid`, e.g. from `encryption.listServerKeys()`. */
export type ServerPublicKeys = ReadonlyMap<string, Uint8Array>;

export interface EnvelopeOpenerOptions {
  /** The caller's own client keys (usually one). The opener looks rkid and hkid up in them. */
  readonly clientKeys: readonly ClientKey[];
  /** Every key the service lists (retired ones included), by skid. Copied. */
  readonly serverKeys: ServerPublicKeys;
  /** Allowed |now − iat| in seconds; default 300. */
  readonly maxClockSkewSeconds?: number;
  /** The clock, in milliseconds since the epoch (like `Date.now`, the default). */
  readonly clock?: () => number;
  /** The largest ct (ciphertext ‖ tag) accepted, in bytes; default 8 MiB. */
  readonly maxCiphertextLength?: number;
}

export interface OpenOptions {
  /** The `X-Request-Id` of the HTTP answer the envelope came in: its `rid` must equal it. */
  readonly expectedRequestId?: string | undefined;
}

/** An envelope's members after parsing, for callers that want the ids before opening. */
export type { ParsedEnvelope };

/** The two authenticity checks; a seam so tests can prove both always run (package-internal). */
export interface AuthenticityChecks {
  signatureValid(skid: string, signed: Uint8Array<ArrayBuffer>, sig: Uint8Array): boolean;
  macValid(hkid: string, signed: Uint8Array<ArrayBuffer>, mac: Uint8Array): Promise<boolean>;
}

let replaceChecks: (opener: EnvelopeOpener, checks: (own: AuthenticityChecks) => AuthenticityChecks) => EnvelopeOpener;

/** The same opener with other checks, e.g. recording ones (package-internal: tests only). */
export function openerWithChecks(
  opener: EnvelopeOpener,
  checks: (own: AuthenticityChecks) => AuthenticityChecks,
): EnvelopeOpener {
  return replaceChecks(opener, checks);
}

/** Opens envelopes addressed to the held client keys. Immutable; safe to share. */
export class EnvelopeOpener {
  readonly #clientKeys: ReadonlyMap<string, ClientKey>;
  readonly #macKeys: ReadonlyMap<string, ClientKey>;
  readonly #serverKeys: ReadonlyMap<string, Bytes>;
  readonly #maxSkew: bigint;
  readonly #clock: () => number;
  readonly #maxCiphertextLength: number;
  #checks: AuthenticityChecks;

  static {
    replaceChecks = (opener, checks) => {
      const other = new EnvelopeOpener(opener.#options);
      other.#checks = checks(opener.#checks);
      return other;
    };
  }

  readonly #options: EnvelopeOpenerOptions;

  constructor(options: EnvelopeOpenerOptions) {
    this.#options = options;
    const skew = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    if (!Number.isSafeInteger(skew) || skew < 0) {
      throw new RangeError("maxClockSkewSeconds must be a non-negative integer");
    }
    const maxCt = options.maxCiphertextLength ?? DEFAULT_MAX_CIPHERTEXT_LENGTH;
    if (!Number.isSafeInteger(maxCt) || maxCt < TAG_LENGTH) {
      throw new RangeError("maxCiphertextLength must be an integer of at least 16");
    }
    const recipients = new Map<string, ClientKey>();
    const macs = new Map<string, ClientKey>();
    for (const key of options.clientKeys) {
      recipients.set(key.rkid, key);
      macs.set(key.hkid, key);
    }
    const servers = new Map<string, Bytes>();
    for (const [skid, publicKey] of options.serverKeys) {
      if (publicKey.length === SERVER_PUBLIC_KEY_LENGTH) {
        servers.set(skid, copy(publicKey));
      }
    }
    this.#clientKeys = recipients;
    this.#macKeys = macs;
    this.#serverKeys = servers;
    this.#maxSkew = BigInt(skew);
    this.#clock = options.clock ?? Date.now;
    this.#maxCiphertextLength = maxCt;
    this.#checks = {
      signatureValid: (skid, signed, sig) => this.#signatureValid(skid, signed, sig),
      macValid: (hkid, signed, mac) => this.#macValid(hkid, signed, mac),
    };
  }

  /**
   * Parses an envelope without verifying anything (e.g. to read its `skid` first).
   * @throws InvalidEnvelopeError when it is not a well-formed envelope
   */
  parse(envelope: EnvelopeInput): ParsedEnvelope {
    try {
      return parseEnvelope(envelope, this.#maxCiphertextLength);
    } catch {
      throw new InvalidEnvelopeError();
    }
  }

  /**
   * Verifies, then decrypts. Takes the envelope as received (JSON text, its UTF-8 bytes, or an
   * object) or what {@link parse} returned. Returns the plaintext, which the caller owns (wipe
   * it when done).
   * @throws InvalidEnvelopeError on any failure, whatever the step
   */
  async open(envelope: EnvelopeInput | ParsedEnvelope, options: OpenOptions = {}): Promise<Uint8Array> {
    let plaintext: Uint8Array | undefined;
    try {
      const parsed = isParsedEnvelope(envelope) ? envelope : parseEnvelope(envelope, this.#maxCiphertextLength);
      plaintext = await this.#verifyAndDecrypt(parsed, options);
    } catch {
      plaintext = undefined;
    }
    if (plaintext === undefined) {
      throw new InvalidEnvelopeError();
    }
    return plaintext;
  }

  async #verifyAndDecrypt(e: ParsedEnvelope, options: OpenOptions): Promise<Uint8Array | undefined> {
    if (e.ct.length > this.#maxCiphertextLength) {
      return undefined;
    }
    // Step 2: H and S from the received members.
    const header = headerBytes(e.rid, e.iat, e.rkid, e.skid, e.hkid);
    const signed = signedBytes(header, e.kem, e.iv, e.ct);

    // Step 3: both checks, always computed; joined (with the request binding) without
    // short-circuit. An unknown skid or hkid is a failed check, not another error.
    const macOk = await this.#checks.macValid(e.hkid, signed, e.mac);
    const sigOk = this.#checks.signatureValid(e.skid, signed, e.sig);
    const recipient = this.#clientKeys.get(e.rkid);
    const rkidOk = recipient !== undefined;
    const ridOk = options.expectedRequestId === undefined || options.expectedRequestId === e.rid;
    const ok = (Number(sigOk) & Number(macOk) & Number(rkidOk) & Number(ridOk)) === 1;
    wipe(signed);
    if (!ok || recipient === undefined) {
      return undefined;
    }

    // Step 4: freshness, |now − iat| ≤ skew (exact integers: iat may exceed 2^53).
    const nowMs = this.#clock();
    if (!Number.isFinite(nowMs) || nowMs < 0) {
      return undefined;
    }
    const now = BigInt(Math.floor(nowMs / 1000));
    const skew = e.iat >= now ? e.iat - now : now - e.iat;
    if (skew > this.#maxSkew) {
      return undefined;
    }

    // Step 5: decapsulate (implicit rejection turns a wrong kem into a wrong K), derive K, decrypt.
    return decrypt(recipient, e, header);
  }

  #signatureValid(skid: string, signed: Uint8Array, sig: Uint8Array): boolean {
    const publicKey = this.#serverKeys.get(skid);
    if (publicKey === undefined) {
      return false;
    }
    try {
      return ml_dsa65.verify(sig, signed, publicKey, { context: SIGNATURE_CONTEXT });
    } catch {
      return false;
    }
  }

  async #macValid(hkid: string, signed: Uint8Array<ArrayBuffer>, mac: Uint8Array): Promise<boolean> {
    const holder = this.#macKeys.get(hkid);
    if (holder === undefined) {
      return false;
    }
    try {
      const key = await globalThis.crypto.subtle.importKey(
        "raw",
        clientKeySecrets(holder).macKey,
        { name: "HMAC", hash: "SHA-512" },
        false,
        ["sign"],
      );
      const expected = new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", key, signed));
      const equal = constantTimeEqual(expected, mac);
      wipe(expected);
      return equal;
    } catch {
      return false;
    }
  }

  toString(): string {
    return `EnvelopeOpener(rkids=[${[...this.#clientKeys.keys()].join(", ")}])`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

async function decrypt(recipient: ClientKey, e: ParsedEnvelope, header: Bytes): Promise<Uint8Array | undefined> {
  const { secretKey, publicKey } = ml_kem768.keygen(clientKeySecrets(recipient).seed);
  let sharedSecret: Uint8Array | undefined;
  let prk: Uint8Array | undefined;
  let k: Bytes | undefined;
  try {
    sharedSecret = ml_kem768.decapsulate(e.kem, secretKey);
    // HKDF-SHA-512 by @noble/hashes: WebCrypto's HKDF in Node refuses an info over 1024 bytes,
    // and H of long ids makes info longer than that.
    prk = hkdfExtract(sha512, sharedSecret, new Uint8Array(0));
    k = copy(hkdfExpand(sha512, prk, concat(KDF_INFO_PREFIX, header), AES_KEY_LENGTH));
    const aesKey = await globalThis.crypto.subtle.importKey("raw", k, "AES-GCM", false, ["decrypt"]);
    wipe(k, prk, sharedSecret);
    const plaintext = await globalThis.crypto.subtle.decrypt(
      { name: "AES-GCM", iv: e.iv, additionalData: header, tagLength: TAG_LENGTH * 8 },
      aesKey,
      e.ct,
    );
    return new Uint8Array(plaintext);
  } catch {
    return undefined;
  } finally {
    wipe(secretKey, publicKey, sharedSecret, prk, k);
  }
}
