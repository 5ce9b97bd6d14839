package io.quantaseal.testsupport;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@link AwsEngines} on this machine without Docker: DynamoDB Local in process ({@link
 * LocalDynamoDb}) and moto's server for KMS ({@link MotoServer}, needs the venv from {@code
 * scripts/ensure-venv.sh}).
 */
public final class LocalEngines implements AwsEngines {

  private final LocalDynamoDb dynamoDb;
  private final MotoServer moto;

  private LocalEngines(LocalDynamoDb dynamoDb, MotoServer moto) {
    this.dynamoDb = dynamoDb;
    this.moto = moto;
  }

  /** Starts DynamoDB Local and moto (default venv, KMS key-state checks on). */
  public static LocalEngines start() {
    return start(MotoServer.builder());
  }

  /** Starts DynamoDB Local and moto with these moto options. */
  public static LocalEngines start(MotoServer.Builder moto) {
    LocalDynamoDb db = LocalDynamoDb.start();
    try {
      return new LocalEngines(db, moto.start());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The DynamoDB half, for what only DynamoDB Local offers (e.g. {@code reset()} of tables). */
  public LocalDynamoDb localDynamoDb() {
    return dynamoDb;
  }

  /** The KMS half. */
  public MotoServer moto() {
    return moto;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Region region() {
    return MotoServer.REGION;
  }

  @Override
  public AwsCredentialsProvider credentials() {
    return MotoServer.CREDENTIALS;
  }

  @Override
  public DynamoDbClient dynamoDbClient() {
    return dynamoDb.client();
  }

  @Override
  public DynamoDbStreamsClient dynamoDbStreamsClient() {
    return dynamoDb.streamsClient();
  }

  @Override
  public KmsClient kmsClient() {
    return moto.kmsClient();
  }

  @Override
  public URI kmsEndpoint() {
    return moto.endpoint();
  }

  @Override
  public Optional<URI> dynamoDbEndpoint() {
    return Optional.empty();
  }

  @Override
  public void reset() {
    dynamoDb.deleteAllTables();
    moto.reset();
  }

  @Override
  public void close() {
    try {
      moto.close();
    } finally {
      dynamoDb.close();
    }
  }

  @Override
  public String toString() {
    return "LocalEngines[DynamoDB Local in process, " + moto + "]";
  }
}
