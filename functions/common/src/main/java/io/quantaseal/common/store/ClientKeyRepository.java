package io.quantaseal.common.store;

import static io.quantaseal.common.store.Items.b;
import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Client keys under the tenant ({@code CLIENTKEY#rkid}), each with the API key that registered it.
 */
public final class ClientKeyRepository {
  private final DynamoDbClient dynamo;
  private final String table;

  public ClientKeyRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public void create(ClientKeyRecord k) {
    Map<String, AttributeValue> i =
        new HashMap<>(
            Items.key(VaultTableKeys.pk(k.tenantId()), VaultTableKeys.clientKey(k.rkid())));
    i.put("type", s("client_key"));
    i.put("tenant_id", s(k.tenantId()));
    i.put("rkid", s(k.rkid()));
    i.put("public_key", b(k.publicKey()));
    i.put("hkid", s(k.hkid()));
    i.put("mac_key_sealed", b(k.macKeySealed()));
    i.put("created_at", s(k.createdAt().toString()));
    k.apiKeyId().ifPresent(id -> i.put("api_key_id", s(id)));
    dynamo.putItem(r -> r.tableName(table).item(i).conditionExpression("attribute_not_exists(pk)"));
  }

  public Optional<ClientKeyRecord> find(String tenantId, String rkid) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.clientKey(rkid)))
                        .consistentRead(true))
            .item();
    return i == null || i.isEmpty() ? Optional.empty() : Optional.of(from(i));
  }

  /** All of the tenant's client keys, oldest first. */
  public List<ClientKeyRecord> list(String tenantId) {
    List<ClientKeyRecord> out = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(
                        Map.of(":pk", s(VaultTableKeys.pk(tenantId)), ":p", s("CLIENTKEY#"))))
        .items()
        .forEach(i -> out.add(from(i)));
    out.sort(Comparator.comparing(ClientKeyRecord::createdAt));
    return out;
  }

  /** One page of the tenant's client keys, in {@code rkid} order. */
  public Page<ClientKeyRecord> page(String tenantId, PageRequest page) {
    String pk = VaultTableKeys.pk(tenantId);
    return QueryPages.query(dynamo, QueryPages.prefixQuery(table, pk, "CLIENTKEY#"), pk, page)
        .map(ClientKeyRepository::from);
  }

  /**
   * One page of the client keys {@code apiKeyId} registered, in {@code rkid} order (a filter on the
   * tenant's client keys).
   */
  public Page<ClientKeyRecord> pageRegisteredBy(
      String tenantId, String apiKeyId, PageRequest page) {
    String pk = VaultTableKeys.pk(tenantId);
    QueryRequest base = QueryPages.prefixQuery(table, pk, "CLIENTKEY#");
    Map<String, AttributeValue> values = new HashMap<>(base.expressionAttributeValues());
    values.put(":k", s(apiKeyId));
    QueryRequest filtered =
        base.toBuilder()
            .filterExpression("api_key_id = :k")
            .expressionAttributeValues(values)
            .build();
    return QueryPages.query(dynamo, filtered, pk, page).map(ClientKeyRepository::from);
  }

  /**
   * Revokes the tenant's client key {@code rkid} (the first revocation time is kept); false if the
   * tenant has no such key.
   */
  public boolean revoke(String tenantId, String rkid, Instant when) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.clientKey(rkid)))
                  .updateExpression("SET revoked_at = if_not_exists(revoked_at, :t)")
                  .conditionExpression("attribute_exists(pk)")
                  .expressionAttributeValues(Map.of(":t", s(when.toString()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * Records that an envelope was sealed to {@code rkid} at {@code now}, unless a use at or after
   * {@code notBefore} is recorded already (one conditional UpdateItem; a lost race is ignored).
   */
  public void recordUse(String tenantId, String rkid, Instant now, Instant notBefore) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.clientKey(rkid)))
                  .updateExpression("SET last_used_ms = :now")
                  .conditionExpression(
                      "attribute_exists(pk) AND (attribute_not_exists(last_used_ms)"
                          + " OR last_used_ms < :cut)")
                  .expressionAttributeValues(
                      Map.of(":now", n(now.toEpochMilli()), ":cut", n(notBefore.toEpochMilli()))));
    } catch (ConditionalCheckFailedException e) {
      // Recorded recently, or the key is gone.
    }
  }

  /** The client key that {@code apiKeyId} registered last and has not revoked. */
  public Optional<ClientKeyRecord> newestRegisteredBy(String tenantId, String apiKeyId) {
    List<ClientKeyRecord> own = list(tenantId).stream().filter(k -> k.usableBy(apiKeyId)).toList();
    return own.isEmpty() ? Optional.empty() : Optional.of(own.get(own.size() - 1));
  }

  private static ClientKeyRecord from(Map<String, AttributeValue> i) {
    return new ClientKeyRecord(
        Items.str(i, "tenant_id"),
        Items.str(i, "rkid"),
        Items.bytes(i, "public_key"),
        Items.str(i, "hkid"),
        Items.bytes(i, "mac_key_sealed"),
        Instant.parse(Items.str(i, "created_at")),
        Items.optStr(i, "api_key_id"),
        Items.optStr(i, "revoked_at").map(Instant::parse),
        i.containsKey("last_used_ms")
            ? Optional.of(Instant.ofEpochMilli(Items.num(i, "last_used_ms")))
            : Optional.empty());
  }
}
