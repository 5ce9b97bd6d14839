package io.quantaseal.common.api;

/** 415: a request body that is not {@code application/json} (UTF-8). */
public final class UnsupportedMediaTypeException extends ApiException {
  private static final long serialVersionUID = 1L;

  public UnsupportedMediaTypeException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 415;
  }

  @Override
  public String code() {
    return "unsupported_media_type";
  }
}
