/** `qs.apiKeys`: createApiKey, listApiKeys, getCurrentApiKey, revokeApiKey. */
import { call, listAll, segment, type ClientContext } from "../context.js";
import { jsonBody } from "../http/transport.js";
import {
  readApiKey,
  readCreatedApiKey,
  readCurrentApiKey,
  readListApiKeys,
  type ApiKey,
  type CreateApiKeyInput,
  type CreatedApiKey,
  type CurrentApiKey,
  type ListApiKeysOutput,
} from "../models/api-keys.js";
import type { IdempotentRequestOptions, RequestOptions } from "../models/common.js";
import { body, WireReader } from "../models/wire.js";
import type { ListInput } from "../pagination.js";

const API_KEYS = "/api/v2/api-keys";

export class ApiKeyOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Creates an API key of the caller's tenant (createApiKey; needs `admin`). Never retried: the
   * answer shows the key once, and a repeat with the same Idempotency-Key is 409.
   */
  async create(input: CreateApiKeyInput, options: IdempotentRequestOptions = {}): Promise<CreatedApiKey> {
    const answer = await this.#context.transport.send({
      method: "POST",
      path: API_KEYS,
      body: body({ name: input.name, scopes: input.scopes === undefined ? undefined : [...input.scopes], expires_at: input.expiresAt }),
      idempotencyKey: options.idempotencyKey,
      retryable: false,
      signal: options.signal,
    });
    return readCreatedApiKey(new WireReader("createApiKey", answer.requestId), jsonBody(answer), answer.requestId);
  }

  /** One page of the tenant's API keys, revoked and expired ones included (listApiKeys; needs `admin`). */
  async list(input: ListInput = {}, options: RequestOptions = {}): Promise<ListApiKeysOutput> {
    const request = { method: "GET" as const, path: API_KEYS, query: { limit: input.limit, cursor: input.cursor }, signal: options.signal };
    return call(this.#context, "listApiKeys", request, readListApiKeys);
  }

  /** Every API key of the tenant, page after page. */
  listAll(input: Omit<ListInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<ApiKey, void, undefined> {
    return listAll((page) => this.list(page, options), (page) => page.apiKeys, input);
  }

  /** The calling API key: its tenant, id, name and scopes (getCurrentApiKey; no scope needed). */
  async current(options: RequestOptions = {}): Promise<CurrentApiKey> {
    return call(this.#context, "getCurrentApiKey", { method: "GET", path: `${API_KEYS}/current`, signal: options.signal }, readCurrentApiKey);
  }

  /**
   * Revokes an API key (revokeApiKey; needs `admin`) and returns it as listed. It may still be
   * accepted for up to a minute (the authorizer's cache); the tenant's last admin key is 409.
   */
  async revoke(apiKeyId: string, options: RequestOptions = {}): Promise<ApiKey> {
    return call(this.#context, "revokeApiKey", { method: "DELETE", path: `${API_KEYS}/${segment(apiKeyId)}`, signal: options.signal }, readApiKey);
  }
}
