package io.quantaseal.common.tenancy;

import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.vault.TenantVaultKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operator actions (never exposed as public endpoints): create a tenant with its vault key under
 * its KMS key, issue API keys (the clear key is returned once, only its hash is stored), revoke
 * them.
 */
public final class TenantProvisioning {
  /** A newly issued key: the only time the clear key exists outside the caller's hands. */
  public record IssuedApiKey(String apiKeyId, String apiKey, Set<String> scopes) {
    @Override
    public String toString() {
      return "IssuedApiKey[" + apiKeyId + ", redacted]";
    }
  }

  public static final int DEFAULT_ROTATION_POLICY_DAYS = 90;

  private final ServiceContext ctx;

  public TenantProvisioning(ServiceContext ctx) {
    this.ctx = ctx;
  }

  /** Creates a tenant whose credentials are wrapped under {@code kmsKeyId}. */
  public TenantRecord createTenant(String name, String kmsKeyId, Optional<String> tenantId) {
    String id = tenantId.orElseGet(() -> ctx.ids().next(Ids.TENANT));
    MlKemDecapsulationKey vaultKey = MlKem768.generateKeyPair(ctx.random());
    byte[] wrapped;
    try (SecretBytes seed = vaultKey.seed()) {
      wrapped = ctx.keyring().encrypt(kmsKeyId, seed, TenantVaultKeys.seedContext(id));
    }
    TenantRecord t =
        new TenantRecord(
            id,
            name,
            kmsKeyId,
            vaultKey.encapsulationKey().toBytes(),
            wrapped,
            DEFAULT_ROTATION_POLICY_DAYS,
            ctx.clock().instant());
    if (!ctx.tenants().create(t)) {
      throw new IllegalStateException("tenant " + id + " already exists");
    }
    ctx.audit().record(id, AuditActions.TENANT_CREATE, "operator").target(id).write();
    return t;
  }

  /**
   * Issues an API key with {@code scopes} (each one of {@link Caller#SCOPES}). The tenant's first
   * key also gets {@link Caller#SCOPE_ADMIN}, so that the tenant can manage its own keys from then
   * on.
   *
   * @throws IllegalArgumentException for an unknown tenant or scope
   */
  public IssuedApiKey issueApiKey(String tenantId, boolean live, Set<String> scopes) {
    ctx.tenants()
        .find(tenantId)
        .orElseThrow(() -> new IllegalArgumentException("no such tenant " + tenantId));
    Set<String> granted = new TreeSet<>(scopes);
    if (ctx.apiKeys().all(tenantId).isEmpty()) {
      granted.add(Caller.SCOPE_ADMIN);
    }
    ApiKeyIssuer.IssuedApiKey issued =
        new ApiKeyIssuer(ctx.apiKeys(), ctx.ids(), ctx.random(), ctx.clock())
            .issue(tenantId, live, granted, Optional.empty(), Optional.empty());
    String keyId = issued.apiKeyId();
    ctx.audit()
        .record(tenantId, AuditActions.API_KEY_CREATE, "operator")
        .target(keyId)
        .detail("scopes", String.join(" ", granted))
        .write();
    return new IssuedApiKey(keyId, issued.apiKey(), issued.scopes());
  }

  public boolean revokeApiKey(String tenantId, String apiKeyId) {
    Instant now = ctx.clock().instant();
    boolean done = ctx.apiKeys().revoke(tenantId, apiKeyId, now);
    if (done) {
      ctx.audit()
          .record(tenantId, AuditActions.API_KEY_REVOKE, "operator")
          .target(apiKeyId)
          .securityAlert(AuditActions.ALERT_KEY_REVOKED)
          .write();
    }
    return done;
  }
}
