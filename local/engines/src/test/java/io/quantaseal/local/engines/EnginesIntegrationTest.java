package io.quantaseal.local.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

class EnginesIntegrationTest {

  private static void createAndPut(DynamoDbClient db) {
    db.createTable(
        r ->
            r.tableName("items")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    db.putItem(r -> r.tableName("items").item(Map.of("pk", AttributeValue.fromS("a"))));
  }

  @Test
  void inMemory_startsEmptyAndWorks() {
    AmazonDynamoDBLocal engine = EmbeddedDynamoDb.inMemory();
    try {
      DynamoDbClient db = engine.dynamoDbClient();
      assertTrue(db.listTables().tableNames().isEmpty());
      createAndPut(db);
      assertEquals(1, db.scan(r -> r.tableName("items")).count());
    } finally {
      engine.shutdownNow();
    }
  }

  /** Runs {@code work} on a database kept in {@code directory}, then shuts it down. */
  private static void inDirectory(Path directory, Consumer<DynamoDbClient> work) {
    AmazonDynamoDBLocal engine = EmbeddedDynamoDb.inDirectory(directory);
    try {
      work.accept(engine.dynamoDbClient());
    } finally {
      engine.shutdownNow();
    }
  }

  private static int count(DynamoDbClient db) {
    return db.scan(r -> r.tableName("items")).count();
  }

  @Test
  void inDirectory_keepsItemsAcrossRestarts(@TempDir Path dir) {
    inDirectory(dir.resolve("db"), EnginesIntegrationTest::createAndPut);
    inDirectory(dir.resolve("db"), db -> assertEquals(1, count(db)));
  }

  @Test
  void inDirectory_andLoopbackInTheSameDirectory_shareOneDatabase(@TempDir Path dir)
      throws Exception {
    inDirectory(dir.resolve("db"), EnginesIntegrationTest::createAndPut);
    try (LoopbackDynamoDb db = LoopbackDynamoDb.start(0, Optional.of(dir.resolve("db")));
        DynamoDbClient client = db.newClient()) {
      assertEquals(1, count(client));
      client.putItem(
          r -> r.tableName("items").item(Map.of("pk", AttributeValue.fromS("over-http"))));
    }
    try (var files = Files.list(dir.resolve("db"))) {
      assertEquals(
          List.of(EmbeddedDynamoDb.DATABASE_FILE),
          files.map(p -> p.getFileName().toString()).toList());
    }
    inDirectory(dir.resolve("db"), db -> assertEquals(2, count(db)));
  }

  @Test
  void inDirectory_renamesADatabaseOfTheOldName(@TempDir Path dir) throws Exception {
    inDirectory(dir.resolve("db"), EnginesIntegrationTest::createAndPut);
    Files.move(
        dir.resolve("db").resolve(EmbeddedDynamoDb.DATABASE_FILE),
        dir.resolve("db").resolve(EmbeddedDynamoDb.OLD_DATABASE_FILE));
    inDirectory(dir.resolve("db"), db -> assertEquals(1, count(db)));
  }

  @Test
  void loopback_servesHttpOnLoopbackOnly() throws Exception {
    try (LoopbackDynamoDb db = LoopbackDynamoDb.start();
        DynamoDbClient client = db.newClient()) {
      assertEquals("127.0.0.1", db.endpoint().getHost());
      createAndPut(client);
      assertEquals(1, client.scan(r -> r.tableName("items")).count());
      // Not reachable on any other address of this host.
      for (NetworkInterface nif :
          java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : java.util.Collections.list(nif.getInetAddresses())) {
          if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
            continue;
          }
          assertThrows(
              ConnectException.class,
              () -> {
                try (Socket s = new Socket()) {
                  s.connect(new InetSocketAddress(address, db.port()), 1000);
                }
              },
              "port open on " + address);
        }
      }
    }
  }
}
