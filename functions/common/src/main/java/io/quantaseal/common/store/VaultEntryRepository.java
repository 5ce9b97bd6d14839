package io.quantaseal.common.store;

import static io.quantaseal.common.store.Items.b;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Vault entries: metadata at {@code ENTRY#id}, sealed versions at {@code ENTRY#id#V#nnnnnnnn}, all
 * under the tenant's partition.
 */
public final class VaultEntryRepository {
  private final DynamoDbClient dynamo;
  private final String table;

  public VaultEntryRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public void create(VaultEntryRecord e, VaultVersionRecord first) {
    Map<String, AttributeValue> meta = metaItem(e);
    Map<String, AttributeValue> version = versionItem(e.tenantId(), e.entryId(), first);
    dynamo.transactWriteItems(
        r ->
            r.transactItems(
                put(meta, "attribute_not_exists(pk)"), put(version, "attribute_not_exists(pk)")));
  }

  public Optional<VaultEntryRecord> find(String tenantId, String entryId) {
    Map<String, AttributeValue> i = get(tenantId, VaultTableKeys.entry(entryId));
    return i.isEmpty() ? Optional.empty() : Optional.of(fromMeta(i));
  }

  /** One page of the tenant's entries (metadata, not versions), in id order. */
  public Page<VaultEntryRecord> page(String tenantId, PageRequest page) {
    String pk = VaultTableKeys.pk(tenantId);
    QueryRequest base = QueryPages.prefixQuery(table, pk, "ENTRY#");
    Map<String, AttributeValue> values = new HashMap<>(base.expressionAttributeValues());
    values.put(":type", s("vault_entry"));
    QueryRequest entriesOnly =
        base.toBuilder()
            .filterExpression("#type = :type")
            .expressionAttributeNames(Map.of("#type", "type"))
            .expressionAttributeValues(values)
            .build();
    return QueryPages.query(dynamo, entriesOnly, pk, page).map(VaultEntryRepository::fromMeta);
  }

  public List<VaultEntryRecord> list(String tenantId) {
    List<VaultEntryRecord> out = new ArrayList<>();
    query(tenantId, "ENTRY#").stream()
        .filter(i -> "vault_entry".equals(Items.str(i, "type")))
        .forEach(i -> out.add(fromMeta(i)));
    return out;
  }

  /** Versions still kept (not retired), oldest first; the blobs are included. */
  public List<VaultVersionRecord> versions(String tenantId, String entryId) {
    List<VaultVersionRecord> out = new ArrayList<>();
    for (Map<String, AttributeValue> i :
        query(tenantId, VaultTableKeys.entryVersionsPrefix(entryId))) {
      out.add(fromVersion(i));
    }
    return out;
  }

  public Optional<VaultVersionRecord> version(String tenantId, String entryId, int version) {
    Map<String, AttributeValue> i = get(tenantId, VaultTableKeys.entryVersion(entryId, version));
    return i.isEmpty() ? Optional.empty() : Optional.of(fromVersion(i));
  }

  /**
   * Adds version {@code expectedCurrent + 1} and makes it current, only if the entry is still at
   * {@code expectedCurrent}; false when another rotation won the race.
   */
  public boolean rotate(
      String tenantId, String entryId, int expectedCurrent, VaultVersionRecord next) {
    Map<String, AttributeValue> version = versionItem(tenantId, entryId, next);
    try {
      dynamo.transactWriteItems(
          r ->
              r.transactItems(
                  TransactWriteItem.builder()
                      .update(
                          u ->
                              u.tableName(table)
                                  .key(
                                      Items.key(
                                          VaultTableKeys.pk(tenantId),
                                          VaultTableKeys.entry(entryId)))
                                  .updateExpression("SET current_version = :n, rotated_at = :t")
                                  .conditionExpression("current_version = :c")
                                  .expressionAttributeValues(
                                      Map.of(
                                          ":n", n(next.version()),
                                          ":c", n(expectedCurrent),
                                          ":t", s(next.createdAt().toString()))))
                      .build(),
                  put(version, "attribute_not_exists(pk)")));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }

  /** Deletes one version's sealed blob (crypto-erase of that version). */
  public void deleteVersion(String tenantId, String entryId, int version) {
    dynamo.deleteItem(
        r ->
            r.tableName(table)
                .key(
                    Items.key(
                        VaultTableKeys.pk(tenantId),
                        VaultTableKeys.entryVersion(entryId, version))));
  }

  /** Deletes every version and the metadata: the sealed blobs, wrapped data keys included. */
  public void delete(String tenantId, String entryId) {
    for (VaultVersionRecord v : versions(tenantId, entryId)) {
      deleteVersion(tenantId, entryId, v.version());
    }
    dynamo.deleteItem(
        r ->
            r.tableName(table)
                .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.entry(entryId))));
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
    return TransactWriteItem.builder()
        .put(p -> p.tableName(table).item(item).conditionExpression(condition))
        .build();
  }

  private Map<String, AttributeValue> get(String tenantId, String sk) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Items.key(VaultTableKeys.pk(tenantId), sk))
                        .consistentRead(true))
            .item();
    return i == null ? Map.of() : i;
  }

  private List<Map<String, AttributeValue>> query(String tenantId, String prefix) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(
                        Map.of(":pk", s(VaultTableKeys.pk(tenantId)), ":p", s(prefix))))
        .items()
        .forEach(out::add);
    return out;
  }

  private static Map<String, AttributeValue> metaItem(VaultEntryRecord e) {
    Map<String, AttributeValue> i =
        new HashMap<>(
            Items.key(VaultTableKeys.pk(e.tenantId()), VaultTableKeys.entry(e.entryId())));
    i.put("type", s("vault_entry"));
    i.put("tenant_id", s(e.tenantId()));
    i.put("entry_id", s(e.entryId()));
    e.name().ifPresent(nm -> i.put("name", s(nm)));
    i.put("credential_type", s(e.credentialType()));
    i.put("current_version", n(e.currentVersion()));
    i.put("created_at", s(e.createdAt().toString()));
    i.put("rotated_at", s(e.rotatedAt().toString()));
    return i;
  }

  private static Map<String, AttributeValue> versionItem(
      String tenantId, String entryId, VaultVersionRecord v) {
    Map<String, AttributeValue> i =
        new HashMap<>(
            Items.key(
                VaultTableKeys.pk(tenantId), VaultTableKeys.entryVersion(entryId, v.version())));
    i.put("type", s("vault_version"));
    i.put("version", n(v.version()));
    i.put("created_at", s(v.createdAt().toString()));
    i.put("sealed", b(v.sealed()));
    return i;
  }

  private static VaultEntryRecord fromMeta(Map<String, AttributeValue> i) {
    return new VaultEntryRecord(
        Items.str(i, "tenant_id"),
        Items.str(i, "entry_id"),
        Items.optStr(i, "name"),
        Items.str(i, "credential_type"),
        (int) Items.num(i, "current_version"),
        Instant.parse(Items.str(i, "created_at")),
        Instant.parse(Items.str(i, "rotated_at")));
  }

  private static VaultVersionRecord fromVersion(Map<String, AttributeValue> i) {
    return new VaultVersionRecord(
        (int) Items.num(i, "version"),
        Instant.parse(Items.str(i, "created_at")),
        Items.bytes(i, "sealed"));
  }
}
