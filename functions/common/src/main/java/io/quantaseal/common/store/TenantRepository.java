package io.quantaseal.common.store;

import static io.quantaseal.common.store.Items.b;
import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.tenancy.RateLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Tenants in the vault table ({@code pk=TENANT#id, sk=TENANT}). */
public final class TenantRepository {
  private final DynamoDbClient dynamo;
  private final String table;

  public TenantRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** Creates the tenant; false if it already exists. */
  public boolean create(TenantRecord t) {
    Map<String, AttributeValue> item =
        new HashMap<>(Items.key(VaultTableKeys.pk(t.tenantId()), VaultTableKeys.TENANT_SK));
    item.put("type", s("tenant"));
    item.put("tenant_id", s(t.tenantId()));
    item.put("name", s(t.name()));
    item.put("kms_key_id", s(t.kmsKeyId()));
    item.put("vault_public_key", b(t.vaultPublicKey()));
    item.put("vault_seed_wrapped", b(t.vaultSeedWrapped()));
    item.put("rotation_policy_days", n(t.rotationPolicyDays()));
    item.put("created_at", s(t.createdAt().toString()));
    try {
      dynamo.putItem(
          r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** Sets the tenant's rate limit (the operator's set-rate-limit); false if there is no tenant. */
  public boolean setRateLimit(String tenantId, RateLimit limit) {
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.TENANT_SK))
                  .conditionExpression("attribute_exists(pk)")
                  .updateExpression("SET rate_limit_rps = :r, rate_limit_burst = :b")
                  .expressionAttributeValues(
                      Map.of(
                          ":r",
                          AttributeValue.builder()
                              .n(Double.toString(limit.requestsPerSecond()))
                              .build(),
                          ":b",
                          AttributeValue.builder().n(Integer.toString(limit.burst())).build())));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /** The tenant's own rate limit, if the operator set one. */
  public Optional<RateLimit> rateLimit(String tenantId) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.TENANT_SK))
                        .projectionExpression("rate_limit_rps, rate_limit_burst"))
            .item();
    if (i == null || !i.containsKey("rate_limit_rps") || !i.containsKey("rate_limit_burst")) {
      return Optional.empty();
    }
    return Optional.of(
        new RateLimit(
            Double.parseDouble(i.get("rate_limit_rps").n()),
            Integer.parseInt(i.get("rate_limit_burst").n())));
  }

  public Optional<TenantRecord> find(String tenantId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Items.key(VaultTableKeys.pk(tenantId), VaultTableKeys.TENANT_SK))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  /** Every tenant (for the scheduled SIEM push); a scan over tenant items only. */
  public List<TenantRecord> all() {
    List<TenantRecord> out = new ArrayList<>();
    dynamo
        .scanPaginator(
            r ->
                r.tableName(table)
                    .filterExpression("sk = :t")
                    .expressionAttributeValues(Map.of(":t", s(VaultTableKeys.TENANT_SK))))
        .items()
        .forEach(i -> out.add(fromItem(i)));
    return out;
  }

  private static TenantRecord fromItem(Map<String, AttributeValue> i) {
    return new TenantRecord(
        Items.str(i, "tenant_id"),
        Items.str(i, "name"),
        Items.str(i, "kms_key_id"),
        Items.bytes(i, "vault_public_key"),
        Items.bytes(i, "vault_seed_wrapped"),
        (int) Items.num(i, "rotation_policy_days"),
        Instant.parse(Items.str(i, "created_at")));
  }
}
