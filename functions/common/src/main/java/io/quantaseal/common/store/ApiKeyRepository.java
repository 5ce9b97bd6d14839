package io.quantaseal.common.store;

import static io.quantaseal.common.store.Items.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * API keys: the lookup item in the API-keys table ({@code key_hash}) and an index item under the
 * tenant in the vault table ({@code APIKEY#id}) so a tenant's keys can be listed and revoked by id.
 */
public final class ApiKeyRepository {
  private final DynamoDbClient dynamo;
  private final String apiKeysTable;
  private final String vaultTable;

  public ApiKeyRepository(DynamoDbClient dynamo, String apiKeysTable, String vaultTable) {
    this.dynamo = dynamo;
    this.apiKeysTable = apiKeysTable;
    this.vaultTable = vaultTable;
  }

  public void create(ApiKeyRecord k) {
    Map<String, AttributeValue> lookup = new HashMap<>();
    lookup.put("key_hash", s(k.keyHash()));
    lookup.put("api_key_id", s(k.apiKeyId()));
    lookup.put("tenant_id", s(k.tenantId()));
    lookup.put("scopes", Items.list(k.scopes()));
    lookup.put("display_prefix", s(k.displayPrefix()));
    lookup.put("created_at", s(k.createdAt().toString()));
    Map<String, AttributeValue> index =
        new HashMap<>(Items.key(TenantKeys.pk(k.tenantId()), TenantKeys.apiKey(k.apiKeyId())));
    index.put("type", s("api_key"));
    index.put("api_key_id", s(k.apiKeyId()));
    index.put("key_hash", s(k.keyHash()));
    index.put("display_prefix", s(k.displayPrefix()));
    index.put("scopes", Items.list(k.scopes()));
    index.put("created_at", s(k.createdAt().toString()));
    dynamo.transactWriteItems(
        r ->
            r.transactItems(
                TransactWriteItem.builder()
                    .put(
                        p ->
                            p.tableName(apiKeysTable)
                                .item(lookup)
                                .conditionExpression("attribute_not_exists(key_hash)"))
                    .build(),
                TransactWriteItem.builder()
                    .put(
                        p ->
                            p.tableName(vaultTable)
                                .item(index)
                                .conditionExpression("attribute_not_exists(pk)"))
                    .build()));
  }

  /** One GetItem by hash, whether or not the key exists (the authorizer's constant-cost lookup). */
  public Optional<ApiKeyRecord> findByHash(String keyHash) {
    Map<String, AttributeValue> i =
        dynamo.getItem(r -> r.tableName(apiKeysTable).key(Map.of("key_hash", s(keyHash)))).item();
    if (i == null || i.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ApiKeyRecord(
            Items.str(i, "key_hash"),
            Items.str(i, "api_key_id"),
            Items.str(i, "tenant_id"),
            Items.strSet(i, "scopes"),
            Items.str(i, "display_prefix"),
            Instant.parse(Items.str(i, "created_at")),
            Items.optStr(i, "revoked_at").map(Instant::parse)));
  }

  /** Revokes the tenant's key {@code apiKeyId}; false if the tenant has no such key. */
  public boolean revoke(String tenantId, String apiKeyId, Instant when) {
    Map<String, AttributeValue> index =
        dynamo
            .getItem(
                r ->
                    r.tableName(vaultTable)
                        .key(Items.key(TenantKeys.pk(tenantId), TenantKeys.apiKey(apiKeyId)))
                        .consistentRead(true))
            .item();
    if (index == null || index.isEmpty()) {
      return false;
    }
    String hash = Items.str(index, "key_hash");
    dynamo.transactWriteItems(
        r ->
            r.transactItems(
                TransactWriteItem.builder()
                    .update(
                        u ->
                            u.tableName(apiKeysTable)
                                .key(Map.of("key_hash", s(hash)))
                                .updateExpression("SET revoked_at = :t")
                                .conditionExpression("attribute_exists(key_hash)")
                                .expressionAttributeValues(Map.of(":t", s(when.toString()))))
                    .build(),
                TransactWriteItem.builder()
                    .update(
                        u ->
                            u.tableName(vaultTable)
                                .key(
                                    Items.key(TenantKeys.pk(tenantId), TenantKeys.apiKey(apiKeyId)))
                                .updateExpression("SET revoked_at = :t")
                                .expressionAttributeValues(Map.of(":t", s(when.toString()))))
                    .build()));
    return true;
  }

  /** The tenant's keys, newest last: ids, prefixes, scopes and status only. */
  public List<Map<String, Object>> listForTenant(String tenantId) {
    List<Map<String, Object>> out = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(vaultTable)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(
                        Map.of(":pk", s(TenantKeys.pk(tenantId)), ":p", s("APIKEY#"))))
        .items()
        .forEach(
            i -> {
              Map<String, Object> m = new java.util.LinkedHashMap<>();
              m.put("api_key_id", Items.str(i, "api_key_id"));
              m.put("display_prefix", Items.str(i, "display_prefix"));
              m.put("scopes", Items.strList(i, "scopes"));
              m.put("created_at", Items.str(i, "created_at"));
              m.put("revoked_at", Items.str(i, "revoked_at"));
              out.add(m);
            });
    return out;
  }
}
