package io.quantaseal.common.api;

/** 404: no such entry or integration for this tenant (another tenant's ids also give 404). */
public final class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 404;
  }

  @Override
  public String code() {
    return "not_found";
  }
}
