package io.quantaseal.common.aws;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients once per container, with the lightweight URL-connection HTTP client.
 * Region, credentials and endpoints come from the standard settings (AWS_REGION, the Lambda role,
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL_SQS for local engines).
 */
public final class AwsClients {
  private AwsClients() {}

  public static DynamoDbClient dynamoDb() {
    return DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static KmsClient kms() {
    return KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  public static SqsClient sqs() {
    return SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }
}
