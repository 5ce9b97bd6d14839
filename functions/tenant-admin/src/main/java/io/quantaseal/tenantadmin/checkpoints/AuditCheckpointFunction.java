package io.quantaseal.tenantadmin.checkpoints;

import io.quantaseal.common.audit.CheckpointRepository;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AuditCheckpointFunction's composition root (docs/audit.md, "Writing checkpoints"): the tenants,
 * the audit table (records read, checkpoints written) and the service's signing keys, whose seed
 * the keyring decrypts once per container. No API, no tenant key, no Datadog.
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container; the keyring is
 * always AWS KMS). Tests and the local runner build one with {@link #builder()}.
 */
public final class AuditCheckpointFunction {
  /** Seconds per period (default 60). */
  public static final String PERIOD_SECONDS = "QS_AUDIT_CHECKPOINT_PERIOD_SECONDS";

  /** Seconds a period must have been closed before it is signed (default 120). */
  public static final String LAG_SECONDS = "QS_AUDIT_CHECKPOINT_LAG_SECONDS";

  private final CheckpointWriter writer;

  private AuditCheckpointFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    Keyring keyring = Objects.requireNonNull(b.keyring, "keyring");
    ServerSigningKeys signingKeys =
        new ServerSigningKeys(
            new SigningKeyRepository(dynamo, config.vaultTable()),
            keyring,
            config.serviceKmsKeyId(),
            new Ids(b.random),
            b.random,
            b.clock);
    this.writer =
        new CheckpointWriter(
            new TenantRepository(dynamo, config.vaultTable()),
            new CheckpointRepository(dynamo, config.auditTable()),
            CheckpointWriter.RecordSource.auditTable(dynamo, config.auditTable()),
            signingKeys,
            b.random,
            b.clock,
            b.settings);
  }

  /** From the environment, once per container: one DynamoDB client, AWS KMS as the keyring. */
  public static AuditCheckpointFunction fromEnvironment() {
    return builder()
        .config(QuantaSealConfig.fromEnvironment())
        .dynamoDb(AwsClients.dynamoDb())
        .keyring(new AwsKmsKeyring(AwsClients.kms()))
        .settings(settings(System.getenv()))
        .build();
  }

  /** The writer's settings from {@link #PERIOD_SECONDS} and {@link #LAG_SECONDS}. */
  public static CheckpointWriter.Settings settings(Map<String, String> env) {
    CheckpointWriter.Settings d = CheckpointWriter.Settings.DEFAULT;
    return new CheckpointWriter.Settings(
        seconds(env, PERIOD_SECONDS, d.period()),
        seconds(env, LAG_SECONDS, d.lag()),
        d.maxPeriodsPerTenant());
  }

  private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number of seconds");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The function's handler on what this root built. */
  public AuditCheckpointHandler handler() {
    return new AuditCheckpointHandler(writer);
  }

  CheckpointWriter writer() {
    return writer;
  }

  /** What the function is built on; clock and randomness default to the system's. */
  public static final class Builder {
    private QuantaSealConfig config;
    private DynamoDbClient dynamoDb;
    private Keyring keyring;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private CheckpointWriter.Settings settings = CheckpointWriter.Settings.DEFAULT;

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

    public Builder settings(CheckpointWriter.Settings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    public AuditCheckpointFunction build() {
      return new AuditCheckpointFunction(this);
    }
  }
}
