package io.quantaseal.siem.delivery;

import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import io.quantaseal.siem.payload.AuthFailureBurst;
import io.quantaseal.siem.payload.DatadogPayloads;
import java.util.Optional;

/**
 * One thing to deliver to one destination: a log or an event, its JSON, and what it was built from
 * (an audit record, a burst, or a signed checkpoint; so it can be dead-lettered). {@link #result()}
 * is empty until it was attempted.
 */
public final class Outbound {
  private final DeadLetter.Kind kind;
  private final String json;
  private final Optional<AuditRecord> record;
  private final Optional<AuthFailureBurst> burst;
  private final Optional<SignedCheckpoint> checkpoint;
  private volatile DeliveryResult result;

  private Outbound(
      DeadLetter.Kind kind,
      String json,
      Optional<AuditRecord> record,
      Optional<AuthFailureBurst> burst,
      Optional<SignedCheckpoint> checkpoint) {
    this.kind = kind;
    this.json = json;
    this.record = record;
    this.burst = burst;
    this.checkpoint = checkpoint;
  }

  public static Outbound log(AuditRecord r, String json) {
    return new Outbound(
        DeadLetter.Kind.LOG, json, Optional.of(r), Optional.empty(), Optional.empty());
  }

  public static Outbound alertEvent(AuditRecord r, String json) {
    return new Outbound(
        DeadLetter.Kind.ALERT_EVENT, json, Optional.of(r), Optional.empty(), Optional.empty());
  }

  public static Outbound burstEvent(AuthFailureBurst b, String json) {
    return new Outbound(
        DeadLetter.Kind.BURST_EVENT, json, Optional.empty(), Optional.of(b), Optional.empty());
  }

  /** The log that copies a signed audit checkpoint ({@link DatadogPayloads#checkpointLog}). */
  public static Outbound checkpointLog(SignedCheckpoint c, String json) {
    return new Outbound(
        DeadLetter.Kind.CHECKPOINT_LOG, json, Optional.empty(), Optional.empty(), Optional.of(c));
  }

  public DeadLetter.Kind kind() {
    return kind;
  }

  public String json() {
    return json;
  }

  public Optional<AuditRecord> record() {
    return record;
  }

  public Optional<AuthFailureBurst> burst() {
    return burst;
  }

  public Optional<SignedCheckpoint> checkpoint() {
    return checkpoint;
  }

  public String eventId() {
    if (record.isPresent()) {
      return record.get().auditId();
    }
    if (burst.isPresent()) {
      return burst.get().eventId();
    }
    return DatadogPayloads.checkpointEventId(checkpoint.orElseThrow().body());
  }

  /** Empty until attempted (or decided without an attempt). */
  public Optional<DeliveryResult> result() {
    return Optional.ofNullable(result);
  }

  void result(DeliveryResult r) {
    this.result = r;
  }

  public boolean delivered() {
    return result != null && result.delivered();
  }

  /** The letter for the dead-letter queue. */
  public DeadLetter deadLetter(String tenantId, String destinationId, java.time.Instant now) {
    DeliveryResult r = result == null ? new DeliveryResult.Failed("not_attempted", 0) : result;
    return new DeadLetter(
        kind,
        tenantId,
        destinationId,
        r.reason(),
        r.attempts(),
        now,
        record,
        burst,
        Optional.empty(),
        checkpoint);
  }
}
