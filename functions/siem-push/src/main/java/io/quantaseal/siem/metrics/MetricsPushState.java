package io.quantaseal.siem.metrics;

import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.VaultTableKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The tenant's metrics push state, one item in the vault table ({@code pk = TENANT#id, sk =
 * SIEMPUSH#METRICS}): the watermark (start of the first period not yet accepted by Datadog), a
 * lease (owner, expiry) and the {@link UsageHistory}. Every change is a conditional write
 * (docs/siem.md, "Watermark and lease"):
 *
 * <ul>
 *   <li>{@link #acquire} takes the lease if it is free, expired or already ours;
 *   <li>{@link #advance} moves the watermark only if we still hold the lease and the watermark is
 *       still the one we started from, so a run whose lease was taken over cannot move it;
 *   <li>{@link #release} frees the lease if it is ours.
 * </ul>
 */
public final class MetricsPushState {
  public static final String SK = "SIEMPUSH#METRICS";

  private final DynamoDbClient dynamo;
  private final String table;

  public MetricsPushState(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** The state as read when the lease was taken. */
  public record Lease(String tenantId, String owner, OptionalLong watermark, UsageHistory usage) {}

  /** Thrown when the lease was lost (expired and taken by another run) or the state moved. */
  public static final class LeaseLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseLostException(String message) {
      super(message, null, false, false);
    }
  }

  /** Takes the tenant's lease until {@code until}; empty if another run holds it. */
  public Optional<Lease> acquire(String tenantId, String owner, Instant now, Instant until) {
    try {
      UpdateItemResponse r =
          dynamo.updateItem(
              u ->
                  u.tableName(table)
                      .key(key(tenantId))
                      .conditionExpression(
                          "attribute_not_exists(lease_expires) OR lease_expires < :now"
                              + " OR lease_owner = :me")
                      .updateExpression(
                          "SET lease_owner = :me, lease_expires = :until, #type = :type")
                      .expressionAttributeNames(Map.of("#type", "type"))
                      .expressionAttributeValues(
                          Map.of(
                              ":me", s(owner),
                              ":now", n(now.toEpochMilli()),
                              ":until", n(until.toEpochMilli()),
                              ":type", s("siem_push_state")))
                      .returnValues(ReturnValue.ALL_NEW));
      Map<String, AttributeValue> i = r.attributes();
      OptionalLong watermark =
          i.containsKey("watermark")
              ? OptionalLong.of(Items.num(i, "watermark"))
              : OptionalLong.empty();
      return Optional.of(new Lease(tenantId, owner, watermark, usage(i)));
    } catch (ConditionalCheckFailedException held) {
      return Optional.empty();
    }
  }

  /**
   * Moves the watermark from {@code lease.watermark()} (or none) to {@code next}, stores {@code
   * usage} and extends the lease to {@code until}; returns the lease as it now stands.
   *
   * @throws LeaseLostException if the lease is no longer ours or the watermark moved meanwhile
   */
  public Lease advance(Lease lease, long next, UsageHistory usage, Instant until) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":me", s(lease.owner()));
    values.put(":next", n(next));
    values.put(":until", n(until.toEpochMilli()));
    values.put(":used", usageMap(usage));
    String condition = "lease_owner = :me AND ";
    if (lease.watermark().isPresent()) {
      condition += "watermark = :old";
      values.put(":old", n(lease.watermark().getAsLong()));
    } else {
      condition += "attribute_not_exists(watermark)";
    }
    String update = "SET watermark = :next, lease_expires = :until, op_last_used = :used";
    if (usage.revokedKeyPresentedAt().isPresent()) {
      update += ", revoked_key_presented_at = :rev";
      values.put(":rev", n(usage.revokedKeyPresentedAt().get()));
    }
    String cond = condition;
    String upd = update;
    try {
      dynamo.updateItem(
          u ->
              u.tableName(table)
                  .key(key(lease.tenantId()))
                  .conditionExpression(cond)
                  .updateExpression(upd)
                  .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException e) {
      throw new LeaseLostException(
          "metrics push lease of tenant " + lease.tenantId() + " lost or watermark moved");
    }
    return new Lease(lease.tenantId(), lease.owner(), OptionalLong.of(next), usage);
  }

  /** Frees the lease if it is still ours. */
  public void release(Lease lease) {
    try {
      dynamo.updateItem(
          u ->
              u.tableName(table)
                  .key(key(lease.tenantId()))
                  .conditionExpression("lease_owner = :me")
                  .updateExpression("REMOVE lease_owner, lease_expires")
                  .expressionAttributeValues(Map.of(":me", s(lease.owner()))));
    } catch (ConditionalCheckFailedException e) {
      // Taken over meanwhile: nothing of ours to free.
    }
  }

  /** The stored watermark, if any (for tests and operators). */
  public OptionalLong watermark(String tenantId) {
    Map<String, AttributeValue> i =
        dynamo.getItem(g -> g.tableName(table).key(key(tenantId)).consistentRead(true)).item();
    return i == null || !i.containsKey("watermark")
        ? OptionalLong.empty()
        : OptionalLong.of(Items.num(i, "watermark"));
  }

  private static Map<String, AttributeValue> key(String tenantId) {
    return Items.key(VaultTableKeys.pk(tenantId), SK);
  }

  private static UsageHistory usage(Map<String, AttributeValue> i) {
    Map<String, Long> used = new HashMap<>();
    AttributeValue m = i.get("op_last_used");
    if (m != null && m.hasM()) {
      m.m().forEach((k, v) -> used.put(k, Long.parseLong(v.n())));
    }
    Optional<Long> revoked =
        i.containsKey("revoked_key_presented_at")
            ? Optional.of(Items.num(i, "revoked_key_presented_at"))
            : Optional.empty();
    return new UsageHistory(used, revoked);
  }

  private static AttributeValue usageMap(UsageHistory usage) {
    Map<String, AttributeValue> m = new HashMap<>();
    usage.operationLastUsed().forEach((k, v) -> m.put(k, n(v)));
    return AttributeValue.fromM(m);
  }
}
