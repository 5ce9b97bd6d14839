/**
 * Calls of the API that the TypeScript SDK does not wrap yet (API keys, audit, SIEM status and
 * test push): the same origin, `X-API-Key` as the only credential (no cookie: `credentials:
 * "omit"`), no caching, and the service's error shape turned into the SDK's `ApiError`.
 */
import { ApiError, NetworkError } from "quantaseal";

export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export class RawApi {
  readonly #baseUrl: string;
  readonly #apiKey: string;

  constructor(baseUrl: string, apiKey: string) {
    this.#baseUrl = baseUrl.replace(/\/+$/, "");
    this.#apiKey = apiKey;
  }

  async send(method: string, path: string, options: { body?: unknown; accept?: string; query?: Record<string, string | undefined> } = {}): Promise<RawAnswer> {
    const url = new URL(this.#baseUrl + path);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined && v !== "") {
        url.searchParams.set(k, v);
      }
    }
    const headers: Record<string, string> = { "X-API-Key": this.#apiKey, Accept: options.accept ?? "application/json" };
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: "omit",
        cache: "no-store",
        redirect: "error",
        referrerPolicy: "no-referrer",
      });
    } catch (cause) {
      throw new NetworkError(`${method} ${path} failed: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
    }
    const text = await response.text();
    if (!response.ok) {
      throw toApiError(response, text);
    }
    return { status: response.status, headers: response.headers, text };
  }

  async json<T = Record<string, unknown>>(method: string, path: string, options: { body?: unknown; query?: Record<string, string | undefined> } = {}): Promise<T> {
    const answer = await this.send(method, path, options);
    return (answer.text === "" ? {} : JSON.parse(answer.text)) as T;
  }
}

function toApiError(response: Response, text: string): ApiError {
  let code = "http_" + String(response.status);
  let message = response.statusText;
  let requestId = response.headers.get("X-Request-Id") ?? undefined;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; request_id?: unknown } };
    if (typeof body.error?.code === "string") code = body.error.code;
    if (typeof body.error?.message === "string") message = body.error.message;
    if (typeof body.error?.request_id === "string") requestId = body.error.request_id;
  } catch {
    // not the service's error shape: keep the HTTP status
  }
  if (requestId === undefined) {
    const amzn = response.headers.get("x-amzn-RequestId");
    requestId = amzn === null ? undefined : `req_${amzn}`;
  }
  const retry = Number(response.headers.get("Retry-After") ?? "");
  return new ApiError(response.status, code, message, requestId, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}
