package io.quantaseal.common.api;

/**
 * 400: malformed JSON, a missing or mistyped field, an unknown credential type, site or operation.
 */
public final class InvalidRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 400;
  }

  @Override
  public String code() {
    return "invalid_request";
  }
}
