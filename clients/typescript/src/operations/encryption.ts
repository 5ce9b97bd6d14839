/**
 * `qs.encryption`: client keys (registerClientKey, listClientKeys, revokeClientKey), server keys
 * (listServerKeys), and decrypt.
 */
import { call, listAll, openEnvelope, segment, type ClientContext } from "../context.js";
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
  readListClientKeys,
  readRegisteredClientKey,
  readServerKeys,
  type ClientKeyRegistration,
  type ListClientKeysOutput,
  type ListServerKeysOutput,
  type RegisterClientKeyInput,
  type RegisteredClientKey,
} from "../models/encryption.js";
import { plaintextJson, WireReader } from "../models/wire.js";
import type { ListInput } from "../pagination.js";

const CLIENT_KEYS = "/api/v2/encryption/client-keys";

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
      path: CLIENT_KEYS,
      body: { public_key: encodeBase64Url(input.publicKey) },
      idempotencyKey: options.idempotencyKey,
      retryable: false,
      signal: options.signal,
    });
    return readClientKeyRegistration(new WireReader("registerClientKey", answer.requestId), jsonBody(answer), answer.requestId);
  }

  /**
   * One page of client keys, revoked ones included, in rkid order (listClientKeys): with
   * `client_keys:manage` those this API key registered, with `admin` every one of the tenant.
   */
  async listClientKeys(input: ListInput = {}, options: RequestOptions = {}): Promise<ListClientKeysOutput> {
    const request = { method: "GET" as const, path: CLIENT_KEYS, query: { limit: input.limit, cursor: input.cursor }, signal: options.signal };
    return call(this.#context, "listClientKeys", request, readListClientKeys);
  }

  /** Every client key {@link listClientKeys} shows, page after page. */
  listAllClientKeys(input: Omit<ListInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<RegisteredClientKey, void, undefined> {
    return listAll((page) => this.listClientKeys(page, options), (page) => page.clientKeys, input);
  }

  /**
   * Revokes a client key (revokeClientKey): from the answer on, no envelope is sealed to it.
   * Returns the key as listed; revoking a revoked key changes nothing.
   */
  async revokeClientKey(rkid: string, options: RequestOptions = {}): Promise<RegisteredClientKey> {
    const request = { method: "DELETE" as const, path: `${CLIENT_KEYS}/${segment(rkid)}`, signal: options.signal };
    return call(this.#context, "revokeClientKey", request, readRegisteredClientKey);
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
