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

/** Integrations under the tenant ({@code INTEGRATION#id}). */
public final class IntegrationRepository {
  private final DynamoDbClient dynamo;
  private final String table;

  public IntegrationRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Creates or replaces the integration. */
  public void put(IntegrationRecord r) {
    dynamo.putItem(p -> p.tableName(table).item(toItem(r)));
  }

  public Optional<IntegrationRecord> find(String tenantId, String integrationId) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(
                            Items.key(
                                VaultTableKeys.pk(tenantId),
                                VaultTableKeys.integration(integrationId)))
                        .consistentRead(true))
            .item();
    return i == null || i.isEmpty() ? Optional.empty() : Optional.of(from(i));
  }

  /** One page of the tenant's integrations, in id order. */
  public Page<IntegrationRecord> page(String tenantId, PageRequest page) {
    String pk = VaultTableKeys.pk(tenantId);
    return QueryPages.query(dynamo, QueryPages.prefixQuery(table, pk, "INTEGRATION#"), pk, page)
        .map(IntegrationRepository::from);
  }

  public List<IntegrationRecord> list(String tenantId) {
    List<IntegrationRecord> out = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(
                        Map.of(":pk", s(VaultTableKeys.pk(tenantId)), ":p", s("INTEGRATION#"))))
        .items()
        .forEach(i -> out.add(from(i)));
    return out;
  }

  /** The tenant's integrations that use vault entry {@code credentialId}. */
  public List<IntegrationRecord> usingCredential(String tenantId, String credentialId) {
    return list(tenantId).stream().filter(i -> i.credentialId().equals(credentialId)).toList();
  }

  public void delete(String tenantId, String integrationId) {
    dynamo.deleteItem(
        r ->
            r.tableName(table)
                .key(
                    Items.key(
                        VaultTableKeys.pk(tenantId), VaultTableKeys.integration(integrationId))));
  }

  /** Marks the integration unhealthy because the upstream refused credential version {@code v}. */
  public void markUnhealthy(
      String tenantId, String integrationId, String reason, int v, Instant at) {
    dynamo.updateItem(
        r ->
            r.tableName(table)
                .key(
                    Items.key(
                        VaultTableKeys.pk(tenantId), VaultTableKeys.integration(integrationId)))
                .conditionExpression("attribute_exists(pk)")
                .updateExpression(
                    "SET unhealthy_reason = :r, unhealthy_version = :v, updated_at = :t")
                .expressionAttributeValues(
                    Map.of(":r", s(reason), ":v", n(v), ":t", s(at.toString()))));
  }

  private static Map<String, AttributeValue> toItem(IntegrationRecord r) {
    Map<String, AttributeValue> i =
        new HashMap<>(
            Items.key(
                VaultTableKeys.pk(r.tenantId()), VaultTableKeys.integration(r.integrationId())));
    i.put("type", s("integration"));
    i.put("tenant_id", s(r.tenantId()));
    i.put("integration_id", s(r.integrationId()));
    i.put("system_type", s(r.systemType()));
    r.name().ifPresent(nm -> i.put("name", s(nm)));
    i.put("credential_id", s(r.credentialId()));
    i.put("site", s(r.site()));
    i.put("allowed_operations", Items.list(r.allowedOperations()));
    r.unhealthyReason().ifPresent(u -> i.put("unhealthy_reason", s(u)));
    i.put("unhealthy_version", n(r.unhealthyAtCredentialVersion()));
    i.put("created_at", s(r.createdAt().toString()));
    i.put("updated_at", s(r.updatedAt().toString()));
    i.put("credential_version", n(r.credentialVersion()));
    return i;
  }

  private static IntegrationRecord from(Map<String, AttributeValue> i) {
    return new IntegrationRecord(
        Items.str(i, "tenant_id"),
        Items.str(i, "integration_id"),
        Items.str(i, "system_type"),
        Items.optStr(i, "name"),
        Items.str(i, "credential_id"),
        Items.str(i, "site"),
        Items.strList(i, "allowed_operations"),
        Items.optStr(i, "unhealthy_reason"),
        (int) Items.num(i, "unhealthy_version"),
        Instant.parse(Items.str(i, "created_at")),
        Instant.parse(Items.str(i, "updated_at")),
        (int) Items.num(i, "credential_version"));
  }
}
