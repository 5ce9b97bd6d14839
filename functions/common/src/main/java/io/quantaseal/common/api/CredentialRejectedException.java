package io.quantaseal.common.api;

/** 422: Datadog refused the sealed key while an integration was validated. */
public final class CredentialRejectedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public CredentialRejectedException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 422;
  }

  @Override
  public String code() {
    return "credential_rejected";
  }
}
