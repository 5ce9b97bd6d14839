/**
 * A test-side sealer (the service's role), written from docs/envelope.md "Construction" with the
 * same libraries: ML-KEM-768 encapsulation, HKDF-SHA-512, AES-256-GCM, ML-DSA-65 and
 * HMAC-SHA-512. With `encapsM`, `iv` and `deterministic` it reproduces the golden vectors byte
 * for byte; without them it seals as the service does (fresh randomness, hedged signature).
 */
import { webcrypto } from "node:crypto";
import { expand, extract } from "@noble/hashes/hkdf.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { concat } from "../../src/envelope/bytes.js";
import { headerBytes, KDF_INFO_PREFIX, SIGNATURE_CONTEXT, SUITE, signedBytes } from "../../src/envelope/format.js";
import { b64e } from "./golden.js";

export interface SealParameters {
  readonly recipientPublicKey: Uint8Array;
  readonly signerSecretKey: Uint8Array;
  readonly macKey: Uint8Array;
  readonly rid: string;
  readonly iat: number | bigint;
  readonly rkid: string;
  readonly skid: string;
  readonly hkid: string;
  readonly plaintext: Uint8Array;
  readonly encapsM?: Uint8Array;
  readonly iv?: Uint8Array;
  /** ML-DSA with rnd = 32 zero bytes (as in the vectors). */
  readonly deterministic?: boolean;
}

export interface SealedEnvelope {
  readonly envelope: Record<string, string | number>;
  readonly H: Uint8Array;
  readonly S: Uint8Array;
}

export async function sealEnvelope(p: SealParameters): Promise<SealedEnvelope> {
  const iat = BigInt(p.iat);
  const H = headerBytes(p.rid, iat, p.rkid, p.skid, p.hkid);
  const { cipherText: kem, sharedSecret } =
    p.encapsM === undefined ? ml_kem768.encapsulate(p.recipientPublicKey) : ml_kem768.encapsulate(p.recipientPublicKey, p.encapsM);
  const K = expand(sha512, extract(sha512, sharedSecret, new Uint8Array(0)), concat(KDF_INFO_PREFIX, H), 32);
  const iv = p.iv ?? webcrypto.getRandomValues(new Uint8Array(12));
  const aesKey = await webcrypto.subtle.importKey("raw", new Uint8Array(K), "AES-GCM", false, ["encrypt"]);
  const ct = new Uint8Array(
    await webcrypto.subtle.encrypt({ name: "AES-GCM", iv: new Uint8Array(iv), additionalData: H, tagLength: 128 }, aesKey, new Uint8Array(p.plaintext)),
  );
  const S = signedBytes(H, kem, iv, ct);
  const sig = ml_dsa65.sign(
    S,
    p.signerSecretKey,
    p.deterministic === true ? { context: SIGNATURE_CONTEXT, extraEntropy: false } : { context: SIGNATURE_CONTEXT },
  );
  const macKey = await webcrypto.subtle.importKey("raw", new Uint8Array(p.macKey), { name: "HMAC", hash: "SHA-512" }, false, ["sign"]);
  const mac = new Uint8Array(await webcrypto.subtle.sign("HMAC", macKey, S));
  return {
    envelope: {
      v: 1,
      suite: SUITE,
      rid: p.rid,
      iat: Number(iat),
      rkid: p.rkid,
      skid: p.skid,
      hkid: p.hkid,
      kem: b64e(kem),
      iv: b64e(iv),
      ct: b64e(ct),
      sig: b64e(sig),
      mac: b64e(mac),
    },
    H,
    S,
  };
}
