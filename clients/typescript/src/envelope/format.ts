/**
 * The exact bytes of HybridCryptoEnvelope v1 (docs/envelope.md; the wire contract's
 * "Construction"): the suite, the labels, H and S.
 */
import { lengthPrefixed, utf8, type Bytes } from "./bytes.js";

export const ENVELOPE_VERSION = 1;
export const SUITE = "QS1-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512";
export const HEADER_LABEL = utf8("QSENV1");
export const SIGNED_LABEL = utf8("QSENV1-SIGNED");
/** HKDF info = this ‖ H. */
export const KDF_INFO_PREFIX = utf8("quantaseal/envelope/v1/aes-256-gcm");
/** The ML-DSA-65 context string. */
export const SIGNATURE_CONTEXT = utf8("quantaseal/envelope/v1");

export const KEM_CIPHERTEXT_LENGTH = 1088;
export const IV_LENGTH = 12;
export const TAG_LENGTH = 16;
export const SIGNATURE_LENGTH = 3309;
export const MAC_LENGTH = 64;
export const MAC_KEY_LENGTH = 64;
export const AES_KEY_LENGTH = 32;
export const KEM_SEED_LENGTH = 64;
export const KEM_PUBLIC_KEY_LENGTH = 1184;
export const SERVER_PUBLIC_KEY_LENGTH = 1952;
/** The largest ct (ciphertext ‖ tag) an opener accepts by default: 8 MiB. */
export const DEFAULT_MAX_CIPHERTEXT_LENGTH = 8 * 1024 * 1024;
/** Ids (rid, rkid, skid, hkid): 1 to this many UTF-8 bytes. */
export const MAX_ID_BYTES = 256;

/** H = lp("QSENV1") ‖ lp(suite) ‖ lp(rid) ‖ lp(iat) ‖ lp(rkid) ‖ lp(skid) ‖ lp(hkid). */
export function headerBytes(
  rid: string,
  iat: bigint,
  rkid: string,
  skid: string,
  hkid: string,
): Bytes {
  return lengthPrefixed(
    HEADER_LABEL,
    utf8(SUITE),
    utf8(rid),
    utf8(iat.toString(10)),
    utf8(rkid),
    utf8(skid),
    utf8(hkid),
  );
}

/** S = lp("QSENV1-SIGNED") ‖ lp(H) ‖ lp(kem) ‖ lp(iv) ‖ lp(ct). */
export function signedBytes(header: Uint8Array, kem: Uint8Array, iv: Uint8Array, ct: Uint8Array): Bytes {
  return lengthPrefixed(SIGNED_LABEL, header, kem, iv, ct);
}
