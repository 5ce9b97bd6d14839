/**
 * The one error hierarchy of the SDK. Everything the SDK throws on purpose is a
 * {@link QuantaSealError}; each subclass has its own `name` and `code`, so callers can branch on
 * `instanceof` or on `error.code`, as with the AWS SDK for JavaScript v3.
 *
 * ```text
 * QuantaSealError                  code, status?, requestId?
 * ├── ApiError                     the service's error body: status, code, message, requestId
 * ├── InvalidEnvelopeError         an envelope that does not open ("invalid envelope", nothing more)
 * ├── NetworkError                 no HTTP answer (connection failed, timed out) after the retries
 * ├── ResponseFormatError          a 2xx answer that is not of the documented shape
 * ├── ClientKeyFormatError         a quantaseal-client-key/v1 document that cannot be read
 * └── ConfigurationError           a missing base URL, API key or client key; a bad argument
 * ```
 *
 * No message ever contains a secret (API key, seed, MAC key, credential value, plaintext).
 */

/** The error codes of the service's error table (docs/openapi.yaml, `ErrorCode`). */
export type ServiceErrorCode =
  | "invalid_request"
  | "missing_api_key"
  | "invalid_api_key"
  | "operation_not_allowed"
  | "not_found"
  | "idempotency_conflict"
  | "resource_in_use"
  | "payload_too_large"
  | "unsupported_media_type"
  | "credential_rejected"
  | "rate_limited"
  | "upstream_unreachable"
  | "key_unavailable"
  | "internal_error";

interface ErrorDetails {
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
  readonly cause?: unknown;
}

/** The base of every error the SDK throws. */
export class QuantaSealError extends Error {
  /** A stable, machine-readable code (the service's code for {@link ApiError}). */
  readonly code: string;
  /** The HTTP status, when the error came with an HTTP answer. */
  readonly status: number | undefined;
  /** The request id (`X-Request-Id`, `req_…`), when there was an answer. Quote it to support. */
  readonly requestId: string | undefined;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = details.status;
    this.requestId = details.requestId;
  }
}

/** An error answer of the service: `{"error":{"code","message","request_id"}}` and its status. */
export class ApiError extends QuantaSealError {
  declare readonly status: number;
  /** `Retry-After` of the answer in seconds (429 and some 5xx), when present. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ServiceErrorCode | (string & {}),
    message: string,
    requestId: string | undefined,
    retryAfterSeconds?: number,
  ) {
    super(code, message, { status, requestId });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * An envelope that does not open: bad syntax, a wrong length, an unknown key id, a bad signature
 * or MAC, a stale `iat`, a request-binding mismatch or a failed decryption all look the same.
 */
export class InvalidEnvelopeError extends QuantaSealError {
  constructor(details: { status?: number; requestId?: string } = {}) {
    super("invalid_envelope", "invalid envelope", details);
  }
}

/** No HTTP answer: the connection failed or an attempt timed out, after every allowed retry. */
export class NetworkError extends QuantaSealError {
  constructor(message: string, cause?: unknown) {
    super("network_error", message, { cause });
  }
}

/** An answer of the service that is not what docs/openapi.yaml documents. */
export class ResponseFormatError extends QuantaSealError {
  constructor(message: string, details: ErrorDetails = {}) {
    super("invalid_response", message, details);
  }
}

/** A client-key document (quantaseal-client-key/v1) that is malformed; says which member. */
export class ClientKeyFormatError extends QuantaSealError {
  constructor(message: string, cause?: unknown) {
    super("invalid_client_key", message, { cause });
  }
}

/** The SDK was asked for something it cannot do as configured, or given a bad argument. */
export class ConfigurationError extends QuantaSealError {
  constructor(message: string) {
    super("invalid_configuration", message);
  }
}
