package io.quantaseal.common.api;

/** 401: no API key, or one that is not of the form {@code qs_live_…}/{@code qs_test_…}. */
public final class MissingApiKeyException extends ApiException {
  private static final long serialVersionUID = 1L;

  public MissingApiKeyException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 401;
  }

  @Override
  public String code() {
    return "missing_api_key";
  }
}
