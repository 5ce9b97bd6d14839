package io.quantaseal.common.api;

/**
 * 409: an {@code Idempotency-Key} reused with a different body (or while its first request is still
 * running).
 */
public final class IdempotencyConflictException extends ApiException {
  private static final long serialVersionUID = 1L;

  public IdempotencyConflictException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String code() {
    return "idempotency_conflict";
  }
}
