/**
 * `QuantaSeal`: the client. One transport, one server-key cache and (optionally) one client key,
 * shared by the operation namespaces `vault`, `encryption`, `integrations`, `proxy`, `siem`,
 * `apiKeys` and `audit`.
 *
 * ```ts
 * const qs = new QuantaSeal({ baseUrl, apiKey });          // or new QuantaSeal() with QS_URL / QS_API_KEY
 * const key = await qs.encryption.createClientKey();
 * const client = qs.withClientKey(key);
 * const answer = await client.proxy.outbound(integrationId, "send_event", { title: "t", text: "x" });
 * ```
 */
import type { ClientContext } from "./context.js";
import { DEFAULT_MAX_CLOCK_SKEW_SECONDS } from "./envelope/opener.js";
import { ConfigurationError } from "./errors.js";
import { retryPolicy, type RetryOptions } from "./http/retry.js";
import { abortableSleep, Transport, type FetchFunction } from "./http/transport.js";
import type { ClientKey } from "./keys/client-key.js";
import { ServerKeyCache } from "./keys/server-keys.js";
import { ApiKeyOperations } from "./operations/api-keys.js";
import { AuditOperations } from "./operations/audit.js";
import { EncryptionOperations, fetchServerKeys } from "./operations/encryption.js";
import { IntegrationOperations } from "./operations/integrations.js";
import { ProxyOperations } from "./operations/proxy.js";
import { SiemOperations } from "./operations/siem.js";
import { VaultOperations } from "./operations/vault.js";

export interface QuantaSealConfig {
  /** The API's base URL, e.g. `https://abc123def4.execute-api.us-east-1.amazonaws.com/v2`. Default: `QS_URL`. */
  readonly baseUrl?: string;
  /** `qs_live_…` or `qs_test_…`. Default: `QS_API_KEY`. Never logged or printed. */
  readonly apiKey?: string;
  /** The client key envelopes are opened with (also: {@link QuantaSeal.withClientKey}). */
  readonly clientKey?: ClientKey;
  /** Retries of 429/5xx and failed connections (GET, DELETE, and POSTs with an Idempotency-Key). */
  readonly retry?: RetryOptions;
  /** Per-attempt timeout in milliseconds; 0 for none. Default 30 000. */
  readonly timeoutMs?: number;
  /** Allowed |now − iat| of envelopes, in seconds. Default 300. */
  readonly maxClockSkewSeconds?: number;
  /** The clock envelopes are checked against, in ms since the epoch. Default `Date.now`. */
  readonly clock?: () => number;
  /** The fetch implementation. Default `globalThis.fetch`. */
  readonly fetch?: FetchFunction;
  /** Makes Idempotency-Keys. Default `crypto.randomUUID()`. */
  readonly idempotencyKeyFactory?: () => string;
  /** For tests: how the SDK waits between retries, and its jitter source. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

interface Shared {
  readonly transport: Transport;
  readonly serverKeys: ServerKeyCache;
  readonly maxClockSkewSeconds: number;
  readonly clock: () => number;
  readonly newIdempotencyKey: () => string;
}

/** Configs made by withClientKey, and the shared parts they reuse. */
const DERIVED = new WeakMap<QuantaSealConfig, Shared>();

const API_KEY_SHAPE = /^qs_(?:live|test)_[A-Za-z0-9_-]{43}$/;

export class QuantaSeal {
  /** Sealed credentials: seal, unseal, list, listAll, get, rotate, delete, retireVersion. */
  readonly vault: VaultOperations;
  /**
   * Envelope keys: createClientKey, registerClientKey, listClientKeys, listAllClientKeys,
   * revokeClientKey, listServerKeys, decrypt, decryptJson.
   */
  readonly encryption: EncryptionOperations;
  /** Datadog integrations: create, list, listAll, get, update, delete. */
  readonly integrations: IntegrationOperations;
  /** The outbound proxy: outbound. */
  readonly proxy: ProxyOperations;
  /** SIEM destinations: createDestination, listDestinations, listAllDestinations, getDestination, deleteDestination, testDestination. */
  readonly siem: SiemOperations;
  /** The tenant's API keys: create, list, listAll, current, revoke. */
  readonly apiKeys: ApiKeyOperations;
  /** The audit trail: listRecords, listAllRecords, listCheckpoints, listAllCheckpoints, verify. */
  readonly audit: AuditOperations;
  readonly #shared: Shared;
  readonly #clientKey: ClientKey | undefined;

