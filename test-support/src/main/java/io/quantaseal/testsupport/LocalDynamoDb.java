package io.quantaseal.testsupport;

import io.quantaseal.local.engines.EmbeddedDynamoDb;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local running inside this JVM (embedded mode: no socket, nothing to bind), in memory,
 * telemetry off. Each instance is its own empty database.
 *
 * <p>Native SQLite: DynamoDB Local 3.x ships {@code libsqlite4java} for Linux, macOS and Windows
 * (x86_64 and aarch64) inside its own jar and extracts the right one to {@code -Dorg.sqlite.tmpdir}
 * (default {@code java.io.tmpdir}) on first use, then loads it. Nothing has to be unpacked by the
 * build and consumers need no system property. On a host whose temp directory is mounted {@code
 * noexec}, set {@code -Dorg.sqlite.tmpdir=target} in surefire.
 *
 * <pre>{@code
 * try (LocalDynamoDb db = LocalDynamoDb.start()) {
 *   db.createTable(TableDefinition.of("qs-vault", "pk", "sk"));
 *   db.client().putItem(...);
 * }
 * }</pre>
 */
public final class LocalDynamoDb implements AutoCloseable {

  private final AmazonDynamoDBLocal engine;
  private final DynamoDbClient client;
  private final DynamoDbStreamsClient streamsClient;
  private final List<TableDefinition> definitions = new CopyOnWriteArrayList<>();

  private LocalDynamoDb(AmazonDynamoDBLocal engine) {
    this.engine = engine;
    this.client = engine.dynamoDbClient();
    this.streamsClient = engine.dynamoDbStreamsClient();
  }

  /**
   * Starts an empty in-memory DynamoDB Local (through local-engines' {@link EmbeddedDynamoDb}, the
   * starter the local runner uses too).
   */
  public static LocalDynamoDb start() {
    return new LocalDynamoDb(EmbeddedDynamoDb.inMemory());
  }

  /** The SDK v2 client of this database (no HTTP: calls go straight into the engine). */
  public DynamoDbClient client() {
    return client;
  }

  /** The DynamoDB Streams client of this database, for tables created with a stream. */
  public DynamoDbStreamsClient streamsClient() {
    return streamsClient;
  }

  /** Creates the table, waits until it is ACTIVE, enables TTL; {@link #reset()} recreates it. */
  public LocalDynamoDb createTable(TableDefinition definition) {
    DynamoTables.create(client, definition);
    definitions.add(definition);
    return this;
  }

  /** Names of every table in this database. */
  public List<String> tableNames() {
    return DynamoTables.names(client);
  }

  /** Drops every table, including those created directly through the client. */
  public void deleteAllTables() {
    DynamoTables.deleteAll(client);
  }

  /**
   * Back to a clean slate between tests: drops every table, then recreates, empty, the tables
   * created through {@link #createTable(TableDefinition)}.
   */
  public void reset() {
    deleteAllTables();
    for (TableDefinition definition : definitions) {
      DynamoTables.create(client, definition);
    }
  }

  /** Stops the engine and frees its memory. */
  @Override
  public void close() {
    engine.shutdownNow();
  }
}
