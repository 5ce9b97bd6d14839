package io.quantaseal.common.store;

import static io.quantaseal.common.store.Items.b;
import static io.quantaseal.common.store.Items.s;

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
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Service signing keys ({@code pk=SERVICE, sk=SIGNINGKEY#skid}) and the pointer to the active one
 * ({@code sk=SIGNINGKEY_ACTIVE}), set with a conditional write so that concurrent cold starts agree
 * on one key.
 */
public final class SigningKeyRepository {
  private static final String ACTIVE_SK = "SIGNINGKEY_ACTIVE";

  private final DynamoDbClient dynamo;
  private final String table;

  public SigningKeyRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public List<SigningKeyRecord> all() {
    List<SigningKeyRecord> out = new ArrayList<>();
    dynamo
        .queryPaginator(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(
                        Map.of(":pk", s(VaultTableKeys.SERVICE_PK), ":p", s("SIGNINGKEY#"))))
        .items()
        .forEach(i -> out.add(from(i)));
    out.sort(Comparator.comparing(SigningKeyRecord::createdAt));
    return out;
  }

  public Optional<String> activeSkid() {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Items.key(VaultTableKeys.SERVICE_PK, ACTIVE_SK))
                        .consistentRead(true))
            .item();
    return i == null || i.isEmpty() ? Optional.empty() : Optional.of(Items.str(i, "skid"));
  }

  public Optional<SigningKeyRecord> find(String skid) {
    Map<String, AttributeValue> i =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Items.key(VaultTableKeys.SERVICE_PK, VaultTableKeys.signingKey(skid)))
                        .consistentRead(true))
            .item();
    return i == null || i.isEmpty() ? Optional.empty() : Optional.of(from(i));
  }

  /**
   * Stores {@code k} and makes it active if no key is active yet. Returns the active skid: {@code
   * k}'s, or the one another container set first.
   */
  public String createIfNoneActive(SigningKeyRecord k) {
    Map<String, AttributeValue> i = item(k);
    // The key first, then the pointer: a reader that sees the pointer always finds the key.
    dynamo.putItem(r -> r.tableName(table).item(i));
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(
                      Map.of(
                          "pk", s(VaultTableKeys.SERVICE_PK),
                          "sk", s(ACTIVE_SK),
                          "skid", s(k.skid())))
                  .conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException e) {
      // Another container won: drop our unused key so it is never listed.
      dynamo.deleteItem(
          r ->
              r.tableName(table)
                  .key(Items.key(VaultTableKeys.SERVICE_PK, VaultTableKeys.signingKey(k.skid()))));
      return activeSkid().orElseThrow();
    }
    return k.skid();
  }

  /**
   * Makes {@code next} the active key in place of {@code currentSkid}, which is marked retired at
   * {@code now}, in one transaction: the new key, the pointer (only if it still names {@code
   * currentSkid}) and the old key's {@code retired_at}. Returns false, writing nothing, when
   * another rotation moved the pointer first.
   */
  public boolean rotate(SigningKeyRecord next, String currentSkid, Instant now) {
    Map<String, AttributeValue> item = item(next);
    try {
      dynamo.transactWriteItems(
          r ->
              r.transactItems(
                  t ->
                      t.put(
                          p ->
                              p.tableName(table)
                                  .item(item)
                                  .conditionExpression("attribute_not_exists(pk)")),
                  t ->
                      t.update(
                          u ->
                              u.tableName(table)
                                  .key(Items.key(VaultTableKeys.SERVICE_PK, ACTIVE_SK))
                                  .updateExpression("SET skid = :next")
                                  .conditionExpression("skid = :current")
                                  .expressionAttributeValues(
                                      Map.of(":next", s(next.skid()), ":current", s(currentSkid)))),
                  t ->
                      t.update(
                          u ->
                              u.tableName(table)
                                  .key(
                                      Items.key(
                                          VaultTableKeys.SERVICE_PK,
                                          VaultTableKeys.signingKey(currentSkid)))
                                  .updateExpression("SET retired_at = :now")
                                  .conditionExpression("attribute_exists(pk)")
                                  .expressionAttributeValues(Map.of(":now", s(now.toString()))))));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }

  /** Crypto-erases a retired key's seed: nothing can sign with it again. */
  public void eraseSeed(String skid) {
    dynamo.updateItem(
        r ->
            r.tableName(table)
                .key(Items.key(VaultTableKeys.SERVICE_PK, VaultTableKeys.signingKey(skid)))
                .updateExpression("REMOVE seed_wrapped")
                .conditionExpression("attribute_exists(retired_at)"));
  }

  private static Map<String, AttributeValue> item(SigningKeyRecord k) {
    Map<String, AttributeValue> i =
        new HashMap<>(Items.key(VaultTableKeys.SERVICE_PK, VaultTableKeys.signingKey(k.skid())));
    i.put("type", s("signing_key"));
    i.put("skid", s(k.skid()));
    i.put("public_key", b(k.publicKey()));
    i.put("seed_wrapped", b(k.seedWrapped()));
    i.put("created_at", s(k.createdAt().toString()));
    return i;
  }

  private static SigningKeyRecord from(Map<String, AttributeValue> i) {
    return new SigningKeyRecord(
        Items.str(i, "skid"),
        Items.bytes(i, "public_key"),
        i.containsKey("seed_wrapped") ? Items.bytes(i, "seed_wrapped") : new byte[0],
        Instant.parse(Items.str(i, "created_at")),
        Items.optStr(i, "retired_at").map(Instant::parse));
  }
}
