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

  @Test
  void inDirectory_keepsItemsAcrossRestarts(@TempDir Path dir) {
    AmazonDynamoDBLocal first = EmbeddedDynamoDb.inDirectory(dir.resolve("db"));
    try {
      createAndPut(first.dynamoDbClient());
    } finally {
      first.shutdownNow();
    }
    AmazonDynamoDBLocal second = EmbeddedDynamoDb.inDirectory(dir.resolve("db"));
    try {
      assertEquals(1, second.dynamoDbClient().scan(r -> r.tableName("items")).count());
    } finally {
      second.shutdownNow();
    }
  }

  @Test
  void inDirectory_andLoopbackInTheSameDirectory_shareOneDatabase(@TempDir Path dir)
      throws Exception {
    AmazonDynamoDBLocal embedded = EmbeddedDynamoDb.inDirectory(dir.resolve("db"));
    try {
      createAndPut(embedded.dynamoDbClient());
    } finally {
      embedded.shutdownNow();
    }
    try (LoopbackDynamoDb db = LoopbackDynamoDb.start(0, Optional.of(dir.resolve("db")));
        DynamoDbClient client = db.newClient()) {
      assertEquals(1, client.scan(r -> r.tableName("items")).count());
      client.putItem(
          r -> r.tableName("items").item(Map.of("pk", AttributeValue.fromS("over-http"))));
    }
    assertEquals(
        List.of(EmbeddedDynamoDb.DATABASE_FILE),
        Files.list(dir.resolve("db")).map(p -> p.getFileName().toString()).toList());
    AmazonDynamoDBLocal again = EmbeddedDynamoDb.inDirectory(dir.resolve("db"));
    try {
      assertEquals(2, again.dynamoDbClient().scan(r -> r.tableName("items")).count());
    } finally {
      again.shutdownNow();
    }
  }

  @Test
  void inDirectory_renamesADatabaseOfTheOldName(@TempDir Path dir) throws Exception {
    AmazonDynamoDBLocal first = EmbeddedDynamoDb.inDirectory(dir.resolve("db"));
    try {
      createAndPut(first.dynamoDbClient());
    } finally {
      first.shutdownNow();
    }
    Files.move(
        dir.resolve("db").resolve(EmbeddedDynamoDb.DATABASE_FILE),
        dir.resolve("db").resolve(EmbeddedDynamoDb.OLD_DATABASE_FILE));
    AmazonDynamoDBLocal second = EmbeddedDynamoDb.inDirectory(dir.resolve("db"));
    try {
      assertEquals(1, second.dynamoDbClient().scan(r -> r.tableName("items")).count());
    } finally {
      second.shutdownNow();
    }
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
