/**
 * The one request layer: every operation goes through {@link Transport.send}, which adds the API
 * key, JSON and the Idempotency-Key, applies the per-attempt timeout, retries what may be retried
 * (docs/clients.md#the-surface-python-names, retries) and turns error answers into {@link ApiError}s.
 *
 * Uses only `fetch`, `AbortController`, `setTimeout` and `Headers`: the same code runs in Node
 * ≥ 20 and in browsers.
 */
import { ApiError, NetworkError, ResponseFormatError } from "../errors.js";
import {
  backoffDelayMs,
  isRetryableStatus,
  parseRetryAfterMs,
  type RetryPolicy,
} from "./retry.js";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** A query-string value; undefined members are left out. */
export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest {
  readonly method: HttpMethod;
  /** The path under the base URL, already encoded, e.g. `/api/v2/vault/entries/vlt_…`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON when present. */
  readonly body?: unknown;
  /** Sent as `Idempotency-Key`; a POST with one may be retried. */
  readonly idempotencyKey?: string | undefined;
  /** False for calls that must never be repeated (client-key registration). Default: by method. */
  readonly retryable?: boolean;
  /**
   * True for the outbound proxy: an answer marked `X-QS-Source: upstream` is the third party's
   * answer in an envelope, whatever its status, and is returned as is (never retried).
   */
  readonly upstreamAnswers?: boolean;
  readonly signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as text. */
  readonly body: string;
  /** `X-Request-Id` of the answer. */
  readonly requestId: string | undefined;
  /** `X-QS-Source: upstream`: the status and envelope are the third party's answer. */
  readonly upstream: boolean;
  /** `Idempotent-Replayed: true`. */
  readonly replayed: boolean;
  /** How many attempts it took. */
  readonly attempts: number;
}

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface TransportConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly fetch: FetchFunction;
  readonly retry: RetryPolicy;
  /** Per attempt; 0 for none. */
  readonly timeoutMs: number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(["GET", "DELETE"]);

export class Transport {
  readonly #config: TransportConfig;
  readonly #baseUrl: string;

  constructor(config: TransportConfig) {
    this.#config = config;
    this.#baseUrl = config.baseUrl.replace(/\/+$/, "");
  }

  get baseUrl(): string {
    return this.#baseUrl;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { retry } = this.#config;
    const retryable =
      request.retryable ?? (IDEMPOTENT_METHODS.has(request.method) || request.idempotencyKey !== undefined);
    const maxAttempts = retryable ? retry.maxAttempts : 1;
    const url = this.#url(request);
    const init = this.#init(request);

    for (let attempt = 1; ; attempt++) {
      let response: Response;
      let body: string;
      try {
        ({ response, body } = await this.#attempt(url, init, request.signal));
      } catch (error) {
        if (request.signal?.aborted) {
          throw request.signal.reason;
        }
        if (attempt < maxAttempts) {
          await this.#config.sleep(backoffDelayMs(retry, attempt, this.#config.random), request.signal);
          continue;
        }
        throw new NetworkError(
          `no answer from ${request.method} ${request.path} after ${attempt} attempt(s): ${describe(error)}`,
          error,
        );
      }

      const requestId = response.headers.get("x-request-id") ?? undefined;
      const upstream = response.headers.get("x-qs-source")?.toLowerCase() === "upstream";
      const answer: HttpResponse = {
        status: response.status,
        headers: response.headers,
        body,
        requestId,
        upstream,
        replayed: response.headers.get("idempotent-replayed")?.toLowerCase() === "true",
        attempts: attempt,
      };
      if ((upstream && request.upstreamAnswers === true) || (response.status >= 200 && response.status < 300)) {
        return answer;
      }

      const retryAfterMs = parseRetryAfterMs(response.headers.get("retry-after"), this.#config.now());
      if (attempt < maxAttempts && isRetryableStatus(response.status) && !upstream) {
        if (retryAfterMs === undefined) {
          await this.#config.sleep(backoffDelayMs(retry, attempt, this.#config.random), request.signal);
          continue;
        }
        if (retryAfterMs <= retry.maxRetryAfterMs) {
          await this.#config.sleep(retryAfterMs, request.signal);
          continue;
        }
      }
      throw apiError(answer, retryAfterMs);
    }
  }

  #url(request: HttpRequest): string {
    let url = this.#baseUrl + request.path;
    if (request.query !== undefined) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(request.query)) {
        if (value !== undefined) {
          params.append(name, String(value));
        }
      }
      const query = params.toString();
      if (query !== "") {
        url += `?${query}`;
      }
    }
    return url;
  }

  #init(request: HttpRequest): RequestInit {
    const headers = new Headers({ Accept: "application/json", "X-API-Key": this.#config.apiKey });
    let body: string | undefined;
    if (request.body !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(request.body);
    }
    if (request.idempotencyKey !== undefined) {
      headers.set("Idempotency-Key", request.idempotencyKey);
    }
    // A redirect would carry X-API-Key to wherever it points: never follow one.
    const init: RequestInit = { method: request.method, headers, redirect: "error", cache: "no-store" };
    if (body !== undefined) {
      init.body = body;
    }
    return init;
  }

  async #attempt(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<{ response: Response; body: string }> {
    const controller = new AbortController();
    const onAbort = (): void => {
      controller.abort(signal?.reason);
    };
    if (signal?.aborted) {
      throw signal.reason;
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    const timeout =
      this.#config.timeoutMs > 0
        ? setTimeout(() => {
            controller.abort(new Error(`timed out after ${this.#config.timeoutMs} ms`));
          }, this.#config.timeoutMs)
        : undefined;
    try {
      const response = await this.#config.fetch(url, { ...init, signal: controller.signal });
      const body = await response.text();
      return { response, body };
    } catch (error) {
      throw controller.signal.aborted && !signal?.aborted ? controller.signal.reason : error;
    } finally {
      if (timeout !== undefined) {
        clearTimeout(timeout);
      }
      signal?.removeEventListener("abort", onAbort);
    }
  }

  toString(): string {
    return `Transport(${this.#baseUrl})`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The ApiError of a non-2xx answer: the contract's error body, or a plain one without it. */
function apiError(answer: HttpResponse, retryAfterMs: number | undefined): ApiError {
  const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  try {
    const parsed = JSON.parse(answer.body) as unknown;
    const error = (parsed as { error?: unknown } | null)?.error as
      | { code?: unknown; message?: unknown; request_id?: unknown }
      | undefined;
    if (error !== undefined && typeof error.code === "string" && typeof error.message === "string") {
      const requestId = typeof error.request_id === "string" ? error.request_id : answer.requestId;
      return new ApiError(answer.status, error.code, error.message, requestId, retryAfterSeconds);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(
    answer.status,
    `http_${answer.status}`,
    `HTTP ${answer.status} without an error body`,
    answer.requestId,
    retryAfterSeconds,
  );
}

/** Parses a 2xx JSON body, or throws ResponseFormatError. */
export function jsonBody(answer: HttpResponse): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    throw new ResponseFormatError(`the answer (HTTP ${answer.status}) is not JSON`, {
      status: answer.status,
      requestId: answer.requestId,
    });
  }
}

/** setTimeout as a promise that an AbortSignal ends early (rejecting with its reason). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? ` (${cause.message})` : "";
    return `${error.message}${detail}`;
  }
  return String(error);
}
