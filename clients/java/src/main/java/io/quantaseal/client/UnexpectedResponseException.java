package io.quantaseal.client;

import java.util.Optional;

/**
 * A 2xx answer whose body is not what docs/openapi.yaml describes (not JSON, a required member
 * missing or of the wrong type). Unknown members are never a reason: they are ignored.
 */
public final class UnexpectedResponseException extends QuantaSealClientException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int status;

  /** The request id, or null. */
  private final String requestId;

  /**
   * An unexpected answer.
   *
   * @param message what is wrong with it (never its content)
   * @param status its HTTP status
   * @param requestId its {@code X-Request-Id}, or null
   */
  public UnexpectedResponseException(String message, int status, String requestId) {
    super(message + " (status=" + status + ", request_id=" + requestId + ")");
    this.status = status;
    this.requestId = requestId;
  }

  /**
   * The HTTP status of the answer.
   *
   * @return e.g. 200
   */
  public int status() {
    return status;
  }

  /**
   * The answer's {@code X-Request-Id}.
   *
   * @return the request id, or empty when the answer had none
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
