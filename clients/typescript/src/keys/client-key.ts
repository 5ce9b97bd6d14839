/**
 * A client key: the tenant's ML-KEM-768 key pair (kept as its 64-byte seed d ‖ z), its id
 * `rkid`, and the envelope MAC key with its id `hkid` that registration answered (shown once).
 */
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { isValidId } from "../envelope/envelope.js";
import { copy, wipe, type Bytes } from "../envelope/bytes.js";
import { KEM_SEED_LENGTH, MAC_KEY_LENGTH } from "../envelope/format.js";
import { ConfigurationError } from "../errors.js";

/** The parts of a client key, e.g. from a registration answer and the seed that made the key. */
export interface ClientKeyParts {
  /** `ck_…`: the id the service gave the registered public key. */
  readonly rkid: string;
  /** `hk_…`: the id of the envelope MAC key. */
  readonly hkid: string;
  /** The 64-byte ML-KEM-768 seed d ‖ z. Copied. */
  readonly seed: Uint8Array;
  /** The 64-byte HMAC-SHA-512 envelope MAC key. Copied. */
  readonly macKey: Uint8Array;
}

/** The secret parts, for the envelope opener and the key-file writer of this package only. */
export interface ClientKeySecrets {
  readonly seed: Bytes;
  readonly macKey: Bytes;
}

let revealSecrets: (key: ClientKey) => ClientKeySecrets;

/** Reads a key's secrets (package-internal: not exported from the package's entry points). */
export function clientKeySecrets(key: ClientKey): ClientKeySecrets {
  return revealSecrets(key);
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * A client key. Immutable; its secrets are private fields that no `toString`, `toJSON` or
 * `console.log` shows. Save it with `saveClientKey` (`quantaseal/node`) or
 * {@link encodeClientKeyFile}; {@link destroy} overwrites the secrets when it is no longer needed.
 */
export class ClientKey {
  readonly rkid: string;
  readonly hkid: string;
  readonly #seed: Bytes;
  readonly #macKey: Bytes;
  #publicKey: Bytes | undefined;
  #destroyed = false;

  static {
    revealSecrets = (key) => {
      if (key.#destroyed) {
        throw new ConfigurationError("this client key was destroyed");
      }
      return { seed: key.#seed, macKey: key.#macKey };
    };
  }

  private constructor(parts: ClientKeyParts) {
    this.rkid = parts.rkid;
    this.hkid = parts.hkid;
    this.#seed = copy(parts.seed);
    this.#macKey = copy(parts.macKey);
  }

  /** A client key from its parts (all checked; the byte arrays are copied). */
  static fromParts(parts: ClientKeyParts): ClientKey {
    if (!isValidId(parts.rkid) || !isValidId(parts.hkid)) {
      throw new ConfigurationError("rkid and hkid must be ids of 1 to 256 UTF-8 bytes");
    }
    if (!(parts.seed instanceof Uint8Array) || parts.seed.length !== KEM_SEED_LENGTH) {
      throw new ConfigurationError(`the ML-KEM-768 seed must be ${KEM_SEED_LENGTH} bytes`);
    }
    if (!(parts.macKey instanceof Uint8Array) || parts.macKey.length !== MAC_KEY_LENGTH) {
      throw new ConfigurationError(`the envelope MAC key must be ${MAC_KEY_LENGTH} bytes`);
    }
    return new ClientKey(parts);
  }

  /** A fresh 64-byte ML-KEM-768 seed from the platform's CSPRNG (`crypto.getRandomValues`). */
  static generateSeed(): Bytes {
    return globalThis.crypto.getRandomValues(new Uint8Array(KEM_SEED_LENGTH));
  }

  /** The ML-KEM-768 encapsulation (public) key of a seed, 1184 bytes. */
  static publicKeyOf(seed: Uint8Array): Bytes {
    const { publicKey, secretKey } = ml_kem768.keygen(seed);
    wipe(secretKey);
    return copy(publicKey);
  }

  /** The 1184-byte ML-KEM-768 encapsulation key registered as `rkid` (public). */
  get publicKey(): Bytes {
    if (this.#publicKey === undefined) {
      this.#publicKey = ClientKey.publicKeyOf(revealSecrets(this).seed);
    }
    return copy(this.#publicKey);
  }

  /** Whether {@link destroy} was called. */
  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Overwrites the seed and the MAC key with zeros; the key can no longer open envelopes. */
  destroy(): void {
    wipe(this.#seed, this.#macKey);
    this.#destroyed = true;
  }

  toString(): string {
    return `ClientKey(rkid=${this.rkid}, hkid=${this.hkid})`;
  }

  /** Only the ids: a client key never serializes its secrets by accident. */
  toJSON(): { rkid: string; hkid: string } {
    return { rkid: this.rkid, hkid: this.hkid };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}
