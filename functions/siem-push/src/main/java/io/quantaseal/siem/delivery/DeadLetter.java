package io.quantaseal.siem.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import io.quantaseal.siem.payload.AuthFailureBurst;
import io.quantaseal.siem.payload.DatadogPayloads;
import io.quantaseal.siem.payload.SafeAuditJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One undelivered item in the SIEM dead-letter queue: what (a log or event for an audit record, a
 * burst alert, or the log of a signed audit checkpoint), for which tenant and destination, why, and
 * the record's safe fields with its stable id. Never holds a key or a credential value; replay
 * rebuilds the Datadog payload from it.
 *
 * @param kind {@link Kind}
 * @param tenantId tenant
 * @param destinationId the destination it was for
 * @param reason why it was not delivered, e.g. {@code http_503}, {@code credential_rejected}
 * @param attempts requests made for it
 * @param failedAt when it was dead-lettered
 * @param record the audit record (logs and alert events)
 * @param burst the burst (burst alerts)
 * @param streamRecord for {@link Kind#UNREADABLE}: the stream record's event id and sequence number
 * @param checkpoint for {@link Kind#CHECKPOINT_LOG}: the signed checkpoint, body and signature
 */
public record DeadLetter(
    Kind kind,
    String tenantId,
    String destinationId,
    String reason,
    int attempts,
    Instant failedAt,
    Optional<AuditRecord> record,
    Optional<AuthFailureBurst> burst,
    Optional<String> streamRecord,
    Optional<SignedCheckpoint> checkpoint) {

  public static final int VERSION = 1;

  /** A letter that holds no checkpoint (a log or event of a record, a burst, an unreadable one). */
  public DeadLetter(
      Kind kind,
      String tenantId,
      String destinationId,
      String reason,
      int attempts,
      Instant failedAt,
      Optional<AuditRecord> record,
      Optional<AuthFailureBurst> burst,
      Optional<String> streamRecord) {
    this(
        kind,
        tenantId,
        destinationId,
        reason,
        attempts,
        failedAt,
        record,
        burst,
        streamRecord,
        Optional.empty());
  }

  /** A letter for a stream record that could not be read as an audit record. */
  public static DeadLetter unreadable(String eventId, String sequenceNumber, Instant now) {
    return new DeadLetter(
        Kind.UNREADABLE,
        "",
        "",
        "unreadable_stream_record",
        0,
        now,
        Optional.empty(),
        Optional.empty(),
        Optional.of(eventId + "@" + sequenceNumber));
  }

  /** What was not delivered. */
  public enum Kind {
    LOG("log"),
    ALERT_EVENT("alert_event"),
    BURST_EVENT("burst_event"),
    /** The log that copies a signed audit checkpoint into the tenant's Datadog. */
    CHECKPOINT_LOG("checkpoint_log"),
    /** A stream record that is not a readable audit record: kept for an operator, not replayed. */
    UNREADABLE("unreadable");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** Whether it is sent as a Datadog log (in log batches), not as an event. */
    public boolean isLog() {
      return this == LOG || this == CHECKPOINT_LOG;
    }

    static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown dead-letter kind");
    }
  }

  /** The same letter with a newer reason (after another failed attempt). */
  public DeadLetter withReason(String newReason, Instant at) {
    return new DeadLetter(
        kind,
        tenantId,
        destinationId,
        newReason,
        attempts,
        at,
        record,
        burst,
        streamRecord,
        checkpoint);
  }

  /** The stable id of what was not delivered: the audit id, the burst's or the checkpoint's id. */
  public String eventId() {
    if (record.isPresent()) {
      return record.get().auditId();
    }
    if (checkpoint.isPresent()) {
      return DatadogPayloads.checkpointEventId(checkpoint.get().body());
    }
    return burst.map(AuthFailureBurst::eventId).orElse(streamRecord.orElse(""));
  }

  public String toJson() {
    ObjectNode o = Json.newObject();
    o.put("v", VERSION);
    o.put("kind", kind.id());
    o.put("event_id", eventId());
    o.put("tenant_id", tenantId);
    o.put("destination_id", destinationId);
    o.put("reason", reason);
    o.put("attempts", attempts);
    o.put("failed_at", failedAt.toString());
    record.ifPresent(r -> o.set("record", SafeAuditJson.toJson(r)));
    streamRecord.ifPresent(s -> o.put("stream_record", s));
    checkpoint.ifPresent(c -> o.set("checkpoint", DatadogPayloads.checkpointJson(c)));
    burst.ifPresent(
        b -> {
          ObjectNode bo = o.putObject("burst");
          bo.put("tenant_id", b.tenantId());
          bo.put("window_start", b.windowStart());
          bo.put("window_seconds", b.windowSeconds());
          bo.put("count", b.count());
          ArrayNode ids = bo.putArray("sample_audit_ids");
          b.sampleAuditIds().forEach(ids::add);
        });
    return Json.write(o);
  }

  /** Reads a message body written by {@link #toJson()}. */
  public static DeadLetter fromJson(String body) {
    JsonNode o = Json.parseLenient(body);
    if (o == null || !o.isObject() || o.path("v").asInt() != VERSION) {
      throw new IllegalArgumentException("not a SIEM dead-letter message");
    }
    Optional<AuditRecord> record =
        o.hasNonNull("record")
            ? Optional.of(SafeAuditJson.fromJson(o.get("record")))
            : Optional.empty();
    Optional<AuthFailureBurst> burst = Optional.empty();
    if (o.hasNonNull("burst")) {
      JsonNode b = o.get("burst");
      List<String> ids = new ArrayList<>();
      b.path("sample_audit_ids").forEach(n -> ids.add(n.asText()));
      burst =
          Optional.of(
              new AuthFailureBurst(
                  b.path("tenant_id").asText(),
                  b.path("window_start").asLong(),
                  b.path("window_seconds").asInt(),
                  b.path("count").asInt(),
                  ids));
    }
    Optional<String> streamRecord = Optional.ofNullable(o.path("stream_record").textValue());
    Optional<SignedCheckpoint> checkpoint =
        o.hasNonNull("checkpoint")
            ? Optional.of(SignedCheckpoint.fromJson(o.get("checkpoint")))
            : Optional.empty();
    if (record.isEmpty() && burst.isEmpty() && streamRecord.isEmpty() && checkpoint.isEmpty()) {
      throw new IllegalArgumentException("dead-letter message without record, burst or checkpoint");
    }
    return new DeadLetter(
        Kind.of(o.path("kind").asText()),
        o.path("tenant_id").asText(),
        o.path("destination_id").asText(),
        o.path("reason").asText(),
        o.path("attempts").asInt(),
        Instant.parse(o.path("failed_at").asText()),
        record,
        burst,
        streamRecord,
        checkpoint);
  }
}
