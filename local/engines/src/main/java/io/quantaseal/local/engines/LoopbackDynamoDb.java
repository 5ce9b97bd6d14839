package io.quantaseal.local.engines;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local in this JVM, in memory or kept in a directory, answering DynamoDB's HTTP protocol
 * on {@code 127.0.0.1} only (a free port unless one is given). For what cannot call into this JVM:
 * a function running in another process (the Lambda runtime interface emulator), the operator and
 * the DLQ replay, the AWS CLI, a debugger's view of the tables. It is DynamoDB Local's own request
 * handler behind a Jetty connector bound to loopback (DynamoDB Local's server mode would listen on
 * every interface). A kept database is the same file {@link EmbeddedDynamoDb#inDirectory} uses, so
 * one data directory serves both.
 */
public final class LoopbackDynamoDb implements AutoCloseable {
  /** The region and credentials clients should use (DynamoDB Local accepts any). */
  public static final Region REGION = Region.US_EAST_1;

  public static final String ACCESS_KEY_ID = "local";
  public static final String SECRET_ACCESS_KEY = "local";

  private final Server server;
  private final LocalDynamoDBRequestHandler engine;
  private final URI endpoint;

  private LoopbackDynamoDb(Server server, LocalDynamoDBRequestHandler engine, URI endpoint) {
    this.server = server;
    this.engine = engine;
    this.endpoint = endpoint;
  }

  /** On a free port of 127.0.0.1. */
  public static LoopbackDynamoDb start() {
    return start(0);
  }

  /** In memory, on {@code port} of 127.0.0.1 (0: a free one). */
  public static LoopbackDynamoDb start(int port) {
    return start(port, Optional.empty());
  }

  /**
   * On {@code port} of 127.0.0.1 (0: a free one), in memory or kept in {@code directory} (created
   * if missing; the file is {@link EmbeddedDynamoDb#DATABASE_FILE}).
   */
  public static LoopbackDynamoDb start(int port, Optional<Path> directory) {
    LocalDynamoDBRequestHandler engine;
    try {
      if (directory.isPresent()) {
        EmbeddedDynamoDb.prepare(directory.get());
      }
      // sharedDb: one database for every access key, DynamoDB Local's "shared-local-instance.db".
      engine =
          new LocalDynamoDBRequestHandler(
              0,
              /* inMemory= */ directory.isEmpty(),
              directory.map(d -> d.toAbsolutePath().toString()).orElse(null),
              /* sharedDb= */ true,
              /* delayTransient= */ false);
    } catch (Exception | LinkageError e) {
      throw new IllegalStateException(
          "DynamoDB Local could not start (see EmbeddedDynamoDb about native SQLite)", e);
    }
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new LocalDynamoDBServerHandler(engine, null));
    server.setStopTimeout(Duration.ofSeconds(2).toMillis());
    try {
      server.start();
    } catch (Exception e) {
      engine.shutdown();
      throw new IllegalStateException("DynamoDB Local could not listen on 127.0.0.1:" + port, e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    return new LoopbackDynamoDb(server, engine, endpoint);
  }

  /** {@code http://127.0.0.1:<port>}: the value for {@code AWS_ENDPOINT_URL_DYNAMODB}. */
  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  /** A new client of this database (close it when done). */
  public DynamoDbClient newClient() {
    return DynamoDbClient.builder()
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      // stopping is best effort
    } finally {
      engine.shutdown();
    }
  }

  @Override
  public String toString() {
    return "LoopbackDynamoDb[" + endpoint + "]";
  }
}
