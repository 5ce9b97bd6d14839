/** The golden vectors of docs/vectors/envelope-v1.json, decoded. */
import { readFileSync } from "node:fs";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import { ClientKey } from "../../src/keys/client-key.js";
import { GOLDEN_VECTORS } from "./paths.js";

export interface GoldenVector {
  readonly name: string;
  readonly recipient_seed: string;
  readonly signer_seed: string;
  readonly mac_key: string;
  readonly encaps_m: string;
  readonly iv: string;
  readonly rid: string;
  readonly iat: number;
  readonly rkid: string;
  readonly skid: string;
  readonly hkid: string;
  readonly plaintext: string;
  readonly H: string;
  readonly S: string;
  readonly envelope: Readonly<Record<string, string | number>>;
}

export interface GoldenFile {
  readonly suite: string;
  readonly vectors: readonly GoldenVector[];
}

export function goldenVectors(): GoldenFile {
  return JSON.parse(readFileSync(GOLDEN_VECTORS, "utf8")) as GoldenFile;
}

export function b64(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(text, "base64url"));
}

export function b64e(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/** The vector's recipient as a ClientKey. */
export function recipientOf(v: GoldenVector): ClientKey {
  return ClientKey.fromParts({ rkid: v.rkid, hkid: v.hkid, seed: b64(v.recipient_seed), macKey: b64(v.mac_key) });
}

/** The vector's signer key pair (ML-DSA-65 from its 32-byte seed ξ). */
export function signerOf(v: GoldenVector): { publicKey: Uint8Array; secretKey: Uint8Array } {
  return ml_dsa65.keygen(b64(v.signer_seed));
}

/** The envelope's JSON text with the members in the order of docs/envelope.md#json-form. */
export function envelopeText(v: GoldenVector): string {
  return JSON.stringify(v.envelope);
}
