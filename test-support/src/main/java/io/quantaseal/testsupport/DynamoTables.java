package io.quantaseal.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Table housekeeping shared by every engine: create from a definition, list, drop all. */
final class DynamoTables {

  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

  private DynamoTables() {}

  static void create(DynamoDbClient client, TableDefinition definition) {
    client.createTable(definition.toCreateTableRequest());
    awaitActive(client, definition.tableName());
    definition
        .timeToLiveAttribute()
        .ifPresent(
            attribute ->
                client.updateTimeToLive(
                    r ->
                        r.tableName(definition.tableName())
                            .timeToLiveSpecification(
                                s -> s.attributeName(attribute).enabled(true))));
  }

  static List<String> names(DynamoDbClient client) {
    List<String> names = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      ListTablesResponse page = client.listTables(r -> r.exclusiveStartTableName(from));
      names.addAll(page.tableNames());
      start = page.lastEvaluatedTableName();
    } while (start != null);
    return names;
  }

  static void deleteAll(DynamoDbClient client) {
    for (String name : names(client)) {
      try {
        client.deleteTable(r -> r.tableName(name));
      } catch (ResourceNotFoundException gone) {
        // Deleted concurrently: the goal is reached.
      }
    }
  }

  // Not the SDK waiter: DynamoDB Local's embedded client is a proxy without one.
  private static void awaitActive(DynamoDbClient client, String table) {
    long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
    while (true) {
      TableStatus status = client.describeTable(r -> r.tableName(table)).table().tableStatus();
      if (status == TableStatus.ACTIVE) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Table " + table + " still " + status + " after " + ACTIVE_TIMEOUT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for table " + table, e);
      }
    }
  }
}
