package io.quantaseal.authorizer;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.ApiKeyRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AuthorizerFunction's composition root: the API key table and the audit log on one DynamoDB
 * client. No keyring, no vault, no envelope issuer: deciding on a key needs none of them.
 *
 * <p>{@link #fromEnvironment()} is the deployed function's (once per container); tests and the
 * local runner build one with {@link #builder()} on their own DynamoDB client.
 */
public final class AuthorizerFunction {
  private final ApiKeyAuthorizer authorizer;

  private AuthorizerFunction(Builder b) {
    QuantaSealConfig config = Objects.requireNonNull(b.config, "config");
    DynamoDbClient dynamo = Objects.requireNonNull(b.dynamoDb, "dynamoDb");
    Ids ids = new Ids(b.random);
    this.authorizer =
        new ApiKeyAuthorizer(
            new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable()),
            new AuditLog(dynamo, config.auditTable(), ids, b.clock),
            b.clock);
  }

  /** From the environment: the configuration and one DynamoDB client for the container. */
  public static AuthorizerFunction fromEnvironment() {
    return builder()
        .config(QuantaSealConfig.fromEnvironment())
        .dynamoDb(AwsClients.dynamoDb())
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The function's handler on what this root built. */
  public ApiKeyAuthorizerHandler handler() {
    return new ApiKeyAuthorizerHandler(authorizer);
  }

  ApiKeyAuthorizer authorizer() {
    return authorizer;
  }

  /** What the function is built on; the clock and randomness default to the system's. */
  public static final class Builder {
    private QuantaSealConfig config;
    private DynamoDbClient dynamoDb;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();

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

    public AuthorizerFunction build() {
      return new AuthorizerFunction(this);
    }
  }
}
