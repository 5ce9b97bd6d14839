/**
 * The key side of a fake QuantaSeal: signing keys (which of them `server-keys` lists can be
 * changed, to play a rotation), registered client keys with their MAC keys, and sealing to them.
 */
import { webcrypto } from "node:crypto";
import { ml_dsa65 } from "@noble/post-quantum/ml-dsa.js";
import { b64, b64e } from "./golden.js";
import { requestId, type Received, type Reply } from "./fake-service.js";
import { sealEnvelope } from "./sealer.js";

interface Signer {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

interface Registered {
  readonly publicKey: Uint8Array;
  readonly hkid: string;
  readonly macKey: Uint8Array;
}

export class EnvelopeService {
  readonly signers = new Map<string, Signer>();
  readonly clients = new Map<string, Registered>();
  /** The skids GET server-keys lists, in order. */
  listed: string[] = [];
  /** The skid new envelopes are signed with. */
  activeSkid: string;
  serverKeyFetches = 0;
  #next = 0;

  constructor() {
    this.activeSkid = this.addSigner();
    this.listed = [this.activeSkid];
  }

  /** A new signing key (not listed until `listed` says so); returns its skid. */
  addSigner(): string {
    const skid = `sk_${String(this.signers.size).padStart(26, "0")}`;
    this.signers.set(skid, ml_dsa65.keygen(webcrypto.getRandomValues(new Uint8Array(32))));
    return skid;
  }

  serverKeysReply(): Reply {
    this.serverKeyFetches += 1;
    return {
      status: 200,
      headers: { "X-Request-Id": requestId() },
      body: {
        keys: this.listed.map((skid) => ({
          skid,
          alg: "ML-DSA-65",
          public_key: b64e(this.signers.get(skid)!.publicKey),
          created_at: "2026-01-01T00:00:00Z",
          status: skid === this.activeSkid ? "active" : "retired",
        })),
      },
    };
  }

  registerReply(request: Received): Reply {
    const publicKey = b64((request.json as { public_key: string }).public_key);
    this.#next += 1;
    const rkid = `ck_${String(this.#next).padStart(26, "0")}`;
    const hkid = `hk_${String(this.#next).padStart(26, "0")}`;
    const macKey = webcrypto.getRandomValues(new Uint8Array(64));
    this.clients.set(rkid, { publicKey, hkid, macKey });
    return {
      status: 201,
      headers: { "X-Request-Id": requestId(), "Cache-Control": "no-store" },
      body: { rkid, hkid, hmac_key: b64e(macKey), created_at: "2026-01-01T00:00:00Z" },
    };
  }

  /** An envelope to `rkid` (as the service seals it: fresh randomness, hedged signature). */
  async seal(
    rkid: string,
    plaintext: unknown,
    options: { rid: string; iat?: number; skid?: string; labelRkid?: string },
  ): Promise<Record<string, string | number>> {
    const client = this.clients.get(rkid);
    if (client === undefined) {
      throw new Error(`unknown rkid ${rkid}`);
    }
    const skid = options.skid ?? this.activeSkid;
    const sealed = await sealEnvelope({
      recipientPublicKey: client.publicKey,
      signerSecretKey: this.signers.get(skid)!.secretKey,
      macKey: client.macKey,
      rid: options.rid,
      iat: options.iat ?? Math.floor(Date.now() / 1000),
      rkid: options.labelRkid ?? rkid,
      skid,
      hkid: client.hkid,
      plaintext: new TextEncoder().encode(typeof plaintext === "string" ? plaintext : JSON.stringify(plaintext)),
    });
    return sealed.envelope;
  }

  /** An answer carrying an envelope, its rid equal to the X-Request-Id unless told otherwise. */
  async envelopeReply(
    rkid: string,
    plaintext: unknown,
    options: { status?: number; headers?: Record<string, string>; rid?: string; skid?: string; iat?: number; labelRkid?: string } = {},
  ): Promise<Reply> {
    const id = requestId();
    const envelope = await this.seal(rkid, plaintext, {
      rid: options.rid ?? id,
      ...(options.skid === undefined ? {} : { skid: options.skid }),
      ...(options.iat === undefined ? {} : { iat: options.iat }),
      ...(options.labelRkid === undefined ? {} : { labelRkid: options.labelRkid }),
    });
    return { status: options.status ?? 200, headers: { "X-Request-Id": id, ...options.headers }, body: envelope };
  }
}
