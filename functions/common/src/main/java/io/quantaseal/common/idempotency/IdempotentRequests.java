package io.quantaseal.common.idempotency;

import static io.quantaseal.common.store.Items.b;
import static io.quantaseal.common.store.Items.n;
import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.IdempotencyConflictException;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.VaultTableKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code Idempotency-Key} for POSTs, kept in DynamoDB with conditional writes (the design of
 * Powertools' idempotency module, whose v2 artifact this registry lacks).
 *
 * <ol>
 *   <li>A conditional put claims (tenant, route, key) as IN_PROGRESS with the body's SHA-256,
 *       unless a live record exists.
 *   <li>If one exists: another body → 409 {@code idempotency_conflict}; still in progress → 409;
 *       completed → the first answer again, with {@code Idempotent-Replayed: true}.
 *   <li>A 2xx answer is stored as its {@link ReplayPolicy} says: in clear when it holds no secret,
 *       sealed at rest when it is an envelope's plaintext (a replay then gets a freshly sealed
 *       envelope: new {@code iat}, its own request id), not at all when it shows a secret once (a
 *       replay is refused with 409); any other outcome deletes the claim so the client may retry.
 * </ol>
 *
 * Records expire after {@link #DEFAULT_TTL} (DynamoDB TTL on {@code expires_at}).
 */
public final class IdempotentRequests {
  public static final String HEADER = "Idempotency-Key";

  /** Set on every replayed answer. */
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  private static final Duration IN_PROGRESS_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern KEY_SHAPE = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  public IdempotentRequests(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  /**
   * Runs {@code action} at most once per Idempotency-Key. {@code storable} false means the answer
   * holds a secret shown once and must not be stored.
   */
  public ApiResponse run(ApiRequest request, boolean storable, Supplier<ApiResponse> action) {
    return run(request, action, ReplayPolicy.clear(storable));
  }

  /**
   * Runs {@code action} at most once per Idempotency-Key; {@code policy} turns its answer into the
   * response and what is stored, and answers replays from what was stored.
   */
  public <A> ApiResponse run(ApiRequest request, Supplier<A> action, ReplayPolicy<A> policy) {
    Optional<String> key = request.header(HEADER);
    if (key.isEmpty()) {
      A answer = action.get();
      try {
        return policy.respond(request, answer);
      } finally {
        policy.release(answer);
      }
    }
    if (!KEY_SHAPE.matcher(key.get()).matches()) {
      throw new InvalidRequestException(
          "Idempotency-Key must be 1 to 255 printable ASCII characters.");
    }
    String tenantId = request.caller().tenantId();
    ReplaySlot slot =
        new ReplaySlot(tenantId, VaultTableKeys.idempotency(request.route(), key.get()));
    Map<String, AttributeValue> itemKey = Items.key(VaultTableKeys.pk(tenantId), slot.sortKey());
    String bodyHash = sha256(request.body() == null ? "" : request.body());
    long now = clock.instant().getEpochSecond();

    Map<String, AttributeValue> claim = new HashMap<>(itemKey);
    claim.put("type", s("idempotency"));
    claim.put("status", s("IN_PROGRESS"));
    claim.put("body_hash", s(bodyHash));
    claim.put("in_progress_until", n(now + IN_PROGRESS_TIMEOUT.getSeconds()));
    claim.put("expires_at", n(now + DEFAULT_TTL.getSeconds()));
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(claim)
                  .conditionExpression(
                      "attribute_not_exists(pk) OR expires_at < :now OR "
                          + "(#st = :ip AND in_progress_until < :now)")
                  .expressionAttributeNames(Map.of("#st", "status"))
                  .expressionAttributeValues(Map.of(":now", n(now), ":ip", s("IN_PROGRESS"))));
    } catch (ConditionalCheckFailedException e) {
      StoredAnswer stored = stored(itemKey, bodyHash);
      return policy.replay(request, slot, stored).withHeader(REPLAYED_HEADER, "true");
    }

    ApiResponse response;
    Optional<StoredAnswer> kept;
    A answer = null;
    try {
      answer = action.get();
      response = policy.respond(request, answer);
      kept =
          response.status() >= 200 && response.status() < 300
              ? policy.store(request, slot, answer, response)
              : null;
    } catch (RuntimeException | Error e) {
      dynamo.deleteItem(r -> r.tableName(table).key(itemKey));
      throw e;
    } finally {
      if (answer != null) {
        policy.release(answer);
      }
    }
    if (kept == null) {
      dynamo.deleteItem(r -> r.tableName(table).key(itemKey));
      return response;
    }
    Map<String, AttributeValue> done = new HashMap<>(claim);
    done.remove("in_progress_until");
    if (kept.isEmpty()) {
      done.put("status", s("COMPLETED_NOT_STORED"));
    } else {
      StoredAnswer storedAnswer = kept.get();
      done.put("status", s("COMPLETED"));
      done.put("response_status", n(storedAnswer.status()));
      done.put("response_headers", s(Json.write(storedAnswer.headers())));
      if (storedAnswer instanceof StoredAnswer.Sealed sealed) {
        done.put("response_sealed", b(sealed.sealedPlaintext()));
      } else if (storedAnswer instanceof StoredAnswer.Clear clear) {
        done.put("response_body", s(clear.body()));
      }
    }
    dynamo.putItem(r -> r.tableName(table).item(done));
    return response;
  }

  /** The completed answer under this key, or 409 when there is none to replay. */
  private StoredAnswer stored(Map<String, AttributeValue> itemKey, String bodyHash) {
    Map<String, AttributeValue> existing =
        dynamo.getItem(r -> r.tableName(table).key(itemKey).consistentRead(true)).item();
    if (existing == null || existing.isEmpty()) {
      throw new IdempotencyConflictException(
          "A request with this Idempotency-Key is being processed; retry shortly.");
    }
    if (!bodyHash.equals(Items.str(existing, "body_hash"))) {
      throw new IdempotencyConflictException(
          "This Idempotency-Key was already used with a different request body.");
    }
    String status = Items.str(existing, "status");
    if ("IN_PROGRESS".equals(status)) {
      throw new IdempotencyConflictException(
          "A request with this Idempotency-Key is still being processed; retry shortly.");
    }
    if (!"COMPLETED".equals(status)) {
      throw new IdempotencyConflictException(
          "This request was already processed; its answer held a secret shown only once.");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    var parsed = Json.parseLenient(Items.str(existing, "response_headers"));
    if (parsed != null) {
      parsed.fields().forEachRemaining(f -> headers.put(f.getKey(), f.getValue().asText()));
    }
    int responseStatus = (int) Items.num(existing, "response_status");
    if (existing.containsKey("response_sealed")) {
      return new StoredAnswer.Sealed(
          responseStatus, headers, Items.bytes(existing, "response_sealed"));
    }
    return new StoredAnswer.Clear(responseStatus, headers, Items.str(existing, "response_body"));
  }

  private static String sha256(String body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
