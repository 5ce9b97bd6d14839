package io.quantaseal.operator;

import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.tenancy.RateLimit;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * What an operator can do, as plain methods (the CLI only parses arguments): create the tables,
 * create a tenant under an existing or a new KMS key, issue, list and revoke API keys, rotate the
 * envelope signing key.
 */
public final class OperatorCommands {
  /** Alias prefix of tenant keys; the template's key policy conventions rely on it. */
  public static final String TENANT_KEY_ALIAS_PREFIX = "alias/quantaseal/tenant/";

  private final QuantaSealConfig config;
  private final DynamoDbClient dynamo;
  private final Optional<KmsClient> tenantKeyKms;
  private final Ids ids;
  private final TenantProvisioning provisioning;
  private final ApiKeyRepository apiKeys;
  private final ServerSigningKeys signingKeys;
  private final TenantRepository tenants;

  /**
   * @param keyring wraps tenants' vault keys and the service signing key
   * @param tenantKeyKms creates a KMS key for each new tenant; empty with the local keyring, which
   *     derives a tenant's key from its alias
   */
  public OperatorCommands(
      QuantaSealConfig config,
      DynamoDbClient dynamo,
      Keyring keyring,
      Optional<KmsClient> tenantKeyKms) {
    this.config = config;
    this.dynamo = dynamo;
    this.tenantKeyKms = tenantKeyKms;
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    this.ids = new Ids(random);
    this.provisioning = TenantProvisioning.create(dynamo, config, keyring, random, clock);
    this.apiKeys = new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable());
    this.tenants = new TenantRepository(dynamo, config.vaultTable());
    this.signingKeys =
        SealingKeys.create(
                keyring, new TenantRepository(dynamo, config.vaultTable()), config, random, clock)
            .signingKeys(
                new SigningKeyRepository(dynamo, config.vaultTable()),
                config.serviceKmsKeyId(),
                ids,
                random,
                clock);
  }

  /**
   * Sets a tenant's own rate limit (docs/deploy.md, "Per-tenant rate limits"), kept on its record:
   * the local gateway throttles the tenant's usage key by it at once.
   *
   * @throws IllegalArgumentException if there is no such tenant
   */
  public void setRateLimit(String tenantId, RateLimit limit) {
    if (!tenants.setRateLimit(tenantId, limit)) {
      throw new IllegalArgumentException("no such tenant: " + tenantId);
    }
  }

  public void createTables() {
    TableDefinitions.createMissing(dynamo, config);
  }

  /**
   * Creates a tenant. With no {@code kmsKeyId}, creates a symmetric KMS key for it (tagged and
   * aliased {@value #TENANT_KEY_ALIAS_PREFIX}&lt;tenant id&gt;); with the local keyring (local
   * runs) the key is that alias alone, which the local keyring derives a key for.
   */
  public TenantRecord createTenant(String name, Optional<String> kmsKeyId) {
    return createTenant(name, kmsKeyId, ids.next(Ids.TENANT));
  }

  /** {@link #createTenant(String, Optional)} under a given tenant id (local sample fixtures). */
  public TenantRecord createTenant(String name, Optional<String> kmsKeyId, String tenantId) {
    if (kmsKeyId.isEmpty() && tenantKeyKms.isEmpty()) {
      kmsKeyId = Optional.of(TENANT_KEY_ALIAS_PREFIX + tenantId);
    }
    String keyId =
        kmsKeyId.orElseGet(
            () -> {
              String id =
                  tenantKeyKms
                      .get()
                      .createKey(
                          r ->
                              r.description("QuantaSeal tenant " + tenantId + " (" + name + ")")
                                  .keySpec(KeySpec.SYMMETRIC_DEFAULT)
                                  .keyUsage(KeyUsageType.ENCRYPT_DECRYPT)
                                  .tags(
                                      Tag.builder()
                                          .tagKey("quantaseal:tenant")
                                          .tagValue(tenantId)
                                          .build()))
                      .keyMetadata()
                      .arn();
              tenantKeyKms
                  .get()
                  .createAlias(
                      r -> r.aliasName(TENANT_KEY_ALIAS_PREFIX + tenantId).targetKeyId(id));
              return id;
            });
    return provisioning.createTenant(name, keyId, Optional.of(tenantId));
  }

  public TenantProvisioning.IssuedApiKey issueApiKey(
      String tenantId, boolean live, Set<String> scopes) {
    return provisioning.issueApiKey(tenantId, live, scopes);
  }

  public boolean revokeApiKey(String tenantId, String apiKeyId) {
    return provisioning.revokeApiKey(tenantId, apiKeyId);
  }

  /**
   * Rotates the service's ML-DSA-65 envelope signing key: the new key signs every envelope from now
   * on, in every container; the old one is retiring (still listed, so envelopes it signed verify
   * until they are past their skew), then retired (docs/vault.md, "Server signing keys").
   */
  public SigningKeyRecord rotateSigningKey() {
    return signingKeys.rotate();
  }

  /** Every signing key with its status, retired ones included. */
  public List<ServerSigningKeys.Published> signingKeys() {
    return signingKeys.published(true);
  }

  public List<Map<String, Object>> listApiKeys(String tenantId) {
    return apiKeys.listForTenant(tenantId);
  }
}
