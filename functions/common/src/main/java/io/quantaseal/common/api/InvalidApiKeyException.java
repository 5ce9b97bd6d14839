package io.quantaseal.common.api;

/** 403: an unknown or revoked API key. */
public final class InvalidApiKeyException extends ApiException {
  private static final long serialVersionUID = 1L;

  public InvalidApiKeyException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 403;
  }

  @Override
  public String code() {
    return "invalid_api_key";
  }
}
