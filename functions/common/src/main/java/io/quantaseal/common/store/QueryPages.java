package io.quantaseal.common.store;

import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One page of a query on a {@code pk}/{@code sk} table, in sort-key order: reads until it has one
 * item more than asked for (or the partition ends), so that {@link Page#nextAfter()} is present
 * exactly when more items follow. With a filter, DynamoDB's own pages may hold fewer items than
 * their limit; this keeps reading.
 */
public final class QueryPages {
  private QueryPages() {}

  /**
   * The page of {@code base} (table, key condition, values, optional filter; no limit or start key)
   * that {@code page} asks for, in partition {@code pk}.
   */
  public static Page<Map<String, AttributeValue>> query(
      DynamoDbClient dynamo, QueryRequest base, String pk, PageRequest page) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = page.after().map(sk -> Items.key(pk, sk)).orElse(null);
    int wanted = page.limit() + 1;
    do {
      QueryRequest.Builder q = base.toBuilder().limit(wanted);
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse r = dynamo.query(q.build());
      items.addAll(r.items());
      start =
          r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (items.size() < wanted && start != null);
    if (items.size() <= page.limit()) {
      return new Page<>(items, Optional.empty());
    }
    List<Map<String, AttributeValue>> shown = items.subList(0, page.limit());
    return new Page<>(
        new ArrayList<>(shown), Optional.of(Items.str(shown.get(shown.size() - 1), "sk")));
  }

  /** A query for the items of partition {@code pk} whose sort key begins with {@code prefix}. */
  public static QueryRequest prefixQuery(String table, String pk, String prefix) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", Items.s(pk));
    values.put(":p", Items.s(prefix));
    return QueryRequest.builder()
        .tableName(table)
        .consistentRead(true)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
        .expressionAttributeValues(values)
        .build();
  }
}
