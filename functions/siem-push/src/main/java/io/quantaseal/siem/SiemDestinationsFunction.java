package io.quantaseal.siem;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.siem.delivery.DestinationHealth;
import io.quantaseal.siem.delivery.DestinationTester;
import io.quantaseal.siem.delivery.SiemDelivery;
import io.quantaseal.siem.destinations.SiemDestinationRoutes;
import io.quantaseal.siem.destinations.SiemDestinationService;
import io.quantaseal.siem.destinations.SiemDestinations;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SiemDestinationsFunction's composition root: the SIEM destinations, the integrations they name
 * and the vault entries behind those, the test sender (the vault opens a destination's Datadog key
 * for one test item, through the push's Datadog client), idempotency and the audit log, on one
 * DynamoDB client and one keyring (always AWS KMS from {@link #fromEnvironment()}).
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container); tests and the
 * local runner build one with {@link #builder()}.
 */
public final class SiemDestinationsFunction {
  private final Keyring keyring;
  private final ApiGatewayAdapter adapter;

  private SiemDestinationsFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    this.keyring = Objects.requireNonNull(b.keyring, "keyring");
    SiemSettings settings = b.settings != null ? b.settings : SiemSettings.from(config, Map.of());
    DatadogClient datadog = b.datadog != null ? b.datadog : SiemPushFunction.datadogClient(config);
    String table = config.vaultTable();
    Ids ids = new Ids(b.random);
    IntegrationRepository integrations = new IntegrationRepository(dynamo, table);
    VaultEntryRepository entries = new VaultEntryRepository(dynamo, table);
    SiemDestinationRepository repository = new SiemDestinationRepository(dynamo, table);
    AuditLog audit = new AuditLog(dynamo, config.auditTable(), ids, b.clock);
    DestinationTester tester =
        new DestinationTester(
            new SiemDelivery(
                datadog,
                SealingKeys.create(
                        keyring, new TenantRepository(dynamo, table), config, b.random, b.clock)
                    .vault(entries, b.clock)),
            new DestinationHealth(repository, integrations, audit, b.clock),
            settings.env(),
            b.clock);
    SiemDestinationService service =
        new SiemDestinationService(
            new SiemDestinations(repository, integrations, entries),
            tester,
            integrations,
            new IdempotentRequests(dynamo, table, b.clock),
            audit,
            ids,
            b.clock,
            Pagination.create(dynamo, table, keyring, config.serviceKmsKeyId(), b.random, audit));
    this.adapter = new ApiGatewayAdapter(SiemDestinationRoutes.create(service), ids, b.metrics);
  }

  /**
   * From the environment, once per container: the configuration, one DynamoDB client and CloudWatch
   * request metrics.
   */
  public static SiemDestinationsFunction fromEnvironment() {
    QuantaSealConfig config = QuantaSealConfig.fromEnvironment();
    return builder()
        .config(config)
        .settings(SiemSettings.from(config, System.getenv()))
        .dynamoDb(AwsClients.dynamoDb())
        .keyring(new AwsKmsKeyring(AwsClients.kms()))
        .metrics(RequestMetrics.powertools("siem-destinations"))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The function's handler on what this root built. */
  public SiemDestinationsHandler handler() {
    return new SiemDestinationsHandler(adapter);
  }

  ApiGatewayAdapter adapter() {
    return adapter;
  }

  /** The keyring the test sends open a destination's Datadog key with. */
  Keyring keyring() {
    return keyring;
  }

  /**
   * What the function is built on. The clock and randomness default to the system's, metrics to
   * none.
   */
  public static final class Builder {
    private QuantaSealConfig config;
    private DynamoDbClient dynamoDb;
    private Keyring keyring;
    private SiemSettings settings;
    private DatadogClient datadog;
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

    /** The SIEM settings (the {@code env} tag of test items). */
    public Builder settings(SiemSettings settings) {
      this.settings = settings;
      return this;
    }

    /** The Datadog client test items go through. */
    public Builder datadog(DatadogClient datadog) {
      this.datadog = datadog;
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

    public SiemDestinationsFunction build() {
      return new SiemDestinationsFunction(this);
    }
  }
}
