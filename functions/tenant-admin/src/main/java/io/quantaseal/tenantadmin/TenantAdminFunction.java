package io.quantaseal.tenantadmin;

import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditTrail;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.tenancy.ApiKeyIssuer;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.tenantadmin.apikeys.ApiKeyService;
import io.quantaseal.tenantadmin.audit.AuditReadService;
import java.security.SecureRandom;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * TenantAdminFunction's composition root: every collaborator of its two services, built once per
 * container from the configuration, the DynamoDB client, the keyring (KMS: it wraps only the
 * list-cursor key), randomness and the clock. Nothing else (no Datadog, no tenant KMS keys).
 */
public final class TenantAdminFunction {
  private TenantAdminFunction() {}

  /** The routes of TenantAdminFunction (template.yaml maps the same paths to it). */
  public static ApiRouter routes(
      QuantaSealConfig config,
      DynamoDbClient dynamo,
      Keyring keyring,
      SecureRandom random,
      Clock clock) {
    Ids ids = new Ids(random);
    AuditLog audit = new AuditLog(dynamo, config.auditTable(), ids, clock);
    ApiKeyRepository apiKeys =
        new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable());
    Pagination pagination =
        Pagination.create(
            dynamo, config.vaultTable(), keyring, config.serviceKmsKeyId(), random, audit);
    ApiKeyService keys =
        new ApiKeyService(
            apiKeys,
            new ApiKeyIssuer(apiKeys, ids, random, clock),
            audit,
            new IdempotentRequests(dynamo, config.vaultTable(), clock),
            pagination,
            clock);
    AuditReadService records =
        new AuditReadService(new AuditTrail(dynamo, config.auditTable()), audit, pagination);
    return ApiRouter.builder()
        .route("POST", "/api/v2/api-keys", keys::create)
        .route("GET", "/api/v2/api-keys", keys::list)
        .route("DELETE", "/api/v2/api-keys/{id}", keys::revoke)
        .route("GET", "/api/v2/audit", records::list)
        .build();
  }
}
