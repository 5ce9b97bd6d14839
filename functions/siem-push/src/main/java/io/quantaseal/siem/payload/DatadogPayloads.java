package io.quantaseal.siem.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.crypto.audit.AuditTime;
import io.quantaseal.crypto.audit.CheckpointBody;
import io.quantaseal.crypto.audit.Jcs;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import io.quantaseal.datadog.DatadogLimits;
import io.quantaseal.siem.SiemActions;
import io.quantaseal.siem.metrics.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Datadog logs and events built from audit records (docs/siem.md, "Audit stream"). Every log and
 * event carries the record's stable id: the log attribute {@code quantaseal.event_id} and, on
 * events, the tag {@code quantaseal.event_id:<id>}, so a record delivered twice is recognisable.
 */
public final class DatadogPayloads {
  public static final String SOURCE = "quantaseal";
  public static final String SERVICE = "quantaseal";

  /** The {@code ddsource} of the copy of each signed audit checkpoint (docs/audit.md). */
  public static final String CHECKPOINT_SOURCE = "quantaseal-audit-checkpoint";

  /** Events older than this get no {@code date_happened} (Datadog refuses ones over 18 h). */
  static final Duration EVENT_DATE_MAX_AGE = Duration.ofHours(17);

  private DatadogPayloads() {}

  /** The common tags: {@code env}, {@code service}, {@code tenant}. */
  public static List<String> commonTags(String env, String tenantId) {
    return List.of(
        "env:" + SeriesKey.tagValue(env),
        "service:" + SERVICE,
        "tenant:" + SeriesKey.tagValue(tenantId));
  }

  /** One Datadog log entry (JSON text) for an audit record. */
  public static String log(AuditRecord r, String env) {
    ObjectNode o = Json.newObject();
    o.put("ddsource", SOURCE);
    o.put("service", SERVICE);
    o.put("hostname", "quantaseal-" + SeriesKey.tagValue(env));
    List<String> tags = new ArrayList<>(commonTags(env, r.tenantId()));
    tags.add("quantaseal:action:" + SeriesKey.tagValue(r.action()));
    tags.add("quantaseal:outcome:" + SeriesKey.tagValue(r.outcome()));
    r.securityAlert().ifPresent(a -> tags.add("quantaseal:alert_type:" + SeriesKey.tagValue(a)));
    o.put("ddtags", String.join(",", tags));
    o.put("status", status(r));
    o.put("date", r.time().toString());
    o.put("message", message(r));
    o.set("quantaseal", SafeAuditJson.toJson(r));
    ObjectNode evt = o.putObject("evt");
    evt.put("name", r.action());
    evt.put("outcome", r.outcome());
    return Json.write(o);
  }

  /**
   * The stable id of a checkpoint's log, {@code ckpt:<tenant>:<seq>}: a tenant's checkpoints are
   * numbered without gaps, so the id names exactly one of them.
   */
  public static String checkpointEventId(CheckpointBody b) {
    return "ckpt:" + b.tenantId() + ":" + b.seq();
  }

  /**
   * The Datadog log (JSON text) that copies a signed audit checkpoint into the tenant's Datadog
   * (docs/audit.md, "Writing checkpoints"): {@code ddsource} {@value #CHECKPOINT_SOURCE}, the
   * common tags, and the attribute {@code quantaseal.checkpoint} = {@code {"body": {...}, "sig":
   * "..."}} as {@code GET /api/v2/audit/checkpoints} lists it, the body written in its JCS form
   * (the signed bytes, verbatim). Dated at the period's end; {@code quantaseal.event_id} is {@link
   * #checkpointEventId}.
   */
  public static String checkpointLog(SignedCheckpoint c, String env) {
    CheckpointBody b = c.body();
    ObjectNode o = Json.newObject();
    o.put("ddsource", CHECKPOINT_SOURCE);
    o.put("service", SERVICE);
    o.put("hostname", "quantaseal-" + SeriesKey.tagValue(env));
    List<String> tags = new ArrayList<>(commonTags(env, b.tenantId()));
    tags.add("quantaseal:skid:" + SeriesKey.tagValue(b.skid()));
    o.put("ddtags", String.join(",", tags));
    o.put("status", "info");
    o.put("date", b.periodEnd().toString());
    o.put(
        "message",
        "audit checkpoint seq "
            + b.seq()
            + " for ["
            + AuditTime.format(b.periodStart())
            + ", "
            + AuditTime.format(b.periodEnd())
            + "): "
            + b.count()
            + (b.count() == 1 ? " record" : " records"));
    ObjectNode q = o.putObject("quantaseal");
    q.put("event_id", checkpointEventId(b));
    q.put("tenant_id", b.tenantId());
    q.set("checkpoint", checkpointJson(c));
    return Json.write(o);
  }

  /**
   * {@code {"body": {...}, "sig": "..."}} with the body parsed from its canonical text, so that its
   * members keep JCS order and it is written as the very bytes that were signed (also what a dead
   * letter keeps).
   */
  public static ObjectNode checkpointJson(SignedCheckpoint c) {
    ObjectNode checkpoint = Json.newObject();
    checkpoint.set("body", Jcs.parse(c.body().canonicalString()));
    checkpoint.put("sig", c.toJson().path("sig").asText());
    return checkpoint;
  }

