/**
 * What the reader sees when something is slow or fails: API errors in plain words with the code
 * and the request id to quote, a progress line while a call runs, and a success line after it.
 */
import { ApiError, InvalidEnvelopeError, NetworkError, QuantaSealError } from "quantaseal";
import { h, replace, type Child } from "./dom.js";

/** Plain words for the service's error codes (docs/api.md, "Errors"). */
const PLAIN: Record<string, string> = {
  invalid_request: "The request was refused as invalid.",
  missing_api_key: "No API key was sent, or it is not of the qs_live_…/qs_test_… form.",
  invalid_api_key: "The API key was not accepted: it is unknown, revoked or expired. Sign in with another key.",
  operation_not_allowed: "This API key is not allowed to do that: it lacks the scope it needs, or the integration does not allow the operation.",
  not_found: "It does not exist (any more), or it belongs to another tenant.",
  idempotency_conflict: "The same request is already being processed, or was sent before with another body.",
  resource_in_use: "It is still in use, so it was not deleted.",
  payload_too_large: "The request is too large.",
  unsupported_media_type: "The request was not sent as JSON.",
  credential_rejected: "Datadog refused this API key (a wrong key, or a key of another site or organisation).",
  rate_limited: "Too many requests: wait a moment and try again.",
  upstream_unreachable: "Datadog could not be reached; nothing was sent. Try again later.",
  key_unavailable: "A key the service needs is unavailable right now; nothing was changed. Try again later.",
  internal_error: "The service failed. Try again; if it keeps failing, quote the request id to support.",
};

export interface Explained {
  readonly text: string;
  readonly detail: string | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
}

export function explain(error: unknown): Explained {
  if (error instanceof ApiError) {
    const plain = PLAIN[error.code];
    const retry = error.retryAfterSeconds === undefined ? "" : ` Try again in ${error.retryAfterSeconds} s.`;
    return {
      text: (plain ?? `The service refused the request (HTTP ${error.status}).`) + retry,
      detail: error.message,
      code: error.code,
      requestId: error.requestId,
    };
  }
  if (error instanceof InvalidEnvelopeError) {
    return {
      text: "The answer's envelope did not verify in this browser (signature, MAC, key or time), so it was not opened.",
      detail: undefined,
      code: error.code,
      requestId: error.requestId,
    };
  }
  if (error instanceof NetworkError) {
    return { text: "The API could not be reached. Check the connection and try again.", detail: error.message, code: error.code, requestId: undefined };
  }
  if (error instanceof QuantaSealError) {
    return { text: error.message, detail: undefined, code: error.code, requestId: error.requestId };
  }
  return { text: error instanceof Error ? error.message : String(error), detail: undefined, code: undefined, requestId: undefined };
}

/** An error box (role=alert): plain words, the service's message, code and request id. */
export function errorBox(error: unknown): HTMLElement {
  const e = explain(error);
  return h(
    "div",
    { class: "notice error", role: "alert" },
    h("p", { class: "notice-text" }, e.text),
    e.detail !== undefined && e.detail !== e.text ? h("p", { class: "notice-detail" }, "The service said: ", e.detail) : null,
    e.code !== undefined || e.requestId !== undefined
      ? h(
          "p",
          { class: "notice-meta" },
          e.code === undefined ? null : ["Code ", h("code", {}, e.code)],
          e.code !== undefined && e.requestId !== undefined ? " · " : null,
          e.requestId === undefined ? null : ["Request id ", h("code", { class: "request-id" }, e.requestId)],
        )
      : null,
  );
}

export function successBox(...children: Child[]): HTMLElement {
  return h("div", { class: "notice success", role: "status" }, ...children);
}

/**
 * A status area for one form or action: `run(label, fn)` shows a progress line (aria-busy,
 * an indeterminate <progress>), disables the buttons given, then shows the outcome or the error.
 */
export class Status {
  readonly element: HTMLElement = h("div", { class: "status", "aria-live": "polite" });

  async run<T>(label: string, fn: () => Promise<T>, controls: readonly (HTMLButtonElement | HTMLInputElement | HTMLSelectElement)[] = []): Promise<T | undefined> {
    replace(this.element, h("p", { class: "progress-line" }, h("progress", { "aria-label": label }), " ", label));
    this.element.setAttribute("aria-busy", "true");
    const was = controls.map((c) => c.disabled);
    controls.forEach((c) => (c.disabled = true));
    try {
      const result = await fn();
      replace(this.element);
      return result;
    } catch (error) {
      replace(this.element, errorBox(error));
      return undefined;
    } finally {
      this.element.removeAttribute("aria-busy");
      controls.forEach((c, i) => (c.disabled = was[i] ?? false));
    }
  }

  show(...children: Child[]): void {
    replace(this.element, ...children);
  }

  clear(): void {
    replace(this.element);
  }
}
