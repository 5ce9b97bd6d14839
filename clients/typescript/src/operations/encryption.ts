/** `qs.encryption`: client keys (registerClientKey), server keys (listServerKeys), and decrypt. */
import { openEnvelope, type ClientContext } from "../context.js";
import { encodeBase64Url } from "../envelope/base64url.js";
import { wipe } from "../envelope/bytes.js";
import type { EnvelopeInput } from "../envelope/envelope.js";
import { KEM_PUBLIC_KEY_LENGTH } from "../envelope/format.js";
import { ConfigurationError } from "../errors.js";
import { jsonBody, type Transport } from "../http/transport.js";
import { ClientKey } from "../keys/client-key.js";
import type { IdempotentRequestOptions, RequestOptions } from "../models/common.js";
import {
  readClientKeyRegistration,
  readServerKeys,
  type ClientKeyRegistration,
  type ListServerKeysOutput,
  type RegisterClientKeyInput,
} from "../models/encryption.js";
import { plaintextJson, WireReader } from "../models/wire.js";

export interface DecryptOptions {
  /** The request id the envelope must carry as `rid` (the X-Request-Id it came with), if known. */
  readonly expectedRequestId?: string;
}

export class EncryptionOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Makes an ML-KEM-768 key pair here (from a fresh 64-byte seed), registers its public half
   * and returns the client key (seed, rkid, hkid and the MAC key shown once). Save it with
   * `saveClientKey` (`quantaseal/node`) and use it with `qs.withClientKey(key)`.
   */
  async createClientKey(options: RequestOptions = {}): Promise<ClientKey> {
    const seed = ClientKey.generateSeed();
    try {
      const registration = await this.registerClientKey({ publicKey: ClientKey.publicKeyOf(seed) }, options);
      const macKey = registration.hmacKey;
      try {
        return ClientKey.fromParts({ rkid: registration.rkid, hkid: registration.hkid, seed, macKey });
      } finally {
        wipe(macKey);
        registration.destroy();
      }
    } finally {
      wipe(seed);
    }
  }

  /**
   * Registers an ML-KEM-768 encapsulation key (registerClientKey). Never retried: the answer
   * shows its MAC key once, and a repeat is 409.
   */
  async registerClientKey(input: RegisterClientKeyInput, options: IdempotentRequestOptions = {}): Promise<ClientKeyRegistration> {
    if (!(input.publicKey instanceof Uint8Array) || input.publicKey.length !== KEM_PUBLIC_KEY_LENGTH) {
      throw new ConfigurationError(`publicKey must be the ${KEM_PUBLIC_KEY_LENGTH}-byte ML-KEM-768 encapsulation key`);
    }
    const answer = await this.#context.transport.send({
      method: "POST",
      path: "/api/v2/encryption/client-keys",
      body: { public_key: encodeBase64Url(input.publicKey) },
      idempotencyKey: options.idempotencyKey,
      retryable: false,
      signal: options.signal,
    });
    return readClientKeyRegistration(new WireReader("registerClientKey", answer.requestId), jsonBody(answer), answer.requestId);
  }

  /** The service's ML-DSA-65 public keys, active and retiring (listServerKeys). */
  async listServerKeys(options: RequestOptions = {}): Promise<ListServerKeysOutput> {
    return fetchServerKeys(this.#context.transport, options.signal);
  }

  /**
   * Verifies and decrypts any envelope addressed to the held client key: the JSON text exactly
   * as received (strictest), its UTF-8 bytes, or the parsed object. Returns the plaintext bytes.
   * @throws InvalidEnvelopeError whatever fails, without saying what
   */
  async decrypt(envelope: EnvelopeInput, options: DecryptOptions = {}): Promise<Uint8Array> {
    return openEnvelope(this.#context, envelope, options.expectedRequestId);
  }

  /** {@link decrypt}, then the plaintext as JSON (the plaintext bytes are wiped). */
  async decryptJson<T = unknown>(envelope: EnvelopeInput, options: DecryptOptions = {}): Promise<T> {
    const plaintext = await this.decrypt(envelope, options);
    try {
      return plaintextJson(plaintext, new WireReader("envelope")) as T;
    } finally {
      wipe(plaintext);
    }
  }
}

/** `GET /api/v2/encryption/server-keys`, for listServerKeys and the server-key cache. */
export async function fetchServerKeys(transport: Transport, signal?: AbortSignal): Promise<ListServerKeysOutput> {
  const answer = await transport.send({ method: "GET", path: "/api/v2/encryption/server-keys", signal });
  return readServerKeys(new WireReader("listServerKeys", answer.requestId), jsonBody(answer));
}
