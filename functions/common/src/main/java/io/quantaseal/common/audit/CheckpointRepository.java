package io.quantaseal.common.audit;

import static io.quantaseal.common.store.Items.b;
import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.PageRequest;
import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.QueryPages;
import io.quantaseal.crypto.audit.AuditTime;
import io.quantaseal.crypto.audit.CheckpointBody;
import io.quantaseal.crypto.audit.Jcs;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * A tenant's signed audit checkpoints (docs/audit.md, "Checkpoints"), in the audit table under a
 * partition of their own ({@code CHECKPOINTS#<tenant>}, sort key the period's start in the audit
 * time format), so that the table's stream carries each new checkpoint to the SIEM push as it is
 * written. A checkpoint is written once: the put is conditional, so two writers racing for the same
 * period cannot fork the chain (the loser's is dropped, not stored).
 */
public final class CheckpointRepository {
  /** The partition key prefix of checkpoint items (the SIEM push tells them from records by it). */
  public static final String PK_PREFIX = "CHECKPOINTS#";

  /** The longest period the listing looks back for (periods are 60 s by default). */
  static final Duration LONGEST_PERIOD = Duration.ofHours(1);

  private final DynamoDbClient dynamo;
  private final String table;

  public CheckpointRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public static String pk(String tenantId) {
    return PK_PREFIX + tenantId;
  }

  /** Whether a stream image or item is a checkpoint rather than an audit record. */
  public static boolean isCheckpointItem(Map<String, AttributeValue> item) {
    AttributeValue pk = item.get("pk");
    return pk != null && pk.s() != null && pk.s().startsWith(PK_PREFIX);
  }

  /** The tenant's newest checkpoint (strongly consistent). */
  public Optional<SignedCheckpoint> latest(String tenantId) {
    List<Map<String, AttributeValue>> items =
        dynamo
            .query(
                r ->
                    r.tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(pk(tenantId))))
                        .scanIndexForward(false)
                        .limit(1))
            .items();
    return items.isEmpty() ? Optional.empty() : Optional.of(fromItem(items.get(0)));
  }

  /**
   * Stores {@code c}; false if a checkpoint for its period is already stored (then nothing is
   * changed).
   */
  public boolean putIfAbsent(SignedCheckpoint c) {
    try {
      dynamo.putItem(
          r -> r.tableName(table).item(toItem(c)).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * One page of the tenant's checkpoints whose period meets [{@code from}, {@code to}), oldest
   * first.
   */
  public Page<SignedCheckpoint> page(String tenantId, Instant from, Instant to, PageRequest page) {
    if (!from.isBefore(to)) {
      return new Page<>(List.of(), Optional.empty());
    }
    String pk = pk(tenantId);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", s(pk));
    values.put(":a", s(AuditTime.format(AuditTime.truncate(from.minus(LONGEST_PERIOD)))));
    // Periods that start before `to` (BETWEEN is inclusive: one microsecond before it).
    values.put(":b", s(AuditTime.format(AuditTime.truncate(to.minusNanos(1000)))));
    values.put(":from", s(AuditTime.format(AuditTime.truncate(from))));
    QueryRequest q =
        QueryRequest.builder()
            .tableName(table)
            .consistentRead(true)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
            .filterExpression("period_end > :from")
            .expressionAttributeValues(values)
            .build();
    return QueryPages.query(dynamo, q, pk, page).map(CheckpointRepository::fromItem);
  }

  static Map<String, AttributeValue> toItem(SignedCheckpoint c) {
    CheckpointBody body = c.body();
    Map<String, AttributeValue> i = new HashMap<>();
    i.put("pk", s(pk(body.tenantId())));
    i.put("sk", s(AuditTime.format(body.periodStart())));
    i.put("tenant_id", s(body.tenantId()));
    i.put("seq", n(body.seq()));
    i.put("period_end", s(AuditTime.format(body.periodEnd())));
    i.put("body", s(new String(body.canonicalBytes(), StandardCharsets.UTF_8)));
    i.put("sig", b(c.sig()));
    return i;
  }

  /** Reads a checkpoint item (also the NewImage of a stream record). */
  public static SignedCheckpoint fromItem(Map<String, AttributeValue> i) {
    CheckpointBody body = CheckpointBody.fromJson(Jcs.parse(Items.str(i, "body")));
    return SignedCheckpoint.of(body, Items.bytes(i, "sig"));
  }
}
