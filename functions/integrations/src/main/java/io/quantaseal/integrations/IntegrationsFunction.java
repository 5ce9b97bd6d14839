package io.quantaseal.integrations;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.common.lambda.TimeBoundedApi;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.datadog.DatadogClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * IntegrationsFunction's composition root: the integrations table, the vault (to open a key and
 * validate it with Datadog), the SIEM destinations (an integration in use is not deleted), the
 * Datadog client, idempotency and the audit log. No envelope issuer: its answers are plain JSON.
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container): the keyring is
 * always AWS KMS. Tests and the local runner build one with {@link #builder()}.
 */
public final class IntegrationsFunction {
  private final Keyring keyring;
  private final TimeBoundedApi api;

  private IntegrationsFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    this.keyring = Objects.requireNonNull(b.keyring, "keyring");
    String table = config.vaultTable();
    Ids ids = new Ids(b.random);
    VaultEntryRepository entries = new VaultEntryRepository(dynamo, table);
    SealingKeys keys =
        SealingKeys.create(keyring, new TenantRepository(dynamo, table), config, b.random, b.clock);
    AuditLog audit = new AuditLog(dynamo, config.auditTable(), ids, b.clock);
    IntegrationsService service =
        new IntegrationsService(
            new IntegrationRepository(dynamo, table),
            entries,
            keys.vault(entries, b.clock),
            new SiemDestinationRepository(dynamo, table),
            b.datadog != null ? b.datadog : DatadogClient.fromConfig(config),
            new IdempotentRequests(dynamo, table, b.clock),
            audit,
            ids,
            b.clock,
            Pagination.create(dynamo, table, keyring, config.serviceKmsKeyId(), b.random, audit));
    this.api =
        new TimeBoundedApi(
            deadline -> IntegrationsRoutes.create(service, deadline),
            ids,
            b.upstreamMargin,
            IntegrationsHandler.MAX_UPSTREAM_TIME,
            b.metrics);
  }

  /**
   * From the environment, once per container: the configuration, one DynamoDB client, AWS KMS as
   * the keyring, the Datadog client and CloudWatch request metrics.
   */
  public static IntegrationsFunction fromEnvironment() {
    return builder()
        .config(QuantaSealConfig.fromEnvironment())
        .dynamoDb(AwsClients.dynamoDb())
        .keyring(new AwsKmsKeyring(AwsClients.kms()))
        .metrics(RequestMetrics.powertools("integrations"))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The function's handler on what this root built. */
  public IntegrationsHandler handler() {
    return new IntegrationsHandler(api);
  }

  TimeBoundedApi api() {
    return api;
  }

  /** The keyring everything here opens credentials with. */
  Keyring keyring() {
    return keyring;
  }

  /**
   * What the function is built on. The clock and randomness default to the system's, the Datadog
   * client to the configuration's, the margin to {@link Deadline#DEFAULT_MARGIN}, metrics to none.
   */
  public static final class Builder {
    private QuantaSealConfig config;
    private DynamoDbClient dynamoDb;
    private Keyring keyring;
    private DatadogClient datadog;
    private Duration upstreamMargin = Deadline.DEFAULT_MARGIN;
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

    /** The Datadog client (a test's: fast sleeper, a fake Datadog's URL). */
    public Builder datadog(DatadogClient datadog) {
      this.datadog = datadog;
      return this;
    }

    /** Kept back from the invocation's remaining time after the Datadog call. */
    public Builder upstreamMargin(Duration margin) {
      this.upstreamMargin = Objects.requireNonNull(margin);
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

    public IntegrationsFunction build() {
      return new IntegrationsFunction(this);
    }
  }
}
