package io.quantaseal.siem;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.siem.destinations.SiemDestinationRoutes;
import io.quantaseal.siem.destinations.SiemDestinationService;
import io.quantaseal.siem.destinations.SiemDestinations;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SiemDestinationsFunction's composition root: the SIEM destinations, the integrations they name
 * and the vault entries behind those (read, never opened), idempotency and the audit log, on one
 * DynamoDB client. No keyring: nothing here is decrypted.
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container); tests and the
 * local runner build one with {@link #builder()}.
 */
public final class SiemDestinationsFunction {
  private final ApiGatewayAdapter adapter;

  private SiemDestinationsFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    String table = config.vaultTable();
    Ids ids = new Ids(b.random);
    IntegrationRepository integrations = new IntegrationRepository(dynamo, table);
    SiemDestinationService service =
        new SiemDestinationService(
            new SiemDestinations(
                new SiemDestinationRepository(dynamo, table),
                integrations,
                new VaultEntryRepository(dynamo, table)),
            integrations,
            new IdempotentRequests(dynamo, table, b.clock),
            new AuditLog(dynamo, config.auditTable(), ids, b.clock),
            ids,
            b.clock);
    this.adapter = new ApiGatewayAdapter(SiemDestinationRoutes.create(service), ids, b.metrics);
  }

  /**
   * From the environment, once per container: the configuration, one DynamoDB client and CloudWatch
   * request metrics.
   */
  public static SiemDestinationsFunction fromEnvironment() {
    return builder()
        .config(QuantaSealConfig.fromEnvironment())
        .dynamoDb(AwsClients.dynamoDb())
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

  /**
   * What the function is built on. The clock and randomness default to the system's, metrics to
   * none.
   */
  public static final class Builder {
    private QuantaSealConfig config;
    private DynamoDbClient dynamoDb;
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
