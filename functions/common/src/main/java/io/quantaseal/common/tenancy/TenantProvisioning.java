package io.quantaseal.common.tenancy;

import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.vault.TenantVaultKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

  private final TenantRepository tenants;
  private final ApiKeyRepository apiKeys;
  private final AuditLog audit;
  private final Keyring keyring;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;

  /**
   * @param keyring wraps each new tenant's vault key seed under the tenant's key (the raw keyring:
   *     nothing here is decrypted)
   */
  public TenantProvisioning(
      TenantRepository tenants,
      ApiKeyRepository apiKeys,
      AuditLog audit,
      Keyring keyring,
      Ids ids,
      SecureRandom random,
      Clock clock) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
    this.audit = audit;
    this.keyring = keyring;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
  }

  /** On the tables of {@code config}: the operator's, the local runner's and the tests' way in. */
  public static TenantProvisioning create(
      DynamoDbClient dynamo,
      QuantaSealConfig config,
      Keyring keyring,
      SecureRandom random,
      Clock clock) {
    Ids ids = new Ids(random);
    return new TenantProvisioning(
        new TenantRepository(dynamo, config.vaultTable()),
        new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable()),
        new AuditLog(dynamo, config.auditTable(), ids, clock),
        keyring,
        ids,
        random,
        clock);
  }

  /** Creates a tenant whose credentials are wrapped under {@code kmsKeyId}. */
  public TenantRecord createTenant(String name, String kmsKeyId, Optional<String> tenantId) {
    String id = tenantId.orElseGet(() -> ids.next(Ids.TENANT));
    MlKemDecapsulationKey vaultKey = MlKem768.generateKeyPair(random);
    byte[] wrapped;
    try (SecretBytes seed = vaultKey.seed()) {
      wrapped = keyring.encrypt(kmsKeyId, seed, TenantVaultKeys.seedContext(id));
    }
    TenantRecord t =
        new TenantRecord(
            id,
            name,
            kmsKeyId,
            vaultKey.encapsulationKey().toBytes(),
            wrapped,
            DEFAULT_ROTATION_POLICY_DAYS,
            clock.instant());
    if (!tenants.create(t)) {
      throw new IllegalStateException("tenant " + id + " already exists");
    }
    audit.record(id, AuditActions.TENANT_CREATE, "operator").target(id).write();
    return t;
  }

  /**
   * Issues an API key with {@code scopes} (each one of {@link Caller#SCOPES}). The tenant's first
   * key also gets {@link Caller#SCOPE_ADMIN}, so that the tenant can manage its own keys from then
   * on (docs/api.md, "Scopes").
   *
   * @throws IllegalArgumentException for an unknown tenant or scope
   */
  public IssuedApiKey issueApiKey(String tenantId, boolean live, Set<String> scopes) {
    tenants
        .find(tenantId)
        .orElseThrow(() -> new IllegalArgumentException("no such tenant " + tenantId));
    Set<String> granted = new TreeSet<>(scopes);
    if (apiKeys.all(tenantId).isEmpty()) {
      granted.add(Caller.SCOPE_ADMIN);
    }
    ApiKeyIssuer.IssuedApiKey issued =
        new ApiKeyIssuer(apiKeys, ids, random, clock)
            .issue(tenantId, live, granted, Optional.empty(), Optional.empty());
    String keyId = issued.apiKeyId();
    audit
        .record(tenantId, AuditActions.API_KEY_CREATE, "operator")
        .target(keyId)
        .detail("scopes", String.join(" ", granted))
        .write();
    return new IssuedApiKey(keyId, issued.apiKey(), issued.scopes());
  }

  public boolean revokeApiKey(String tenantId, String apiKeyId) {
    Instant now = clock.instant();
    boolean done = apiKeys.revoke(tenantId, apiKeyId, now);
    if (done) {
      audit
          .record(tenantId, AuditActions.API_KEY_REVOKE, "operator")
          .target(apiKeyId)
          .securityAlert(AuditActions.ALERT_KEY_REVOKED)
          .write();
    }
    return done;
  }
}
