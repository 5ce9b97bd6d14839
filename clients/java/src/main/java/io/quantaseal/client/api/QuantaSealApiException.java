package io.quantaseal.client.api;

import io.quantaseal.client.QuantaSealClientException;

/**
 * An error answered by the service: its HTTP status and the contract's error code, message and
 * request id (docs/api.md#errors).
 */
public final class QuantaSealApiException extends QuantaSealClientException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String requestId;

  public QuantaSealApiException(int status, String code, String message, String requestId) {
    super(status + " " + code + ": " + message + " (request " + requestId + ")");
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }

  public int status() {
    return status;
  }

  /** E.g. {@code operation_not_allowed}. */
  public String code() {
    return code;
  }

  public String requestId() {
    return requestId;
  }
}
