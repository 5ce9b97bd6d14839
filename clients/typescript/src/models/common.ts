/** Options every operation takes. */
export interface RequestOptions {
  /** Cancels the call (and any wait between retries); the call rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** Options of the POSTs that accept an Idempotency-Key. */
export interface IdempotentRequestOptions extends RequestOptions {
  /**
   * 1–255 printable ASCII characters. A POST with a key is retried on 429/5xx and the service
   * answers a repeat with the first answer. `vault.seal`, `vault.unseal` and `proxy.outbound`
   * make one when none is given; other POSTs are retried only when given one.
   */
  readonly idempotencyKey?: string;
}

/** What every answer carries besides its body (as the AWS SDK's `$metadata`). */
export interface ResponseMetadata {
  /** `X-Request-Id`: quote it to support. */
  readonly requestId: string | undefined;
  readonly httpStatus: number;
  /** How many attempts the SDK made. */
  readonly attempts: number;
  /** The service replayed the stored answer of an earlier request with the same Idempotency-Key. */
  readonly idempotentReplayed: boolean;
}
