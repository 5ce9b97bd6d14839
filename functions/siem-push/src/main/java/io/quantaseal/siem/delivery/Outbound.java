package io.quantaseal.siem.delivery;

import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.siem.payload.AuthFailureBurst;
import java.util.Optional;

/**
 * One thing to deliver to one destination: a log or an event, its JSON, and what it was built from
 * (so it can be dead-lettered). {@link #result()} is empty until it was attempted.
 */
public final class Outbound {
  private final DeadLetter.Kind kind;
  private final String json;
  private final Optional<AuditRecord> record;
  private final Optional<AuthFailureBurst> burst;
  private volatile DeliveryResult result;

  private Outbound(
      DeadLetter.Kind kind,
      String json,
      Optional<AuditRecord> record,
      Optional<AuthFailureBurst> burst) {
    this.kind = kind;
    this.json = json;
    this.record = record;
    this.burst = burst;
  }

  public static Outbound log(AuditRecord r, String json) {
    return new Outbound(DeadLetter.Kind.LOG, json, Optional.of(r), Optional.empty());
  }

  public static Outbound alertEvent(AuditRecord r, String json) {
    return new Outbound(DeadLetter.Kind.ALERT_EVENT, json, Optional.of(r), Optional.empty());
  }

  public static Outbound burstEvent(AuthFailureBurst b, String json) {
    return new Outbound(DeadLetter.Kind.BURST_EVENT, json, Optional.empty(), Optional.of(b));
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

  public String eventId() {
    return record.map(AuditRecord::auditId).orElseGet(() -> burst.orElseThrow().eventId());
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
        Optional.empty());
  }
}
