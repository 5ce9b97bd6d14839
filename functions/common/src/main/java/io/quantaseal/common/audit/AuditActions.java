package io.quantaseal.common.audit;

/** The audit actions, and which of them are security alerts. */
public final class AuditActions {
  private AuditActions() {}

  public static final String TENANT_CREATE = "tenant.create";
  public static final String API_KEY_CREATE = "api_key.create";
  public static final String API_KEY_REVOKE = "api_key.revoke";
  public static final String AUTH_FAILURE = "auth.failure";
  public static final String VAULT_SEAL = "vault.seal";
  public static final String VAULT_UNSEAL = "vault.unseal";
  public static final String VAULT_ROTATE = "vault.rotate";
  public static final String VAULT_RETIRE_VERSION = "vault.retire_version";
  public static final String VAULT_DELETE = "vault.delete";
  public static final String CLIENT_KEY_REGISTER = "client_key.register";
  public static final String POLICY_DENIED = "policy.denied";
  public static final String INTEGRATION_CREATE = "integration.create";
  public static final String INTEGRATION_UPDATE = "integration.update";
  public static final String INTEGRATION_DELETE = "integration.delete";
  public static final String CREDENTIAL_REJECTED = "integration.credential_rejected";
  public static final String PROXY_CALL = "proxy.call";
  public static final String SIEM_DESTINATION_CREATE = "siem_destination.create";
  public static final String SIEM_DESTINATION_DELETE = "siem_destination.delete";

  /** Alert types carried in {@code security_alert}. */
  public static final String ALERT_AUTH_FAILURE = "auth_failure";

  public static final String ALERT_POLICY_DENIAL = "policy_denial";
  public static final String ALERT_UNSEAL = "credential_unsealed";
  public static final String ALERT_KEY_REVOKED = "api_key_revoked";
  public static final String ALERT_CREDENTIAL_REJECTED = "credential_rejected_upstream";
}
