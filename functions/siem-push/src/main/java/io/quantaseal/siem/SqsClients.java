package io.quantaseal.siem;

import io.quantaseal.common.aws.AwsClients;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The dead-letter queue's SQS client, built once per container like {@link AwsClients}' (SQS is
 * this function's alone, so it is not in functions/common). AWS_ENDPOINT_URL_SQS points it at a
 * local engine.
 */
public final class SqsClients {
  private SqsClients() {}

  /** From the standard settings (AWS_REGION, the Lambda role, AWS_ENDPOINT_URL_SQS). */
  public static SqsClient fromEnvironment() {
    return SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  /** The same names read from {@code env} (the replay command's {@code --env-file}). */
  public static SqsClient fromEnvironment(Map<String, String> env) {
    return AwsClients.configure(SqsClient.builder(), env, "SQS").build();
  }
}
