package io.quantaseal.common.audit;

import static io.quantaseal.common.store.Items.s;

import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.Items;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes audit records to the audit table ({@code pk=TENANT#id}, {@code sk=<fixed-width UTC
 * time>#<audit id>}), whose stream feeds the SIEM push.
 */
public final class AuditLog {
  /** Partition for records that name no tenant (e.g. an unknown API key). */
  public static final String NO_TENANT = "_none";

  private final DynamoDbClient dynamo;
  private final String table;
  private final Ids ids;
  private final Clock clock;

  public AuditLog(DynamoDbClient dynamo, String table, Ids ids, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.ids = ids;
    this.clock = clock;
  }

  /** Starts a record for {@code tenantId}; finish it with {@link Entry#write()}. */
  public Entry record(String tenantId, String action, String requestId) {
    return new Entry(tenantId, action, requestId);
  }

  /**
   * Records that {@code request}'s caller named {@code requestedId}, which names no {@code
   * resourceKind} of its tenant ({@link Entry#deniedNotFound}); the caller then answers 404 (or 400
   * where the id is a field of a body).
   */
  public AuditRecord notFound(
      ApiRequest request, String action, String resourceKind, String requestedId) {
    Caller caller = request.caller();
    return record(caller.tenantId(), action, request.requestId())
        .actor(caller.apiKeyId())
        .deniedNotFound(resourceKind, requestedId)
        .write();
  }

  /**
   * Looks up, for {@code request}'s caller, the resource named by {@code requestedId}: {@code find}
   * is asked only if the id has the shape of an {@code idPrefix} id; when nothing is found the
   * refused access is recorded ({@link #notFound}) and the answer is empty, for the caller to
   * refuse (404, or 400 for a body field).
   */
  public <T> Optional<T> lookup(
      ApiRequest request,
      String action,
      String resourceKind,
      String idPrefix,
      String requestedId,
      Function<String, Optional<T>> find) {
    Optional<T> found =
        Ids.looksLike(idPrefix, requestedId) ? find.apply(requestedId) : Optional.empty();
    if (found.isEmpty()) {
      notFound(request, action, resourceKind, requestedId);
    }
    return found;
  }

  /**
   * {@code id} as an audit target if it looks like an id ({@code [A-Za-z0-9_-]}, at most 64
   * characters), else empty: a made-up path segment is not copied into the audit trail.
   */
  public static String safeTarget(String id) {
    return id != null && SAFE_ID.matcher(id).matches() ? id : "";
  }

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Records of a tenant in [from, to), oldest first. */
  public List<AuditRecord> between(String tenantId, Instant from, Instant to) {
    return between(dynamo, table, tenantId, from, to);
  }

  /** Records of a tenant in [from, to), oldest first, strongly consistent: for readers only. */
  public static List<AuditRecord> between(
      DynamoDbClient dynamo, String table, String tenantId, Instant from, Instant to) {
    List<AuditRecord> out = new ArrayList<>();
    if (!from.isBefore(to)) {
      return out;
    }
    dynamo
        .queryPaginator(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :a AND :b")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk", s(pk(tenantId)),
                            ":a", s(sortableTime(from)),
                            ":b", s(sortableTime(to.minusNanos(1)) + "~"))))
        .items()
        .forEach(i -> out.add(fromItem(i)));
    return out;
  }

  /**
   * Fixed-width UTC time ({@code 2026-11-26T19:42:58.000000000Z}), so that sort keys order like the
   * instants they name. ({@code Instant.toString()} drops zero fractions: "…58Z" would sort after
   * "…58.5Z".)
   */
  public static String sortableTime(Instant t) {
    return SORTABLE.format(t);
  }

  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  public static String pk(String tenantId) {
    return "TENANT#" + tenantId;
  }

  public static Map<String, AttributeValue> toItem(AuditRecord r) {
    Map<String, AttributeValue> i = new HashMap<>();
    i.put("pk", s(pk(r.tenantId())));
    i.put("sk", s(sortableTime(r.time()) + "#" + r.auditId()));
    i.put("audit_id", s(r.auditId()));
    i.put("tenant_id", s(r.tenantId()));
    i.put("time", s(r.time().toString()));
    r.actorKeyId().ifPresent(a -> i.put("actor_key_id", s(a)));
    i.put("action", s(r.action()));
    i.put("target", s(r.target()));
    i.put("outcome", s(r.outcome()));
    i.put("request_id", s(r.requestId()));
    i.put("details", Items.map(r.details()));
    r.securityAlert().ifPresent(a -> i.put("security_alert", s(a)));
    return i;
  }

  /** Reads an audit item (also the NewImage of a stream record). */
  public static AuditRecord fromItem(Map<String, AttributeValue> i) {
    return new AuditRecord(
        Items.str(i, "audit_id"),
        Items.str(i, "tenant_id"),
        Instant.parse(Items.str(i, "time")),
        Items.optStr(i, "actor_key_id"),
        Items.str(i, "action"),
        Items.str(i, "target"),
        Items.str(i, "outcome"),
        Items.str(i, "request_id"),
        Items.strMap(i, "details"),
        Items.optStr(i, "security_alert"));
  }

  /** A record being built. */
  public final class Entry {
    private final String tenantId;
    private final String action;
    private final String requestId;
    private String actorKeyId;
    private String target = "";
    private String outcome = AuditRecord.SUCCESS;
    private final Map<String, String> details = new HashMap<>();
    private String alert;

    private Entry(String tenantId, String action, String requestId) {
      this.tenantId = tenantId == null ? NO_TENANT : tenantId;
      this.action = action;
      this.requestId = requestId;
    }

    public Entry actor(String apiKeyId) {
      this.actorKeyId = apiKeyId;
      return this;
    }

    public Entry target(String target) {
      this.target = target == null ? "" : target;
      return this;
    }

    public Entry outcome(String outcome) {
      this.outcome = outcome;
      return this;
    }

    /** A safe detail: never pass a secret, a payload or a credential value. */
    public Entry detail(String name, Object value) {
      if (value != null) {
        details.put(name, String.valueOf(value));
      }
      return this;
    }

    /**
     * A refused access to {@code requestedId}, which names no {@code resourceKind} of this tenant:
     * outcome {@code denied}, reason {@code not_found}, the id as target (if it looks like one) and
     * the {@code auth_failure} alert, so that probing for ids counts towards the SIEM push's
     * auth-failure burst. Whose id it might be is not known and not said.
     */
    public Entry deniedNotFound(String resourceKind, String requestedId) {
      String safe = safeTarget(requestedId);
      target(safe);
      if (safe.isEmpty()) {
        detail("requested_id", "malformed");
      }
      return outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_NOT_FOUND)
          .detail("resource", resourceKind)
          .securityAlert(AuditActions.ALERT_AUTH_FAILURE);
    }

    public Entry securityAlert(String alertType) {
      this.alert = alertType;
      return this;
    }

    public AuditRecord write() {
      AuditRecord r =
          new AuditRecord(
              ids.next(Ids.AUDIT),
              tenantId,
              // Microseconds, as records are listed (docs/audit.md, "Records"): the sort key then
              // orders records exactly as (time, audit_id) does.
              clock.instant().truncatedTo(ChronoUnit.MICROS),
              Optional.ofNullable(actorKeyId),
              action,
              target,
              outcome,
              requestId,
              details,
              Optional.ofNullable(alert));
      dynamo.putItem(p -> p.tableName(table).item(toItem(r)));
      return r;
    }
  }
}
