package io.quantaseal.common.store;

import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * API keys: the lookup item in the API-keys table ({@code key_hash}) and an index item under the
 * tenant in the vault table ({@code APIKEY#id}) so a tenant's keys can be listed and revoked by id.
 * The lookup item holds what the authorizer needs (tenant, scopes, revocation, expiry); the index
 * item also holds the name and the last use. Every revocation increments {@code api_keys_version}
 * on the tenant item, so that a revocation that checked the tenant's other keys first ({@link
 * #revoke(String, String, Instant, Optional)}) fails if another revocation ran in between.
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
    lookup.put("scopes", Items.list(k.scopes().stream().sorted().toList()));
    lookup.put("display_prefix", s(k.displayPrefix()));
    lookup.put("created_at", s(k.createdAt().toString()));
    k.expiresAt().ifPresent(t -> lookup.put("expires_at", s(t.toString())));
    Map<String, AttributeValue> index =
        new HashMap<>(
            Items.key(VaultTableKeys.pk(k.tenantId()), VaultTableKeys.apiKey(k.apiKeyId())));
    index.put("type", s("api_key"));
    index.put("api_key_id", s(k.apiKeyId()));
    index.put("key_hash", s(k.keyHash()));
    index.put("display_prefix", s(k.displayPrefix()));
    index.put("scopes", Items.list(k.scopes().stream().sorted().toList()));
    index.put("created_at", s(k.createdAt().toString()));
    k.name().ifPresent(nm -> index.put("name", s(nm)));
    k.expiresAt().ifPresent(t -> index.put("expires_at", s(t.toString())));
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
            instant(i, "revoked_at"),
            Optional.empty(),
            instant(i, "expires_at"),
            Optional.empty()));
  }

  /** The tenant's key {@code apiKeyId} (its index item), revoked or not. */
  public Optional<ApiKeyRecord> find(String tenantId, String apiKeyId) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(vaultTable)
                        .key(
                            Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.apiKey(apiKeyId)))
                        .consistentRead(true))
            .item();
    return i == null || i.isEmpty() ? Optional.empty() : Optional.of(fromIndex(tenantId, i));
  }

  /** One page of the tenant's keys, in id order. */
  public Page<ApiKeyRecord> page(String tenantId, PageRequest page) {
    String pk = VaultTableKeys.pk(tenantId);
    return QueryPages.query(dynamo, QueryPages.prefixQuery(vaultTable, pk, "APIKEY#"), pk, page)
        .map(i -> fromIndex(tenantId, i));
  }

  /** All of the tenant's keys, revoked ones too, in id order. */
  public List<ApiKeyRecord> all(String tenantId) {
    List<ApiKeyRecord> out = new ArrayList<>();
    dynamo
        .queryPaginator(QueryPages.prefixQuery(vaultTable, VaultTableKeys.pk(tenantId), "APIKEY#"))
        .items()
        .forEach(i -> out.add(fromIndex(tenantId, i)));
    return out;
  }

  /** How many revocations the tenant has had: the guard of a checked revocation. */
  public long revocations(String tenantId) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(vaultTable)
                        .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.TENANT_SK))
                        .projectionExpression("api_keys_version")
                        .consistentRead(true))
            .item();
    return i == null ? 0 : Items.num(i, "api_keys_version");
  }

  /** Revokes the tenant's key {@code apiKeyId}; false if the tenant has no such key. */
  public boolean revoke(String tenantId, String apiKeyId, Instant when) {
    return revoke(tenantId, apiKeyId, when, Optional.empty()) != RevokeResult.NOT_FOUND;
  }

  /** What a revocation did. */
  public enum RevokeResult {
    REVOKED,
    NOT_FOUND,
    /** Another revocation of the tenant ran after {@link #revocations} was read: check again. */
    CONCURRENT
  }

  /**
   * Revokes the tenant's key {@code apiKeyId}, if {@code expectedRevocations} is empty or still
   * what {@link #revocations} answers.
   */
  public RevokeResult revoke(
      String tenantId, String apiKeyId, Instant when, Optional<Long> expectedRevocations) {
    Optional<ApiKeyRecord> found = find(tenantId, apiKeyId);
    if (found.isEmpty()) {
      return RevokeResult.NOT_FOUND;
    }
    String hash = found.get().keyHash();
    Update.Builder counter =
        Update.builder()
            .tableName(vaultTable)
            .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.TENANT_SK))
            .updateExpression(
                "SET api_keys_version = if_not_exists(api_keys_version, :zero) + :one");
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":zero", n(0), ":one", n(1)));
    if (expectedRevocations.isEmpty()) {
      counter.conditionExpression("attribute_exists(pk)");
    } else if (expectedRevocations.get() == 0) {
      counter.conditionExpression(
          "attribute_exists(pk) AND attribute_not_exists(api_keys_version)");
    } else {
      counter.conditionExpression("attribute_exists(pk) AND api_keys_version = :expected");
      values.put(":expected", n(expectedRevocations.get()));
    }
    counter.expressionAttributeValues(values);
    try {
      dynamo.transactWriteItems(
          r ->
              r.transactItems(
                  TransactWriteItem.builder()
                      .update(
                          u ->
                              u.tableName(apiKeysTable)
                                  .key(Map.of("key_hash", s(hash)))
                                  .updateExpression(
                                      "SET revoked_at = if_not_exists(revoked_at, :t)")
                                  .conditionExpression("attribute_exists(key_hash)")
                                  .expressionAttributeValues(Map.of(":t", s(when.toString()))))
                      .build(),
                  TransactWriteItem.builder()
                      .update(
                          u ->
                              u.tableName(vaultTable)
                                  .key(
                                      Items.key(
                                          VaultTableKeys.pk(tenantId),
                                          VaultTableKeys.apiKey(apiKeyId)))
                                  .updateExpression(
                                      "SET revoked_at = if_not_exists(revoked_at, :t)")
                                  .conditionExpression("attribute_exists(pk)")
                                  .expressionAttributeValues(Map.of(":t", s(when.toString()))))
                      .build(),
                  TransactWriteItem.builder().update(counter.build()).build()));
    } catch (TransactionCanceledException e) {
      if (expectedRevocations.isPresent()
          && e.hasCancellationReasons()
          && "ConditionalCheckFailed".equals(e.cancellationReasons().get(2).code())) {
        return RevokeResult.CONCURRENT;
      }
      throw e;
    }
    return RevokeResult.REVOKED;
  }

  /**
   * Records that the key was used at {@code now}, unless a use at or after {@code notBefore} is
   * recorded already (one conditional UpdateItem; a lost race or a missing item is ignored).
   */
  public void recordUse(String tenantId, String apiKeyId, Instant now, Instant notBefore) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(vaultTable)
                  .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.apiKey(apiKeyId)))
                  .updateExpression("SET last_used_ms = :now")
                  .conditionExpression(
                      "attribute_exists(pk) AND (attribute_not_exists(last_used_ms)"
                          + " OR last_used_ms < :cut)")
                  .expressionAttributeValues(
                      Map.of(":now", n(now.toEpochMilli()), ":cut", n(notBefore.toEpochMilli()))));
    } catch (ConditionalCheckFailedException e) {
      // Recorded recently by another container, or the key is gone.
    }
  }

  /** The tenant's keys as the operator lists them: ids, prefixes, scopes and status only. */
  public List<Map<String, Object>> listForTenant(String tenantId) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ApiKeyRecord k : all(tenantId)) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("api_key_id", k.apiKeyId());
      m.put("display_prefix", k.displayPrefix());
      m.put("scopes", k.scopes().stream().sorted().toList());
      m.put("created_at", k.createdAt().toString());
      m.put("revoked_at", k.revokedAt().map(Instant::toString).orElse(null));
      out.add(m);
    }
    return out;
  }

  private static ApiKeyRecord fromIndex(String tenantId, Map<String, AttributeValue> i) {
    return new ApiKeyRecord(
        Items.str(i, "key_hash"),
        Items.str(i, "api_key_id"),
        tenantId,
        Items.strSet(i, "scopes"),
        Items.str(i, "display_prefix"),
        Instant.parse(Items.str(i, "created_at")),
        instant(i, "revoked_at"),
        Items.optStr(i, "name"),
        instant(i, "expires_at"),
        i.containsKey("last_used_ms")
            ? Optional.of(Instant.ofEpochMilli(Items.num(i, "last_used_ms")))
            : Optional.empty());
  }

  private static Optional<Instant> instant(Map<String, AttributeValue> i, String name) {
    return Items.optStr(i, name).map(Instant::parse);
  }
}
