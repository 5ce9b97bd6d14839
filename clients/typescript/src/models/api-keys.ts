/** Requests and answers of the tenant's API keys (docs/openapi.yaml, tag `tenant`). */
import { WireReader, frozen, type WireObject } from "./wire.js";

/** A scope of an API key (docs/api.md, "Scopes"). */
export type ApiKeyScope = "admin" | "client_keys:manage" | "vault:unseal";

/** `POST /api/v2/api-keys` (createApiKey). Needs `admin`. */
export interface CreateApiKeyInput {
  /** 1–64 characters, no control characters. */
  readonly name: string;
  /** Each one a scope the calling key holds; default none. */
  readonly scopes?: readonly ApiKeyScope[];
  /** RFC 3339; in the future and at most 3650 days ahead. */
  readonly expiresAt?: string;
}

/** An API key as listed; never the key or its hash. */
export interface ApiKey {
  /** `key_…` */
  readonly apiKeyId: string;
  /** Absent for keys the operator issued. */
  readonly name?: string;
  /** The first 12 characters of the key and an ellipsis. */
  readonly displayPrefix: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly createdAt: string;
  readonly lastUsedAt?: string;
  readonly expiresAt?: string;
  readonly revokedAt?: string;
  readonly status: "active" | "expired" | "revoked";
}

/** `GET /api/v2/api-keys/current` (getCurrentApiKey): the calling key, with its tenant. */
export interface CurrentApiKey extends ApiKey {
  /** `ten_…` */
  readonly tenantId: string;
}

/** `GET /api/v2/api-keys` (listApiKeys). */
export interface ListApiKeysOutput {
  readonly apiKeys: readonly ApiKey[];
  readonly nextCursor?: string;
}

const inspectSymbol = Symbol.for("nodejs.util.inspect.custom");

/**
 * A new API key (createApiKey) with the key itself, shown this once: QuantaSeal keeps only its
 * SHA-256. `apiKey` is never printed by `toString`, `toJSON` or `console.log`.
 */
export class CreatedApiKey {
  /** The key as it will be listed. */
  readonly listed: ApiKey;
  readonly requestId: string | undefined;
  readonly #apiKey: string;

  constructor(listed: ApiKey, apiKey: string, requestId: string | undefined) {
    this.listed = listed;
    this.requestId = requestId;
    this.#apiKey = apiKey;
    Object.freeze(this);
  }

  /** `qs_live_…` or `qs_test_…`. Secret: store it now, it cannot be read again. */
  get apiKey(): string {
    return this.#apiKey;
  }

  get apiKeyId(): string {
    return this.listed.apiKeyId;
  }

  toString(): string {
    return `CreatedApiKey(apiKeyId=${this.listed.apiKeyId}, displayPrefix=${this.listed.displayPrefix}, apiKey=[redacted])`;
  }

  toJSON(): Record<string, unknown> {
    return { ...this.listed, apiKey: "[redacted]" };
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

function listedFields(r: WireReader, o: WireObject): ApiKey {
  return frozen({
    apiKeyId: r.string(o, "api_key_id"),
    name: r.optionalString(o, "name"),
    displayPrefix: r.string(o, "display_prefix"),
    scopes: r.strings(o, "scopes") as readonly ApiKeyScope[],
    createdAt: r.string(o, "created_at"),
    lastUsedAt: r.optionalString(o, "last_used_at"),
    expiresAt: r.optionalString(o, "expires_at"),
    revokedAt: r.optionalString(o, "revoked_at"),
    status: r.string(o, "status") as ApiKey["status"],
  }) as ApiKey;
}

export function readApiKey(r: WireReader, value: unknown): ApiKey {
  return listedFields(r, r.object(value, "an API key"));
}

export function readCurrentApiKey(r: WireReader, value: unknown): CurrentApiKey {
  const o = r.object(value);
  return Object.freeze({ tenantId: r.string(o, "tenant_id"), ...listedFields(r, o) });
}

export function readListApiKeys(r: WireReader, value: unknown): ListApiKeysOutput {
  const o = r.object(value);
  return frozen({
    apiKeys: r.list(o, "api_keys", (k) => readApiKey(r, k)),
    nextCursor: r.optionalString(o, "next_cursor"),
  }) as ListApiKeysOutput;
}

export function readCreatedApiKey(r: WireReader, value: unknown, requestId: string | undefined): CreatedApiKey {
  const o = r.object(value);
  const apiKey = r.string(o, "api_key");
  if (!/^qs_(?:live|test)_[A-Za-z0-9_-]{43}$/.test(apiKey)) {
    // Says nothing of the key itself.
    r.fail('"api_key" is not of the form qs_live_… or qs_test_…');
  }
  return new CreatedApiKey(listedFields(r, o), apiKey, requestId);
}
