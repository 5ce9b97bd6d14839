package io.quantaseal.tenantadmin;

import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditTrail;
import io.quantaseal.common.audit.CheckpointRepository;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.tenancy.ApiKeyIssuer;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.tenantadmin.apikeys.ApiKeyService;
import io.quantaseal.tenantadmin.audit.AuditReadService;
import io.quantaseal.tenantadmin.audit.CheckpointReadService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * TenantAdminFunction's composition root: the tenant's API keys ({@link ApiKeyService}), audit
 * reads ({@link AuditReadService}) and audit checkpoints ({@link CheckpointReadService}) on one
 * DynamoDB client. The keyring wraps only the list-cursor key (no tenant key, no vault, no Datadog:
 * this function never opens a credential).
 *
 * <p>Why a function of its own (docs/api.md, "API keys"): managing keys and reading the audit trail
 * need write access to the API-keys table and read access to the audit table, which no other API
 * function has; the authorizer stays read-mostly and the vault functions never touch key hashes.
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container): the keyring is
 * always AWS KMS. Tests and the local runner build one with {@link #builder()}.
 */
public final class TenantAdminFunction {
  private final ApiGatewayAdapter adapter;

  private TenantAdminFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    Keyring keyring = Objects.requireNonNull(b.keyring, "keyring");
    Ids ids = new Ids(b.random);
    AuditLog audit = new AuditLog(dynamo, config.auditTable(), ids, b.clock);
    ApiKeyRepository apiKeys =
        new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable());
    Pagination pagination =
        Pagination.create(
            dynamo, config.vaultTable(), keyring, config.serviceKmsKeyId(), b.random, audit);
    ApiKeyService keys =
        new ApiKeyService(
            apiKeys,
            new ApiKeyIssuer(apiKeys, ids, b.random, b.clock),
            audit,
            new IdempotentRequests(dynamo, config.vaultTable(), b.clock),
            pagination,
            b.clock);
    AuditReadService records =
        new AuditReadService(new AuditTrail(dynamo, config.auditTable()), audit, pagination);
    CheckpointReadService checkpoints =
        new CheckpointReadService(
            new CheckpointRepository(dynamo, config.auditTable()), audit, pagination);
    this.adapter = new ApiGatewayAdapter(routes(keys, records, checkpoints), ids, b.metrics);
  }

  /** The routes TenantAdminFunction serves (template.yaml maps the same paths to it). */
  static ApiRouter routes(
      ApiKeyService keys, AuditReadService records, CheckpointReadService checkpoints) {
    return ApiRouter.builder()
        .route("POST", "/api/v2/api-keys", keys::create)
        .route("GET", "/api/v2/api-keys", keys::list)
        .route("GET", "/api/v2/api-keys/current", keys::current)
        .route("DELETE", "/api/v2/api-keys/{id}", keys::revoke)
        .route("GET", "/api/v2/audit", records::list)
        .route("GET", "/api/v2/audit/checkpoints", checkpoints::list)
        .build();
  }

  /**
   * From the environment, once per container: the configuration, one DynamoDB client, AWS KMS as
   * the keyring and CloudWatch request metrics.
   */
  public static TenantAdminFunction fromEnvironment() {
    return builder()
        .config(QuantaSealConfig.fromEnvironment())
        .dynamoDb(AwsClients.dynamoDb())
        .keyring(new AwsKmsKeyring(AwsClients.kms()))
        .metrics(RequestMetrics.powertools("tenant-admin"))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The function's handler on what this root built. */
  public TenantAdminHandler handler() {
    return new TenantAdminHandler(adapter);
  }

  ApiGatewayAdapter adapter() {
    return adapter;
  }

  /**
   * What the function is built on. The clock and randomness default to the system's, metrics to
   * none.
   */
  public static final class Builder {
    private QuantaSealConfig config;
    private DynamoDbClient dynamoDb;
    private Keyring keyring;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private RequestMetrics metrics = RequestMetrics.NONE;

    private Builder() {}

    public Builder config(QuantaSealConfig config) {
      this.config = config;
      return this;
    }

    public Builder dynamoDb(DynamoDbClient dynamoDb) {
      this.dynamoDb = dynamoDb;
      return this;
    }

    /** AWS KMS when deployed; a test's or the local runner's keyring otherwise. */
    public Builder keyring(Keyring keyring) {
      this.keyring = keyring;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    public Builder metrics(RequestMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics);
      return this;
    }

    public TenantAdminFunction build() {
      return new TenantAdminFunction(this);
    }
  }
}