  constructor(config: QuantaSealConfig = {}) {
    this.#shared = DERIVED.get(config) ?? shared(config);
    this.#clientKey = config.clientKey;
    const context: ClientContext = { ...this.#shared, clientKey: this.#clientKey };
    this.vault = new VaultOperations(context);
    this.encryption = new EncryptionOperations(context);
    this.integrations = new IntegrationOperations(context);
    this.proxy = new ProxyOperations(context);
    this.siem = new SiemOperations(context);
    this.apiKeys = new ApiKeyOperations(context);
    this.audit = new AuditOperations(context);
    Object.freeze(this);
  }

  /** A client like this one (same connection, settings and server keys) that holds `clientKey`. */
  withClientKey(clientKey: ClientKey): QuantaSeal {
    const config: QuantaSealConfig = { clientKey };
    DERIVED.set(config, this.#shared);
    return new QuantaSeal(config);
  }

  /** The client key envelopes are opened with, if any. */
  get clientKey(): ClientKey | undefined {
    return this.#clientKey;
  }

  /** The API's base URL. */
  get baseUrl(): string {
    return this.#shared.transport.baseUrl;
  }

  toString(): string {
    return `QuantaSeal(${this.#shared.transport.baseUrl}${this.#clientKey === undefined ? "" : `, ${this.#clientKey.rkid}`})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function shared(config: QuantaSealConfig): Shared {
  const env = environment();
  const baseUrl = config.baseUrl ?? env["QS_URL"];
  const apiKey = config.apiKey ?? env["QS_API_KEY"];
  if (baseUrl === undefined || baseUrl === "") {
    throw new ConfigurationError("no base URL: give baseUrl or set QS_URL");
  }
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ConfigurationError("baseUrl is not a URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new ConfigurationError("baseUrl must be an http(s) URL");
  }
  if (parsed.search !== "" || parsed.hash !== "" || parsed.username !== "" || parsed.password !== "") {
    throw new ConfigurationError("baseUrl must not carry a query, a fragment or credentials");
  }
  if (apiKey === undefined || apiKey === "") {
    throw new ConfigurationError("no API key: give apiKey or set QS_API_KEY");
  }
  if (!API_KEY_SHAPE.test(apiKey)) {
    // Says nothing of the key itself.
    throw new ConfigurationError("the API key is not of the form qs_live_… or qs_test_… (51 characters)");
  }
  const platformFetch = (globalThis as { fetch?: FetchFunction }).fetch;
  const fetchFunction = config.fetch ?? platformFetch?.bind(globalThis);
  if (fetchFunction === undefined) {
    throw new ConfigurationError("no fetch: this runtime has no globalThis.fetch; pass config.fetch");
  }
  const timeoutMs = config.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new ConfigurationError("timeoutMs must be a non-negative number");
  }
  const maxClockSkewSeconds = config.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
  if (!Number.isSafeInteger(maxClockSkewSeconds) || maxClockSkewSeconds < 0) {
    throw new ConfigurationError("maxClockSkewSeconds must be a non-negative integer");
  }
  const clock = config.clock ?? Date.now;
  const transport = new Transport({
    baseUrl: parsed.href.replace(/\/+$/, ""),
    apiKey,
    fetch: fetchFunction,
    retry: retryPolicy(config.retry),
    timeoutMs,
    sleep: config.sleep ?? abortableSleep,
    random: config.random ?? Math.random,
    now: clock,
  });
  return Object.freeze({
    transport,
    // The cache lists the keys through the same transport (and its retries).
    serverKeys: new ServerKeyCache(() => fetchServerKeys(transport)),
    maxClockSkewSeconds,
    clock,
    newIdempotencyKey: config.idempotencyKeyFactory ?? (() => globalThis.crypto.randomUUID()),
  });
}

/** QS_URL / QS_API_KEY where the runtime has an environment (Node); nothing in a browser. */
function environment(): Readonly<Record<string, string | undefined>> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}
