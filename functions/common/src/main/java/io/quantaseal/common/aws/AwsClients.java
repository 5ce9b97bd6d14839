package io.quantaseal.common.aws;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Builds the AWS SDK clients once per container, with the lightweight URL-connection HTTP client.
 * Region, credentials and endpoints come from the standard settings (AWS_REGION, the Lambda role,
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_KMS for local engines). The overloads taking a map
 * read the same names from it (the command-line tools' {@code --env-file}); what the map lacks
 * falls back to the SDK's own chain.
 */
public final class AwsClients {
  private AwsClients() {}

  public static DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static KmsClient kms() {
    return KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static DynamoDbClient dynamoDb(Map<String, String> env) {
    return configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
  }

  public static KmsClient kms(Map<String, String> env) {
    return configure(KmsClient.builder(), env, "KMS").build();
  }

  /**
   * {@code b} with the URL-connection HTTP client and region, credentials and the endpoint {@code
   * AWS_ENDPOINT_URL_<service>} (else {@code AWS_ENDPOINT_URL}) from {@code env}; for the clients
   * only one function builds (siem-push's SQS).
   */
  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
      B b, Map<String, String> env, String service) {
    b.httpClientBuilder(UrlConnectionHttpClient.builder());
    String region = nonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
    if (region != null) {
      b.region(Region.of(region));
    }
    String id = nonBlank(env.get("AWS_ACCESS_KEY_ID"), null);
    String secret = nonBlank(env.get("AWS_SECRET_ACCESS_KEY"), null);
    if (id != null && secret != null) {
      String token = nonBlank(env.get("AWS_SESSION_TOKEN"), null);
      b.credentialsProvider(
          StaticCredentialsProvider.create(
              token == null
                  ? AwsBasicCredentials.create(id, secret)
                  : AwsSessionCredentials.create(id, secret, token)));
    }
    String endpoint = nonBlank(env.get("AWS_ENDPOINT_URL_" + service), env.get("AWS_ENDPOINT_URL"));
    if (endpoint != null) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b;
  }

  private static String nonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.trim();
    }
    return b == null || b.isBlank() ? null : b.trim();
  }
}
