package io.quantaseal.operator;

import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.ServerSigningKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  private final ServiceContext ctx;
  private final KmsClient kms;
  private final TenantProvisioning provisioning;

  public OperatorCommands(ServiceContext ctx, KmsClient kms) {
    this.ctx = ctx;
    this.kms = kms;
    this.provisioning =
        TenantProvisioning.create(
            ctx.dynamo(), ctx.config(), ctx.keyring(), ctx.random(), ctx.clock());
  }

  public void createTables() {
    TableDefinitions.createMissing(ctx.dynamo(), ctx.config());
  }

  /**
   * Creates a tenant. With no {@code kmsKeyId}, creates a symmetric KMS key for it (tagged and
   * aliased {@value #TENANT_KEY_ALIAS_PREFIX}&lt;tenant id&gt;); with the local keyring (local
   * runs) the key is that alias alone, which the local keyring derives a key for.
   */
  public TenantRecord createTenant(String name, Optional<String> kmsKeyId) {
    return createTenant(name, kmsKeyId, ctx.ids().next(io.quantaseal.common.ids.Ids.TENANT));
  }

  /** {@link #createTenant(String, Optional)} under a given tenant id (local sample fixtures). */
  public TenantRecord createTenant(String name, Optional<String> kmsKeyId, String tenantId) {
    if (kmsKeyId.isEmpty() && "local".equals(ctx.config().keyring())) {
      kmsKeyId = Optional.of(TENANT_KEY_ALIAS_PREFIX + tenantId);
    }
    String keyId =
        kmsKeyId.orElseGet(
            () -> {
              String id =
                  kms.createKey(
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
              kms.createAlias(r -> r.aliasName(TENANT_KEY_ALIAS_PREFIX + tenantId).targetKeyId(id));
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
    return ctx.signingKeys().rotate();
  }

  /** Every signing key with its status, retired ones included. */
  public List<ServerSigningKeys.Published> signingKeys() {
    return ctx.signingKeys().published(true);
  }

  public List<Map<String, Object>> listApiKeys(String tenantId) {
    return ctx.apiKeys().listForTenant(tenantId);
  }
}
