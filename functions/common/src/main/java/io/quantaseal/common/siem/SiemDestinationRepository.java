package io.quantaseal.common.siem;

import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.PageRequest;
import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.QueryPages;
import io.quantaseal.common.store.VaultTableKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** SIEM destinations under their tenant in the vault table ({@code sk = SIEMDEST#id}). */
public final class SiemDestinationRepository {
  static final String SK_PREFIX = "SIEMDEST#";

  private final DynamoDbClient dynamo;
  private final String table;

  public SiemDestinationRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Stores a new destination; false if the id is taken. */
  public boolean create(SiemDestination d) {
    try {
      dynamo.putItem(
          r -> r.tableName(table).item(toItem(d)).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  public Optional<SiemDestination> find(String tenantId, String destinationId) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(r -> r.tableName(table).key(key(tenantId, destinationId)).consistentRead(true))
            .item();
    return i == null || i.isEmpty() ? Optional.empty() : Optional.of(fromItem(i));
  }

  /** One page of the tenant's destinations, in id order. */
  public Page<SiemDestination> page(String tenantId, PageRequest page) {
    String pk = VaultTableKeys.pk(tenantId);
    return QueryPages.query(dynamo, QueryPages.prefixQuery(table, pk, SK_PREFIX), pk, page)
        .map(SiemDestinationRepository::fromItem);
  }

  /** The tenant's destinations, ordered by id. */
  public List<SiemDestination> list(String tenantId) {
    List<SiemDestination> out = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(
                        Map.of(":pk", s(VaultTableKeys.pk(tenantId)), ":p", s(SK_PREFIX))))
        .items()
        .forEach(i -> out.add(fromItem(i)));
    return out;
  }

  /** Deletes the destination; false if the tenant has no such destination. */
  public boolean delete(String tenantId, String destinationId) {
    try {
      dynamo.deleteItem(
          r ->
              r.tableName(table)
                  .key(key(tenantId, destinationId))
                  .conditionExpression("attribute_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * Stops the destination because Datadog refused {@code credentialRef}. True only for the one
   * caller that changed the state (so exactly one alert is raised per refused credential); false if
   * it was already stopped for that credential or no longer exists.
   */
  public boolean markUnhealthy(
      String tenantId, String destinationId, String reason, String credentialRef, Instant at) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(key(tenantId, destinationId))
                  .conditionExpression(
                      "attribute_exists(pk) AND (attribute_not_exists(unhealthy_credential)"
                          + " OR unhealthy_credential <> :c)")
                  .updateExpression(
                      "SET unhealthy_reason = :r, unhealthy_credential = :c, unhealthy_at = :t")
                  .expressionAttributeValues(
                      Map.of(":r", s(reason), ":c", s(credentialRef), ":t", s(at.toString()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** The destination's delivery status; {@link DeliveryStatus#NONE} if it does not exist. */
  public DeliveryStatus deliveryStatus(String tenantId, String destinationId) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(r -> r.tableName(table).key(key(tenantId, destinationId)).consistentRead(true))
            .item();
    if (i == null || i.isEmpty()) {
      return DeliveryStatus.NONE;
    }
    return new DeliveryStatus(
        Items.optStr(i, "last_delivery_at").map(Instant::parse),
        Items.optStr(i, "last_error"),
        Items.optStr(i, "last_error_at").map(Instant::parse),
        count(i, "delivered_count"),
        count(i, "failed_count"),
        Math.max(0, count(i, "dead_letters")));
  }

  /** {@code items} delivered at {@code at}. Nothing happens if the destination was deleted. */
  public void recordDelivered(String tenantId, String destinationId, int items, Instant at) {
    update(
        tenantId,
        destinationId,
        "ADD delivered_count :n SET last_delivery_at = :t",
        Map.of(":n", n(items), ":t", s(at.toString())));
  }

  /** {@code items} failed at {@code at} for {@code reason} (short, safe). */
  public void recordFailed(
      String tenantId, String destinationId, int items, String reason, Instant at) {
    update(
        tenantId,
        destinationId,
        "ADD failed_count :n SET last_error = :r, last_error_at = :t",
        Map.of(":n", n(items), ":r", s(reason), ":t", s(at.toString())));
  }

  /** Its letters in the dead-letter queue changed by {@code delta}. */
  public void addDeadLetters(String tenantId, String destinationId, int delta) {
    update(tenantId, destinationId, "ADD dead_letters :n", Map.of(":n", n(delta)));
  }

  private void update(
      String tenantId,
      String destinationId,
      String expression,
      Map<String, AttributeValue> values) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(key(tenantId, destinationId))
                  .conditionExpression("attribute_exists(pk)")
                  .updateExpression(expression)
                  .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException e) {
      // Deleted meanwhile: nothing to count.
    }
  }

  private static long count(Map<String, AttributeValue> i, String name) {
    return i.containsKey(name) ? Items.num(i, name) : 0;
  }

  private static Map<String, AttributeValue> key(String tenantId, String destinationId) {
    return Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.siemDestination(destinationId));
  }

  static Map<String, AttributeValue> toItem(SiemDestination d) {
    Map<String, AttributeValue> i = new HashMap<>(key(d.tenantId(), d.destinationId()));
    i.put("type", s("siem_destination"));
    i.put("tenant_id", s(d.tenantId()));
    i.put("destination_id", s(d.destinationId()));
    i.put("system_type", s(d.systemType()));
    i.put("integration_id", s(d.integrationId()));
    i.put("streams", Items.list(d.streams().stream().map(SiemStream::id).toList()));
    i.put("created_at", s(d.createdAt().toString()));
    d.unhealthyReason().ifPresent(v -> i.put("unhealthy_reason", s(v)));
    d.unhealthyCredential().ifPresent(v -> i.put("unhealthy_credential", s(v)));
    d.unhealthyAt().ifPresent(v -> i.put("unhealthy_at", s(v.toString())));
    return i;
  }

  static SiemDestination fromItem(Map<String, AttributeValue> i) {
    List<SiemStream> streams = new ArrayList<>();
    for (String id : Items.strList(i, "streams")) {
      SiemStream.fromId(id).ifPresent(streams::add);
    }
    return new SiemDestination(
        Items.str(i, "tenant_id"),
        Items.str(i, "destination_id"),
        Items.str(i, "system_type"),
        Items.str(i, "integration_id"),
        streams,
        Instant.parse(Items.str(i, "created_at")),
        Items.optStr(i, "unhealthy_reason"),
        Items.optStr(i, "unhealthy_credential"),
        Items.optStr(i, "unhealthy_at").map(Instant::parse));
  }
}
