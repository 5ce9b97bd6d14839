package io.quantaseal.siem.stream;

import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.VaultTableKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Counts a tenant's authentication failures per fixed window across stream batches and invocations,
 * in the vault table ({@code sk = SIEMBURST#<window start>}). The failures' audit ids are added to
 * a string set, so a batch delivered twice counts each failure once; once the set reaches the
 * threshold nothing more is added. {@code handled} is set after the burst's alert was delivered (or
 * dead-lettered), so exactly one alert is raised per window unless two invocations race on the same
 * window (then the second is a recognisable duplicate: same event id).
 */
public final class AuthFailureBursts {
  static final String SK_PREFIX = "SIEMBURST#";

  private final DynamoDbClient dynamo;
  private final String table;

  public AuthFailureBursts(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** The window's state after an observation. */
  public record Window(int count, boolean handled) {}

  /**
   * Adds up to {@code threshold} of {@code auditIds} to the window's set and returns the window.
   */
  public Window observe(
      String tenantId, long windowStart, List<String> auditIds, int threshold, Instant expires) {
    List<String> ids = auditIds.stream().distinct().limit(threshold).toList();
    try {
      Map<String, AttributeValue> a =
          dynamo
              .updateItem(
                  u ->
                      u.tableName(table)
                          .key(key(tenantId, windowStart))
                          .conditionExpression("attribute_not_exists(ids) OR size(ids) < :n")
                          .updateExpression("ADD ids :ids SET expires_at = :exp, #type = :type")
                          .expressionAttributeNames(Map.of("#type", "type"))
                          .expressionAttributeValues(
                              Map.of(
                                  ":ids", AttributeValue.fromSs(ids),
                                  ":n", n(threshold),
                                  ":exp", n(expires.getEpochSecond()),
                                  ":type", s("siem_auth_failure_window")))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return window(a);
    } catch (ConditionalCheckFailedException full) {
      Map<String, AttributeValue> a =
          dynamo
              .getItem(g -> g.tableName(table).key(key(tenantId, windowStart)).consistentRead(true))
              .item();
      return window(a);
    }
  }

  /** Records that the window's alert was delivered or dead-lettered. */
  public void markHandled(String tenantId, long windowStart) {
    dynamo.updateItem(
        u ->
            u.tableName(table)
                .key(key(tenantId, windowStart))
                .updateExpression("SET handled = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
  }

  private static Window window(Map<String, AttributeValue> a) {
    if (a == null || a.isEmpty()) {
      return new Window(0, false);
    }
    AttributeValue ids = a.get("ids");
    int count = ids == null || !ids.hasSs() ? 0 : ids.ss().size();
    return new Window(count, Items.boolOf(a, "handled"));
  }

  private static Map<String, AttributeValue> key(String tenantId, long windowStart) {
    return Items.key(VaultTableKeys.pk(tenantId), SK_PREFIX + windowStart);
  }
}
