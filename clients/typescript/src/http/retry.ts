/**
 * When and how long to wait before trying a request again (docs/clients.md#the-surface-python-names, retries):
 * exponential backoff with full jitter, or exactly `Retry-After` when the answer names one, up
 * to a cap beyond which the SDK does not wait but reports the error.
 */

export interface RetryOptions {
  /** Attempts in all, the first included (1 turns retries off). Default 3. */
  readonly maxAttempts?: number;
  /** The backoff base: retry n waits a random time in [0, min(maxDelayMs, base · 2^(n−1))). Default 200 ms. */
  readonly baseDelayMs?: number;
  /** The longest backoff of one retry. Default 20 s. */
  readonly maxDelayMs?: number;
  /** The longest `Retry-After` honoured; an answer asking for more is reported, not waited for. Default 20 s. */
  readonly maxRetryAfterMs?: number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 20_000,
});

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options) };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry.${name} must be a non-negative number`);
    }
  }
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError("retry.maxAttempts must be an integer of at least 1");
  }
  return Object.freeze(policy);
}

/** Whether an answer of this status may be tried again: 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** The full-jitter backoff before retry number `retry` (1 for the first retry). */
export function backoffDelayMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined
 * when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null) {
    return undefined;
  }
  const text = value.trim();
  if (/^[0-9]{1,10}$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[A-Za-z]/.test(text)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
}

function definedOnly(options: RetryOptions): Partial<RetryPolicy> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
