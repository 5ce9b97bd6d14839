package io.quantaseal.testsupport;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The AWS services QuantaSeal's integration tests need (DynamoDB with streams, KMS), whichever real
 * engine provides them: {@link LocalEngines} (DynamoDB Local in process + moto, always available)
 * or {@link LocalStackEngines} (LocalStack in Docker). Write a test once against this interface and
 * run it on both with {@link AwsEnginesTest @AwsEnginesTest}.
 *
 * <p>Clients handed out are owned by the engines and closed with them. Code under test that builds
 * its own clients from the environment gets the same wiring from {@link #environment()}.
 */
public interface AwsEngines extends AutoCloseable {

  /** Short name for test display names and logs: {@code "local"} or {@code "localstack"}. */
  String name();

  /** The region every client uses (us-east-1). */
  Region region();

  /** Dummy static credentials the engines accept. */
  AwsCredentialsProvider credentials();

  DynamoDbClient dynamoDbClient();

  DynamoDbStreamsClient dynamoDbStreamsClient();

  KmsClient kmsClient();

  /** The KMS endpoint, for {@code endpointOverride} or {@code AWS_ENDPOINT_URL_KMS}. */
  URI kmsEndpoint();

  /**
   * The DynamoDB endpoint, for {@code endpointOverride} or {@code AWS_ENDPOINT_URL_DYNAMODB}; empty
   * when DynamoDB runs in process (DynamoDB Local embedded has no socket: pass {@link
   * #dynamoDbClient()} to the code under test instead).
   */
  Optional<URI> dynamoDbEndpoint();

  /**
   * The environment an AWS SDK v2 client needs to reach these engines: {@code AWS_REGION}, {@code
   * AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_ENDPOINT_URL_KMS} and, when
   * DynamoDB has an endpoint, {@code AWS_ENDPOINT_URL_DYNAMODB} (and {@code
   * AWS_ENDPOINT_URL_DYNAMODB_STREAMS}).
   */
  default Map<String, String> environment() {
    var identity = credentials().resolveCredentials();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", region().id());
    env.put("AWS_ACCESS_KEY_ID", identity.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", identity.secretAccessKey());
    env.put("AWS_ENDPOINT_URL_KMS", kmsEndpoint().toString());
    dynamoDbEndpoint()
        .ifPresent(
            uri -> {
              env.put("AWS_ENDPOINT_URL_DYNAMODB", uri.toString());
              env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", uri.toString());
            });
    return Map.copyOf(env);
  }

  /** Creates the table (ACTIVE, TTL enabled) from its definition. */
  default void createTable(TableDefinition definition) {
    DynamoTables.create(dynamoDbClient(), definition);
  }

  /** Names of every DynamoDB table. */
  default List<String> tableNames() {
    return DynamoTables.names(dynamoDbClient());
  }

  /**
   * A clean slate: no DynamoDB tables; KMS keys are forgotten where the engine can (moto) and
   * otherwise left to accumulate (LocalStack), so tests must create their own keys.
   */
  void reset();

  /** Stops the engines and closes the clients. */
  @Override
  void close();
}
