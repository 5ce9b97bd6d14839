package io.quantaseal.siem;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.siem.delivery.DeadLetterQueue;
import io.quantaseal.siem.delivery.DeliveryStats;
import io.quantaseal.siem.delivery.DestinationHealth;
import io.quantaseal.siem.delivery.DestinationSender;
import io.quantaseal.siem.delivery.DlqReplayer;
import io.quantaseal.siem.delivery.SiemDelivery;
import io.quantaseal.siem.destinations.SiemDestinations;
import io.quantaseal.siem.metrics.AuditTrail;
import io.quantaseal.siem.metrics.MetricsPushService;
import io.quantaseal.siem.metrics.MetricsPushState;
import io.quantaseal.siem.stream.AuditStreamService;
import io.quantaseal.siem.stream.AuthFailureBursts;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SiemPushFunction's composition root: the destinations, the vault (to open each destination's
 * Datadog key), the Datadog delivery, the dead-letter queue on SQS and the three services (metrics
 * push, audit stream, replay), on one DynamoDB client, one SQS client and one keyring.
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container): the keyring is
 * always AWS KMS. Tests, the local runner and the operator's {@code replay-dlq} build one with
 * {@link #builder()}.
 */
public final class SiemPushFunction {
  private final Keyring keyring;
  private final SiemSettings settings;
  private final SiemDestinations destinations;
  private final DeadLetterQueue dlq;
  private final MetricsPushService metrics;
  private final AuditStreamService stream;
  private final DlqReplayer replayer;
  private final MetricsPushState state;
  private final AuthFailureBursts bursts;

  private SiemPushFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    this.keyring = Objects.requireNonNull(b.keyring, "keyring");
    SqsClient sqs = Objects.requireNonNull(b.sqs, "sqs");
    this.settings = b.settings != null ? b.settings : SiemSettings.from(config, Map.of());
    DatadogClient datadog = b.datadog != null ? b.datadog : datadogClient(config);
    String table = config.vaultTable();
    Ids ids = new Ids(b.random);
    Clock clock = b.clock;
    TenantRepository tenants = new TenantRepository(dynamo, table);
    VaultEntryRepository entries = new VaultEntryRepository(dynamo, table);
    IntegrationRepository integrations = new IntegrationRepository(dynamo, table);
    AuditLog audit = new AuditLog(dynamo, config.auditTable(), ids, clock);
    this.destinations =
        new SiemDestinations(new SiemDestinationRepository(dynamo, table), integrations, entries);
    DeliveryStats stats = new DeliveryStats(destinations.repository(), clock);
    this.dlq = new DeadLetterQueue(sqs, config.siemDlqUrl(), stats);
    DestinationHealth health =
        new DestinationHealth(destinations.repository(), integrations, audit, clock);
    SiemDelivery delivery =
        new SiemDelivery(
            datadog,
            SealingKeys.create(keyring, tenants, config, b.random, clock).vault(entries, clock));
    DestinationSender sender = new DestinationSender(delivery, health, stats, settings);
    this.state = new MetricsPushState(dynamo, table);
    this.bursts = new AuthFailureBursts(dynamo, table);
    this.metrics =
        new MetricsPushService(
            tenants,
            destinations,
            entries,
            integrations,
            audit,
            new AuditTrail(dynamo, config.auditTable()),
            state,
            delivery,
            health,
            stats,
            settings,
            clock,
            ids);
    this.stream = new AuditStreamService(destinations, sender, bursts, dlq, settings, clock);
    this.replayer = new DlqReplayer(dlq, destinations, sender, settings, clock);
  }

  /**
   * From the environment, once per container: the configuration and SIEM settings, one DynamoDB and
   * one SQS client, AWS KMS as the keyring, and the push's Datadog client.
   */
  public static SiemPushFunction fromEnvironment() {
    QuantaSealConfig config = QuantaSealConfig.fromEnvironment();
    return builder()
        .config(config)
        .settings(SiemSettings.from(config, System.getenv()))
        .dynamoDb(AwsClients.dynamoDb())
        .sqs(SqsClients.fromEnvironment())
        .keyring(new AwsKmsKeyring(AwsClients.kms()))
        .build();
  }

  /** The shared client as the push uses it: shorter attempts than the proxy's (batches retry). */
  public static DatadogClient datadogClient(QuantaSealConfig config) {
    return DatadogClient.builder()
        .baseUrlOverride(config.datadogBaseUrlOverride().map(URI::create))
        .attemptTimeout(Duration.ofSeconds(5))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The function's handler on what this root built. */
  public SiemPushHandler handler() {
    return new SiemPushHandler(this);
  }

  /** The dead-letter queue (not configured when QS_SIEM_DLQ_URL is not set). */
  public DeadLetterQueue deadLetterQueue() {
    return dlq;
  }

  /** Redelivers what the dead-letter queue holds (the operator's {@code replay-dlq}). */
  public DlqReplayer replayer() {
    return replayer;
  }

  Keyring keyring() {
    return keyring;
  }

  SiemSettings settings() {
    return settings;
  }

  SiemDestinations destinations() {
    return destinations;
  }

  MetricsPushState metricsState() {
    return state;
  }

  AuthFailureBursts bursts() {
    return bursts;
  }

  MetricsPushService metrics() {
    return metrics;
  }

  AuditStreamService auditStream() {
    return stream;
  }

  /**
   * What the function is built on. The clock and randomness default to the system's, the settings
   * to the stage's defaults, the Datadog client to {@link #datadogClient}.
   */
  public static final class Builder {
    private QuantaSealConfig config;
    private SiemSettings settings;
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;
    private Keyring keyring;
    private DatadogClient datadog;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    public Builder config(QuantaSealConfig config) {
      this.config = config;
      return this;
    }

    public Builder settings(SiemSettings settings) {
      this.settings = settings;
      return this;
    }

    public Builder dynamoDb(DynamoDbClient dynamoDb) {
      this.dynamoDb = dynamoDb;
      return this;
    }

    /** The dead-letter queue's client. */
    public Builder sqs(SqsClient sqs) {
      this.sqs = sqs;
      return this;
    }

    /** AWS KMS when deployed; a test's, the local runner's or the operator's keyring otherwise. */
    public Builder keyring(Keyring keyring) {
      this.keyring = keyring;
      return this;
    }

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

    public SiemPushFunction build() {
      return new SiemPushFunction(this);
    }
  }
}
