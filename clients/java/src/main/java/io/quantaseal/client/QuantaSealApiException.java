package io.quantaseal.client;

import java.time.Duration;
import java.util.Optional;

/**
 * An error answered by the QuantaSeal API: its HTTP status and the contract's error code, message
 * and request id ({@code {"error":{"code","message","request_id"}}}, docs/openapi.yaml {@code
 * ErrorBody}). Branch on {@link #code()}, never on the message.
 *
 * <p>{@code code} is {@code unexpected_response} when the body was not the contract's error shape.
 * {@link #retryAfter()} is the answer's {@code Retry-After}, when it had one: a 429 whose wait was
 * longer than the client's {@link RetryPolicy#maxRetryAfter()} is thrown with it, not waited for.
 */
public final class QuantaSealApiException extends QuantaSealClientException {
  private static final long serialVersionUID = 1L;

  /** The code given to an error answer whose body is not the contract's error body. */
  public static final String UNEXPECTED_RESPONSE = "unexpected_response";

  /** The HTTP status. */
  private final int status;

  /** The contract's error code. */
  private final String code;

  /** The contract's message. */
  private final String apiMessage;

  /** The request id, or null. */
  private final String requestId;

  /** The answer's Retry-After, or null. */
  private final Duration retryAfter;

  /**
   * An API error.
   *
   * @param status the HTTP status
   * @param code the contract's error code, e.g. {@code not_found}
   * @param message the contract's human sentence (never a secret)
   * @param requestId the request id ({@code req_…}), or null when the answer had none
   * @param retryAfter the answer's {@code Retry-After}, or null
   */
  public QuantaSealApiException(
      int status, String code, String message, String requestId, Duration retryAfter) {
    super(status + " " + code + ": " + message + " (request_id=" + requestId + ")");
    this.status = status;
    this.code = code;
    this.apiMessage = message;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /**
   * The HTTP status of the answer.
   *
   * @return e.g. 404
   */
  public int status() {
    return status;
  }

  /**
   * The contract's error code.
   *
   * @return e.g. {@code operation_not_allowed}, {@code rate_limited}
   */
  public String code() {
    return code;
  }

  /**
   * The contract's message, without the status, code and request id that {@link #getMessage()}
   * adds.
   *
   * @return a human sentence
   */
  public String apiMessage() {
    return apiMessage;
  }

  /**
   * The request id of the failed call, as in the error body and the {@code X-Request-Id} header.
   *
   * @return {@code req_…}, or empty when the answer named none
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * How long the service asked to wait before trying again ({@code Retry-After}).
   *
   * @return the wait, or empty when the answer had no {@code Retry-After}
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Whether the call may succeed if sent again later: 429 and 5xx.
   *
   * @return true for a 429 or a 5xx answer
   */
  public boolean isRetryable() {
    return status == 429 || (status >= 500 && status <= 599);
  }
}
