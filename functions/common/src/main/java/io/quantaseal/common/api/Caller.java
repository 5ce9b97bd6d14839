package io.quantaseal.common.api;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the authorizer established it: the tenant, the API key's id (never the key)
 * and the key's scopes.
 */
public final class Caller {
  /** Scope that allows {@code POST /api/v2/vault/unseal}; keys do not have it by default. */
  public static final String SCOPE_VAULT_UNSEAL = "vault:unseal";

  /**
   * Scope that allows {@code POST /api/v2/encryption/client-keys}: registering the client keys that
   * this API key's envelopes (unseal, proxy) are sealed to. Keys do not have it by default.
   */
  public static final String SCOPE_CLIENT_KEYS_MANAGE = "client_keys:manage";

  /**
   * Scope that allows managing the tenant's API keys ({@code /api/v2/api-keys}), revoking any of
   * its client keys and reading its audit trail ({@code GET /api/v2/audit}). The first key the
   * operator issues for a tenant has it.
   */
  public static final String SCOPE_ADMIN = "admin";

  /** Every scope an API key can be given (docs/api.md, "Scopes"). */
  public static final Set<String> SCOPES =
      Set.of(SCOPE_VAULT_UNSEAL, SCOPE_CLIENT_KEYS_MANAGE, SCOPE_ADMIN);

  private final String tenantId;
  private final String apiKeyId;
  private final Set<String> scopes;

  public Caller(String tenantId, String apiKeyId, Set<String> scopes) {
    this.tenantId = Objects.requireNonNull(tenantId);
    this.apiKeyId = Objects.requireNonNull(apiKeyId);
    this.scopes = Set.copyOf(scopes);
  }

  public String tenantId() {
    return tenantId;
  }

  public String apiKeyId() {
    return apiKeyId;
  }

  public Set<String> scopes() {
    return scopes;
  }

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }

  @Override
  public String toString() {
    return "Caller[tenant=" + tenantId + ", key=" + apiKeyId + "]";
  }
}
