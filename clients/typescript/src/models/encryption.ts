/** Requests and answers of the envelope keys (docs/openapi.yaml, tag `encryption`). */
import { decodeBase64Url } from "../envelope/base64url.js";
import { copy, wipe, type Bytes } from "../envelope/bytes.js";
import { MAC_KEY_LENGTH, SERVER_PUBLIC_KEY_LENGTH } from "../envelope/format.js";
import { WireReader, frozen } from "./wire.js";

/** `POST /api/v2/encryption/client-keys` (registerClientKey). */
export interface RegisterClientKeyInput {
  /** The 1184-byte ML-KEM-768 encapsulation key. */
  readonly publicKey: Uint8Array;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * The answer of client-key registration. `hmacKey` is the envelope MAC key, shown once: keep it
 * (with the seed) as a ClientKey. Never printed by `toString`, `toJSON` or `console.log`.
 */
export class ClientKeyRegistration {
  /** `ck_…` */
  readonly rkid: string;
  /** `hk_…` */
  readonly hkid: string;
  readonly createdAt: string;
  readonly requestId: string | undefined;
  readonly #hmacKey: Bytes;

  constructor(fields: { rkid: string; hkid: string; createdAt: string; hmacKey: Uint8Array }, requestId: string | undefined) {
    this.rkid = fields.rkid;
    this.hkid = fields.hkid;
    this.createdAt = fields.createdAt;
    this.requestId = requestId;
    this.#hmacKey = copy(fields.hmacKey);
    Object.freeze(this);
  }

  /** A copy of the 64-byte HMAC-SHA-512 envelope MAC key. Secret. */
  get hmacKey(): Bytes {
    return copy(this.#hmacKey);
  }

  /** Overwrites the MAC key held by this object. */
  destroy(): void {
    wipe(this.#hmacKey);
  }

  toString(): string {
    return `ClientKeyRegistration(rkid=${this.rkid}, hkid=${this.hkid}, hmacKey=[redacted])`;
  }

  toJSON(): Record<string, string> {
    return { rkid: this.rkid, hkid: this.hkid, createdAt: this.createdAt, hmacKey: "[redacted]" };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

/** One of the service's signing keys. */
export interface ServerKey {
  /** `sk_…` */
  readonly skid: string;
  /** `ML-DSA-65` (keys of another alg are listed but never used to verify). */
  readonly alg: string;
  /** The 1952-byte ML-DSA-65 public key. */
  readonly publicKey: Uint8Array;
  readonly createdAt: string;
  /** `active` (signs), `retiring` (replaced; verifies what it signed) or `retired`. */
  readonly status: "active" | "retiring" | "retired";
}

/** `GET /api/v2/encryption/server-keys` (listServerKeys). */
export interface ListServerKeysOutput {
  readonly keys: readonly ServerKey[];
}

export function readClientKeyRegistration(r: WireReader, value: unknown, requestId: string | undefined): ClientKeyRegistration {
  const o = r.object(value);
  const hmacKey = decodeBase64Url(r.string(o, "hmac_key"));
  if (hmacKey?.length !== MAC_KEY_LENGTH) {
    r.fail(`"hmac_key" is not ${MAC_KEY_LENGTH} bytes of unpadded base64url`);
  }
  try {
    return new ClientKeyRegistration(
      { rkid: r.string(o, "rkid"), hkid: r.string(o, "hkid"), createdAt: r.string(o, "created_at"), hmacKey },
      requestId,
    );
  } finally {
    wipe(hmacKey);
  }
}

export function readServerKeys(r: WireReader, value: unknown): ListServerKeysOutput {
  const o = r.object(value);
  const keys = r.list(o, "keys", (k) => {
    const ko = r.object(k, "a key");
    const alg = r.string(ko, "alg");
    const publicKey = decodeBase64Url(r.string(ko, "public_key"));
    if (publicKey === undefined || (alg === "ML-DSA-65" && publicKey.length !== SERVER_PUBLIC_KEY_LENGTH)) {
      r.fail(`"public_key" of ${alg} is not ${SERVER_PUBLIC_KEY_LENGTH} bytes of unpadded base64url`);
    }
    return frozen({
      skid: r.string(ko, "skid"),
      alg,
      publicKey,
      createdAt: r.string(ko, "created_at"),
      status: r.string(ko, "status") as ServerKey["status"],
    });
  });
  return frozen({ keys });
}

/** A registered client key as listed (listClientKeys, revokeClientKey); never its MAC key. */
export interface RegisteredClientKey {
  /** `ck_…` */
  readonly rkid: string;
  /** `hk_…` */
  readonly hkid: string;
  /** The API key that registered it (only its answers are sealed to it); absent when none. */
  readonly apiKeyId?: string;
  readonly createdAt: string;
  /** When an envelope was last sealed to it (recorded at most once a minute); absent if never. */
  readonly lastUsedAt?: string;
  readonly revokedAt?: string;
  readonly status: "active" | "revoked";
}

/** `GET /api/v2/encryption/client-keys` (listClientKeys). */
export interface ListClientKeysOutput {
  readonly clientKeys: readonly RegisteredClientKey[];
  readonly nextCursor?: string;
}

export function readRegisteredClientKey(r: WireReader, value: unknown): RegisteredClientKey {
  const o = r.object(value, "a client key");
  return frozen({
    rkid: r.string(o, "rkid"),
    hkid: r.string(o, "hkid"),
    apiKeyId: r.optionalString(o, "api_key_id"),
    createdAt: r.string(o, "created_at"),
    lastUsedAt: r.optionalString(o, "last_used_at"),
    revokedAt: r.optionalString(o, "revoked_at"),
    status: r.string(o, "status") as RegisteredClientKey["status"],
  }) as RegisteredClientKey;
}

export function readListClientKeys(r: WireReader, value: unknown): ListClientKeysOutput {
  const o = r.object(value);
  return frozen({
    clientKeys: r.list(o, "client_keys", (k) => readRegisteredClientKey(r, k)),
    nextCursor: r.optionalString(o, "next_cursor"),
  }) as ListClientKeysOutput;
}
