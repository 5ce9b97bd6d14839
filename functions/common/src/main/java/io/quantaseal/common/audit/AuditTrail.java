package io.quantaseal.common.audit;

import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.PageRequest;
import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.QueryPages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads a tenant's audit records ({@code GET /api/v2/audit}, docs/api.md#audit-records): in the
 * order of (time, audit id), which is the sort key's order, within [from, to), optionally of one
 * action and one outcome. Strongly consistent: a record written before the read is listed.
 */
public final class AuditTrail {
  /** The filters of a read. */
  public record Query(
      Instant from, Instant to, Optional<String> action, Optional<String> outcome) {}

  private final DynamoDbClient dynamo;
  private final String table;

  public AuditTrail(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** One page of {@code tenantId}'s records that match {@code query}. */
  public Page<AuditRecord> page(String tenantId, Query query, PageRequest page) {
    if (!query.from().isBefore(query.to())) {
      return new Page<>(List.of(), Optional.empty());
    }
    String pk = AuditLog.pk(tenantId);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", Items.s(pk));
    values.put(":a", Items.s(AuditLog.sortableTime(query.from())));
    values.put(":b", Items.s(AuditLog.sortableTime(query.to().minusNanos(1)) + "~"));
    Map<String, String> names = new HashMap<>();
    List<String> filters = new ArrayList<>();
    query
        .action()
        .ifPresent(
            a -> {
              names.put("#action", "action");
              values.put(":action", Items.s(a));
              filters.add("#action = :action");
            });
    query
        .outcome()
        .ifPresent(
            o -> {
              names.put("#outcome", "outcome");
              values.put(":outcome", Items.s(o));
              filters.add("#outcome = :outcome");
            });
    QueryRequest.Builder q =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
            .expressionAttributeValues(values);
    if (!filters.isEmpty()) {
      q.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
    }
    return QueryPages.query(dynamo, q.build(), pk, page).map(AuditLog::fromItem);
  }
}
