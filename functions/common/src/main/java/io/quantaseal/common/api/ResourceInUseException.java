package io.quantaseal.common.api;

/**
 * 409: the credential is still used by an integration; delete with {@code ?force=true} to override.
 */
public final class ResourceInUseException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ResourceInUseException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String code() {
    return "resource_in_use";
  }
}