  /** One Datadog event (JSON text) for an audit record that is a security alert. */
  public static String alertEvent(AuditRecord r, String env, Instant now) {
    String alert = r.securityAlert().orElse("security_alert");
    ObjectNode o = Json.newObject();
    o.put(
        "title",
        cut(
            "QuantaSeal security alert: " + alert + " (" + r.tenantId() + ")",
            DatadogLimits.EVENT_TITLE_MAX_CHARS));
    StringBuilder text = new StringBuilder();
    text.append(message(r)).append('\n');
    text.append("event_id: ").append(r.auditId()).append('\n');
    text.append("tenant: ").append(r.tenantId()).append('\n');
    text.append("time: ").append(r.time()).append('\n');
    text.append("action: ").append(r.action()).append('\n');
    text.append("outcome: ").append(r.outcome()).append('\n');
    if (!r.target().isEmpty()) {
      text.append("target: ").append(r.target()).append('\n');
    }
    text.append("request_id: ").append(r.requestId()).append('\n');
    r.actorKeyId().ifPresent(a -> text.append("api_key_id: ").append(a).append('\n'));
    for (Map.Entry<String, String> d : SafeAuditJson.safeDetails(r.details()).entrySet()) {
      text.append(d.getKey()).append(": ").append(d.getValue()).append('\n');
    }
    o.put("text", cut(text.toString(), DatadogLimits.EVENT_TEXT_MAX_CHARS));
    ArrayNode tags = o.putArray("tags");
    commonTags(env, r.tenantId()).forEach(tags::add);
    tags.add("quantaseal:alert_type:" + SeriesKey.tagValue(alert));
    tags.add("quantaseal:action:" + SeriesKey.tagValue(r.action()));
    tags.add("quantaseal.event_id:" + SeriesKey.tagValue(r.auditId()));
    o.put("alert_type", alertType(alert));
    o.put("priority", "normal");
    o.put("source_type_name", SOURCE);
    o.put("aggregation_key", aggregationKey(r.tenantId(), alert));
    if (!r.time().isBefore(now.minus(EVENT_DATE_MAX_AGE))) {
      o.put("date_happened", r.time().getEpochSecond());
    }
    return Json.write(o);
  }

  /** The one Datadog event for a burst of authentication failures. */
  public static String burstEvent(AuthFailureBurst b, String env, Instant now) {
    ObjectNode o = Json.newObject();
    o.put(
        "title",
        cut(
            "QuantaSeal: "
                + b.count()
                + "+ authentication failures in "
                + b.windowSeconds()
                + " s ("
                + b.tenantId()
                + ")",
            DatadogLimits.EVENT_TITLE_MAX_CHARS));
    StringBuilder text = new StringBuilder();
    text.append("At least ")
        .append(b.count())
        .append(" requests with a missing, unknown or revoked API key named tenant ")
        .append(b.tenantId())
        .append(" between ")
        .append(Instant.ofEpochSecond(b.windowStart()))
        .append(" and ")
        .append(Instant.ofEpochSecond(b.windowStart() + b.windowSeconds()))
        .append(".\n");
    text.append("event_id: ").append(b.eventId()).append('\n');
    text.append("first audit records: ").append(String.join(", ", b.sampleAuditIds())).append('\n');
    o.put("text", cut(text.toString(), DatadogLimits.EVENT_TEXT_MAX_CHARS));
    ArrayNode tags = o.putArray("tags");
    commonTags(env, b.tenantId()).forEach(tags::add);
    tags.add("quantaseal:alert_type:" + SiemActions.ALERT_AUTH_FAILURE_BURST);
    tags.add("quantaseal.event_id:" + SeriesKey.tagValue(b.eventId()));
    o.put("alert_type", "error");
    o.put("priority", "normal");
    o.put("source_type_name", SOURCE);
    o.put("aggregation_key", aggregationKey(b.tenantId(), SiemActions.ALERT_AUTH_FAILURE_BURST));
    long happened = b.windowStart();
    if (happened >= now.minus(EVENT_DATE_MAX_AGE).getEpochSecond()) {
      o.put("date_happened", happened);
    }
    return Json.write(o);
  }

  /** {@code <tenant>:<alert type>}: Datadog groups a tenant's alerts of one type. */
  public static String aggregationKey(String tenantId, String alertType) {
    return cut(tenantId + ":" + alertType, 100);
  }

  static String message(AuditRecord r) {
    StringBuilder m = new StringBuilder();
    m.append(r.action()).append(' ').append(r.outcome());
    if (!r.target().isEmpty()) {
      m.append(" on ").append(r.target());
    }
    if (r.details().containsKey("reason")) {
      m.append(" (").append(cut(r.details().get("reason"), 64)).append(')');
    }
    r.securityAlert().ifPresent(a -> m.append(" [alert: ").append(a).append(']'));
    return m.toString();
  }

  static String status(AuditRecord r) {
    if (AuditRecord.ERROR.equals(r.outcome())) {
      return "error";
    }
    if (r.securityAlert().isPresent()
        || AuditRecord.DENIED.equals(r.outcome())
        || AuditRecord.FAILURE.equals(r.outcome())) {
      return "warn";
    }
    return "info";
  }

  static String alertType(String alert) {
    return switch (alert) {
      case AuditActions.ALERT_CREDENTIAL_REJECTED,
          SiemActions.ALERT_SIEM_CREDENTIAL_REJECTED,
          SiemActions.ALERT_AUTH_FAILURE_BURST ->
          "error";
      case AuditActions.ALERT_KEY_REVOKED -> "info";
      default -> "warning";
    };
  }

  private static String cut(String s, int max) {
    return s.codePointCount(0, s.length()) <= max
        ? s
        : s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }
}
