package io.quantaseal.common.api;

/**
 * 409 {@code last_admin_key}: revoking this key would leave the tenant without an active API key
 * with the {@code admin} scope, so that nobody could manage its keys any more. Create another admin
 * key first (or ask the operator).
 */
public final class LastAdminKeyException extends ApiException {
  private static final long serialVersionUID = 1L;

  public LastAdminKeyException() {
    super(
        "This is the tenant's last active API key with the admin scope; revoking it would leave no"
            + " key that can manage API keys. Create another admin key first, then revoke this"
            + " one.");
  }

  @Override
  public int status() {
    return 409;
  }

  @Override
  public String code() {
    return "last_admin_key";
  }
}
