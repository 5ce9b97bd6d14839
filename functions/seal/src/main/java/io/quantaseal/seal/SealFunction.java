package io.quantaseal.seal;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.EnvelopeIssuer;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SealFunction's composition root: the vault (entries sealed under each tenant's key), the envelope
 * issuer with the service's signing key, idempotency and the audit log, on one DynamoDB client and
 * one keyring.
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container): the keyring is
 * always AWS KMS; nothing in the environment selects another. Tests and the local runner build one
 * with {@link #builder()} and pass their own keyring.
 */
public final class SealFunction {
  private final Keyring keyring;
  private final ApiGatewayAdapter adapter;

  private SealFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    this.keyring = Objects.requireNonNull(b.keyring, "keyring");
    String table = config.vaultTable();
    Ids ids = new Ids(b.random);
    AuditLog audit = new AuditLog(dynamo, config.auditTable(), ids, b.clock);
    IdempotentRequests idempotency = new IdempotentRequests(dynamo, table, b.clock);
    VaultEntryRepository entries = new VaultEntryRepository(dynamo, table);
    Pagination pagination =
        Pagination.create(dynamo, table, keyring, config.serviceKmsKeyId(), b.random, audit);
    SealingKeys keys =
        SealingKeys.create(keyring, new TenantRepository(dynamo, table), config, b.random, b.clock);
    ServerSigningKeys signingKeys =
        keys.signingKeys(
            new SigningKeyRepository(dynamo, table),
            config.serviceKmsKeyId(),
            ids,
            b.random,
            b.clock);
    EnvelopeIssuer envelopes =
        keys.envelopes(new ClientKeyRepository(dynamo, table), signingKeys, b.random, b.clock);
    VaultService vault =
        new VaultService(
            entries,
            keys.vault(entries, b.clock),
            envelopes,
            keys.envelopeReplays(envelopes),
            new IntegrationRepository(dynamo, table),
            idempotency,
            audit,
            keys.keyCache(),
            ids,
            pagination);
    EncryptionKeysService encryptionKeys =
        new EncryptionKeysService(envelopes, signingKeys, idempotency, audit, ids, b.random);
    ClientKeysService clientKeyAdmin =
        new ClientKeysService(new ClientKeyRepository(dynamo, table), audit, pagination, b.clock);
    this.adapter =
        new ApiGatewayAdapter(
            SealRoutes.create(vault, encryptionKeys, clientKeyAdmin), ids, b.metrics);
  }

  /**
   * From the environment, once per container: the configuration, one DynamoDB client, AWS KMS as
   * the keyring and CloudWatch request metrics.
   */
  public static SealFunction fromEnvironment() {
    return builder()
        .config(QuantaSealConfig.fromEnvironment())
        .dynamoDb(AwsClients.dynamoDb())
        .keyring(new AwsKmsKeyring(AwsClients.kms()))
        .metrics(RequestMetrics.powertools("seal"))
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The function's handler on what this root built. */
  public SealHandler handler() {
    return new SealHandler(adapter);
  }

  ApiGatewayAdapter adapter() {
    return adapter;
  }

  /** The keyring everything here seals and opens with. */
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

    public SealFunction build() {
      return new SealFunction(this);
    }
  }
}
