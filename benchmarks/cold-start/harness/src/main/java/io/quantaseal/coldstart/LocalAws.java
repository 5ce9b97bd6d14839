package io.quantaseal.coldstart;

import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.local.LocalFakeDatadog;
import io.quantaseal.local.engines.LoopbackDynamoDb;
import io.quantaseal.testsupport.MotoServer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The engines that stand in for AWS and Datadog, all on 127.0.0.1 and started by the harness:
 * DynamoDB Local over HTTP, moto's server (KMS and SQS) from the repository's venv, and the
 * loopback Datadog of {@code ./run-local}. {@link #resources} gives each checkout its own stand-ins
 * for the stack's tables, keys and queues.
 */
final class LocalAws implements AutoCloseable {
  // DynamoDB Local accepts any key made of letters and digits; moto accepts any.
  private static final String ACCESS_KEY_ID = "coldstart";
  private static final String SECRET_ACCESS_KEY = "coldstart";

  private final LoopbackDynamoDb dynamo;
  private final MotoServer moto;
  private final FakeDatadog datadog;
  private final PrintStream datadogLog;
  private final DynamoDbClient dynamoClient;
  private final KmsClient kmsClient;
  private final SqsClient sqsClient;

  private LocalAws(
      LoopbackDynamoDb dynamo, MotoServer moto, FakeDatadog datadog, PrintStream datadogLog) {
    this.dynamo = dynamo;
    this.moto = moto;
    this.datadog = datadog;
    this.datadogLog = datadogLog;
    this.dynamoClient = dynamo.newClient();
    this.kmsClient = moto.newKmsClient();
    this.sqsClient =
        SqsClient.builder()
            .endpointOverride(moto.endpoint())
            .region(MotoServer.REGION)
            .credentialsProvider(MotoServer.CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  /**
   * Starts the three engines; the fake Datadog of ./run-local logs its requests to {@code
   * datadogLog}.
   */
  static LocalAws start(Path datadogLogFile) {
    LoopbackDynamoDb dynamo = LoopbackDynamoDb.start();
    MotoServer moto = null;
    PrintStream log = null;
    try {
      moto = MotoServer.start();
      log =
          new PrintStream(
              new FileOutputStream(datadogLogFile.toFile()), true, StandardCharsets.UTF_8);
      return new LocalAws(dynamo, moto, LocalFakeDatadog.start(0, log), log);
    } catch (IOException | RuntimeException e) {
      if (log != null) {
        log.close();
      }
      if (moto != null) {
        moto.close();
      }
      dynamo.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("the loopback Datadog could not start", io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * What every process that talks to the engines gets: region, credentials (the engines accept
   * any), the endpoints ({@code AWS_ENDPOINT_URL_*}, read by the AWS SDK) and the Datadog override.
   */
  Map<String, String> clientEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", MotoServer.REGION.id());
    env.put("AWS_DEFAULT_REGION", MotoServer.REGION.id());
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_KMS", moto.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SQS", moto.endpoint().toString());
    env.put(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE, datadog.baseUrl().toString());
    return env;
  }

  DynamoDbClient dynamoDb() {
    return dynamoClient;
  }

  KmsClient kms() {
    return kmsClient;
  }

  /**
   * Stand-ins for one checkout's stack resources, all names starting with {@code prefix}: a table
   * is only named (the checkout's operator creates it), a KMS key or an SQS queue is created in
   * moto on first reference.
   */
  StackTemplate.StackResources resources(String prefix) {
    Map<String, String> created = new LinkedHashMap<>();
    return (logicalId, type, attribute) -> {
      String name = prefix + "-" + logicalId;
      return switch (type) {
        case "AWS::DynamoDB::Table" ->
            attribute.isEmpty()
                ? name
                : arn(attribute.get(), "arn:aws:dynamodb:us-east-1:000000000000:table/" + name);
        case "AWS::KMS::Key" -> {
          String arn =
              created.computeIfAbsent(
                  "kms:" + name,
                  n -> kmsClient.createKey(r -> r.description(name)).keyMetadata().arn());
          yield attribute.isEmpty()
              ? arn.substring(arn.lastIndexOf('/') + 1)
              : arn(attribute.get(), arn);
        }
        case "AWS::SQS::Queue" -> {
          String url =
              created.computeIfAbsent(
                  "sqs:" + name, n -> sqsClient.createQueue(r -> r.queueName(name)).queueUrl());
          yield attribute.isEmpty()
              ? url
              : arn(attribute.get(), "arn:aws:sqs:us-east-1:123456789012:" + name);
        }
        default ->
            throw new IllegalArgumentException(
                "an environment variable refers to "
                    + logicalId
                    + " ("
                    + type
                    + "): the harness stands in for tables, KMS keys and SQS queues only");
      };
    };
  }

  private static String arn(String attribute, String arn) {
    if (!attribute.equals("Arn")) {
      throw new IllegalArgumentException(
          "the harness knows only the Arn attribute, not " + attribute);
    }
    return arn;
  }

  /** Requests the loopback Datadog has answered so far. */
  int datadogRequests() {
    return datadog.requests().size();
  }

  /** The engines' endpoints, for the report. */
  String describe() {
    return "DynamoDB Local "
        + dynamo.endpoint()
        + ", moto "
        + moto.endpoint()
        + ", loopback Datadog "
        + datadog.baseUrl();
  }

  @Override
  public void close() {
    sqsClient.close();
    kmsClient.close();
    dynamoClient.close();
    datadog.close();
    datadogLog.close();
    moto.close();
    dynamo.close();
  }
}
