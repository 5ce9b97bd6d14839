package io.quantaseal.common.api;

/** 413: the request is over the documented limit. */
public final class PayloadTooLargeException extends ApiException {
  private static final long serialVersionUID = 1L;

  public PayloadTooLargeException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 413;
  }

  @Override
  public String code() {
    return "payload_too_large";
  }
}
