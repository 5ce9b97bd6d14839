package io.quantaseal.common.audit;

/** The audit actions, and which of them are security alerts. */
public final class AuditActions {
  private AuditActions() {}

  public static final String TENANT_CREATE = "tenant.create";
  public static final String API_KEY_CREATE = "api_key.create";
  public static final String API_KEY_REVOKE = "api_key.revoke";
  public static final String API_KEY_LIST = "api_key.list";
  public static final String CLIENT_KEY_REVOKE = "client_key.revoke";
  public static final String CLIENT_KEY_LIST = "client_key.list";
  public static final String AUDIT_READ = "audit.read";

  /** A list's {@code cursor} that did not open for the caller's tenant and list (refused, 400). */
  public static final String LIST_CURSOR_REJECTED = "list.cursor_rejected";

  public static final String AUTH_FAILURE = "auth.failure";
  public static final String VAULT_SEAL = "vault.seal";
  public static final String VAULT_UNSEAL = "vault.unseal";
  public static final String VAULT_ROTATE = "vault.rotate";
  public static final String VAULT_RETIRE_VERSION = "vault.retire_version";
  public static final String VAULT_DELETE = "vault.delete";
  public static final String VAULT_READ = "vault.read";
  public static final String CLIENT_KEY_REGISTER = "client_key.register";
  public static final String POLICY_DENIED = "policy.denied";
  public static final String INTEGRATION_CREATE = "integration.create";
  public static final String INTEGRATION_UPDATE = "integration.update";
  public static final String INTEGRATION_DELETE = "integration.delete";
  public static final String INTEGRATION_READ = "integration.read";
  public static final String CREDENTIAL_REJECTED = "integration.credential_rejected";
  public static final String PROXY_CALL = "proxy.call";
  public static final String SIEM_DESTINATION_CREATE = "siem_destination.create";
  public static final String SIEM_DESTINATION_DELETE = "siem_destination.delete";
  public static final String SIEM_DESTINATION_READ = "siem_destination.read";

  /**
   * {@code reason} of a refused access to an id that names nothing of the caller's tenant (its own
   * deleted ids, another tenant's, made-up ones: the record does not say which).
   */
  public static final String REASON_NOT_FOUND = "not_found";

  /** {@code reason} of a refused {@code rkid}: not a client key the calling API key registered. */
  public static final String REASON_CLIENT_KEY_NOT_USABLE = "client_key_not_usable";

  /** {@code reason} of a request refused because the API key lacks a scope. */
  public static final String REASON_MISSING_SCOPE = "missing_scope";

  /** {@code reason} of a new API key refused because it asks for a scope its creator lacks. */
  public static final String REASON_SCOPE_NOT_HELD = "scope_not_held";

  /** {@code reason} of a refused revocation of the tenant's last active {@code admin} key. */
  public static final String REASON_LAST_ADMIN_KEY = "last_admin_key";

  /**
   * Alert types carried in {@code security_alert}. {@code auth_failure} marks every failed
   * authentication or authorisation that the SIEM push counts towards the auth-failure burst
   * (docs/siem.md): an unknown or revoked API key (action {@code auth.failure}), an id that names
   * nothing of the caller's tenant ({@link #REASON_NOT_FOUND}) and a refused {@code rkid}.
   */
  public static final String ALERT_AUTH_FAILURE = "auth_failure";

  public static final String ALERT_POLICY_DENIAL = "policy_denial";
  public static final String ALERT_UNSEAL = "credential_unsealed";
  public static final String ALERT_KEY_REVOKED = "api_key_revoked";
  public static final String ALERT_CREDENTIAL_REJECTED = "credential_rejected_upstream";
}
