package io.quantaseal.tenantadmin.audit;

import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.audit.AuditRecordJson;
import io.quantaseal.common.audit.AuditTrail;
import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.Pagination;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v2/audit} (docs/api.md#audit-records, docs/audit.md#records): the caller's
 * tenant's records in order of (time, audit id), filtered by {@code from} (inclusive), {@code to}
 * (exclusive), {@code action} and {@code outcome}, paginated; JSON, or CSV with {@code Accept:
 * text/csv}. Needs the {@code admin} scope. A record lists every member stored and nothing else.
 */
public final class AuditReadService {
  static final Set<String> OUTCOMES =
      Set.of(AuditRecord.SUCCESS, AuditRecord.DENIED, AuditRecord.FAILURE, AuditRecord.ERROR);
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
  static final Instant EARLIEST = Instant.EPOCH;
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private final AuditTrail trail;
  private final AuditLog audit;
  private final Pagination pagination;

  public AuditReadService(AuditTrail trail, AuditLog audit, Pagination pagination) {
    this.trail = trail;
    this.audit = audit;
    this.pagination = pagination;
  }

  // GET /api/v2/audit
  public ApiResponse list(ApiRequest request) {
    Caller caller = request.caller();
    if (!caller.hasScope(Caller.SCOPE_ADMIN)) {
      audit
          .record(caller.tenantId(), AuditActions.AUDIT_READ, request.requestId())
          .actor(caller.apiKeyId())
          .outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_MISSING_SCOPE)
          .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
          .write();
      throw new OperationNotAllowedException(
          "This API key lacks the admin scope, which reading the audit trail needs.");
    }
    AuditTrail.Query query =
        new AuditTrail.Query(
            time(request, "from").orElse(EARLIEST),
            time(request, "to").orElse(LATEST),
            request.queryParameter("action").map(AuditReadService::action),
            request.queryParameter("outcome").map(AuditReadService::outcome));
    // The cursor is bound to the filters too: a cursor of one query does not continue another.
    String list =
        "audit|"
            + query.from()
            + "|"
            + query.to()
            + "|"
            + query.action().orElse("")
            + "|"
            + query.outcome().orElse("");
    Page<AuditRecord> page = trail.page(caller.tenantId(), query, pagination.read(request, list));
    List<Map<String, Object>> records = page.items().stream().map(AuditRecordJson::toMap).toList();
    if (wantsCsv(request)) {
      ApiResponse csv =
          ApiResponse.raw(
              200,
              Map.of("Content-Type", "text/csv; charset=utf-8", "Cache-Control", "no-store"),
              AuditCsv.write(records));
      String next = pagination.nextCursor(request, list, page);
      return next == null ? csv : csv.withHeader("X-Next-Cursor", next);
    }
    return ApiResponse.json(200, pagination.body(request, list, "records", page, records))
        .withHeader("Cache-Control", "no-store");
  }

  /** CSV if the first of text/csv and application/json that Accept names is text/csv. */
  static boolean wantsCsv(ApiRequest request) {
    String accept = request.header("Accept").orElse("").toLowerCase(Locale.ROOT);
    int csv = accept.indexOf("text/csv");
    int json = accept.indexOf("application/json");
    return csv >= 0 && (json < 0 || csv < json);
  }

  static Optional<Instant> time(ApiRequest request, String name) {
    return request
        .queryParameter(name)
        .map(
            v -> {
              try {
                // Times outside the trail's years read as its ends (the sort key is 4-digit years).
                Instant t = OffsetDateTime.parse(v).toInstant();
                return t.isBefore(EARLIEST) ? EARLIEST : t.isAfter(LATEST) ? LATEST : t;
              } catch (DateTimeParseException e) {
                throw new InvalidRequestException(
                    "Parameter '"
                        + name
                        + "' must be an RFC 3339 date-time, e.g. 2026-12-04T18:39:29.123456Z.");
              }
            });
  }

  private static String action(String v) {
    if (!ACTION.matcher(v).matches()) {
      throw new InvalidRequestException(
          "Parameter 'action' must be an audit action such as vault.seal (lowercase letters,"
              + " digits, '.' and '_').");
    }
    return v;
  }

  private static String outcome(String v) {
    if (!OUTCOMES.contains(v)) {
      throw new InvalidRequestException(
          "Parameter 'outcome' must be one of success, denied, failure, error.");
    }
    return v;
  }
}
