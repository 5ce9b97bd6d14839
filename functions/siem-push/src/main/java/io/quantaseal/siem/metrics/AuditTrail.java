package io.quantaseal.siem.metrics;

import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.store.TenantKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads a tenant's audit records in a time range (strongly consistent), for the metrics push.
 *
 * <p>The audit table's sort key starts with {@link Instant#toString()}, which leaves out a zero
 * fraction ({@code …:00Z} but {@code …:00.120Z}), so string order and time order differ within one
 * second ({@code '.'} sorts before {@code 'Z'}). The key condition is therefore widened by a second
 * on both sides and the exact range [from, to) applied to the parsed times; a record in the first
 * or last second of a period is never missed.
 */
public final class AuditTrail {
  private final DynamoDbClient dynamo;
  private final String table;

  public AuditTrail(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Records of the tenant with from ≤ time < to, oldest first. */
  public List<AuditRecord> between(String tenantId, Instant from, Instant to) {
    String lo = from.truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofSeconds(1)).toString();
    String hi = to.truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofSeconds(1)).toString() + "~";
    List<AuditRecord> out = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                    .expressionAttributeValues(
                        Map.of(":pk", s(TenantKeys.pk(tenantId)), ":a", s(lo), ":b", s(hi))))
        .items()
        .forEach(
            i -> {
              AuditRecord rec = AuditLog.fromItem(i);
              if (!rec.time().isBefore(from) && rec.time().isBefore(to)) {
                out.add(rec);
              }
            });
    out.sort(java.util.Comparator.comparing(AuditRecord::time));
    return out;
  }
}
