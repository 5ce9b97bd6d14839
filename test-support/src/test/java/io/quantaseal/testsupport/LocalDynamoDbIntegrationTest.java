package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalDynamoDbIntegrationTest {

  static final TableDefinition VAULT =
      TableDefinition.builder("qs-vault")
          .partitionKey("pk", ScalarAttributeType.S)
          .sortKey("sk", ScalarAttributeType.S)
          .globalIndex("gsi1", "gsi1pk", ScalarAttributeType.S, "gsi1sk", ScalarAttributeType.S)
          .stream(StreamViewType.NEW_AND_OLD_IMAGES)
          .timeToLive("expires_at")
          .build();

  @RegisterExtension
  static final DynamoDbLocalExtension DDB = DynamoDbLocalExtension.withTables(VAULT);

  private static Map<String, AttributeValue> entry(String tenant, String id) {
    return Map.of(
        "pk", AttributeValue.fromS("TENANT#" + tenant),
        "sk", AttributeValue.fromS("ENTRY#" + id),
        "gsi1pk", AttributeValue.fromS("TYPE#api_key"),
        "gsi1sk", AttributeValue.fromS(id),
        "expires_at", AttributeValue.fromN("4102444800"));
  }

  @Test
  @Order(1)
  void putItem_thenGetItem_roundTrips(DynamoDbClient client) {
    client.putItem(r -> r.tableName("qs-vault").item(entry("t1", "vlt_1")));

    Map<String, AttributeValue> item =
        client
            .getItem(
                r ->
                    r.tableName("qs-vault")
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("TENANT#t1"),
                                "sk", AttributeValue.fromS("ENTRY#vlt_1")))
                        .consistentRead(true))
            .item();

    assertEquals("vlt_1", item.get("gsi1sk").s());
  }

  @Test
  @Order(2)
  void reset_beforeEachTest_tableIsBackAndEmpty(DynamoDbClient client) {
    // Test 1 wrote an item; withTables(...) recreates the table before every test.
    assertEquals(List.of("qs-vault"), DynamoTables.names(client));
    assertEquals(0, client.scan(r -> r.tableName("qs-vault")).count());
  }

  @Test
  void conditionalPut_existingItem_isRefusedLikeDynamoDb(DynamoDbClient client) {
    client.putItem(r -> r.tableName("qs-vault").item(entry("t1", "vlt_1")));

    assertThrows(
        ConditionalCheckFailedException.class,
        () ->
            client.putItem(
                r ->
                    r.tableName("qs-vault")
                        .item(entry("t1", "vlt_1"))
                        .conditionExpression("attribute_not_exists(pk)")));
  }

  @Test
  void invalidTableName_isRefusedLikeDynamoDb(LocalDynamoDb db) {
    assertThrows(
        DynamoDbException.class, () -> db.createTable(TableDefinition.of("x", "pk", null)));
  }

  @Test
  void globalIndex_query_findsItemsAcrossTenants(DynamoDbClient client) {
    client.putItem(r -> r.tableName("qs-vault").item(entry("t1", "vlt_1")));
    client.putItem(r -> r.tableName("qs-vault").item(entry("t2", "vlt_2")));

    int found =
        client
            .query(
                r ->
                    r.tableName("qs-vault")
                        .indexName("gsi1")
                        .keyConditionExpression("gsi1pk = :t")
                        .expressionAttributeValues(
                            Map.of(":t", AttributeValue.fromS("TYPE#api_key"))))
            .count();

    assertEquals(2, found);
  }

  @Test
  void timeToLive_fromDefinition_isEnabled(DynamoDbClient client) {
    var ttl = client.describeTimeToLive(r -> r.tableName("qs-vault")).timeToLiveDescription();

    assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
    assertEquals("expires_at", ttl.attributeName());
  }

  @Test
  void stream_fromDefinition_deliversInsertWithNewImage(
      DynamoDbClient client, DynamoDbStreamsClient streams) {
    client.putItem(r -> r.tableName("qs-vault").item(entry("t1", "vlt_9")));

    String streamArn = client.describeTable(r -> r.tableName("qs-vault")).table().latestStreamArn();
    String shardId =
        streams
            .describeStream(r -> r.streamArn(streamArn))
            .streamDescription()
            .shards()
            .get(0)
            .shardId();
    String iterator =
        streams
            .getShardIterator(
                r ->
                    r.streamArn(streamArn)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = streams.getRecords(r -> r.shardIterator(iterator)).records();

    assertEquals(1, records.size());
    assertEquals(OperationType.INSERT, records.get(0).eventName());
    assertEquals("ENTRY#vlt_9", records.get(0).dynamodb().newImage().get("sk").s());
  }

  @Test
  void instances_areSeparateDatabases(LocalDynamoDb shared) {
    try (LocalDynamoDb other = LocalDynamoDb.start()) {
      other.createTable(TableDefinition.of("other-table", "pk", null));

      assertEquals(List.of("other-table"), other.tableNames());
      assertFalse(shared.tableNames().contains("other-table"));
    }
  }

  @Test
  void deleteAllTables_thenReset_recreatesOnlyDefinedTables(LocalDynamoDb db) {
    db.client().createTable(TableDefinition.of("ad-hoc", "pk", null).toCreateTableRequest());
    assertEquals(List.of("ad-hoc", "qs-vault"), db.tableNames());

    db.reset();

    assertEquals(List.of("qs-vault"), db.tableNames());
  }

  @Nested
  class NestedClass {
    @Test
    void nestedClass_sharesTheEnclosingDatabase(LocalDynamoDb db, DynamoDbClient client) {
      assertSame(db.client(), client);
      assertTrue(db.tableNames().contains("qs-vault"));
    }
  }
}
