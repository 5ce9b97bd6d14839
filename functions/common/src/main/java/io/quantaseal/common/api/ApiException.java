package io.quantaseal.common.api;

import java.util.Map;

/**
 * Root of every error the service answers on purpose (docs/api.md#errors). Each subclass fixes the
 * HTTP status and the machine-readable code; the message is a human sentence that never contains a
 * secret or another tenant's data. {@link ApiErrorMapper} turns these into responses; anything else
 * becomes a generic 500.
 */
public abstract class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected ApiException(String message) {
    super(message, null, false, false);
  }

  /** The HTTP status. */
  public abstract int status();

  /** The contract's error code, e.g. {@code operation_not_allowed}. */
  public abstract String code();

  /** Extra response headers (e.g. Retry-After). */
  public Map<String, String> headers() {
    return Map.of();
  }
}
