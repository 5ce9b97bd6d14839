package io.quantaseal.crypto.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why an audit range failed to verify, and the first period where it did: the checkpoint's {@code
 * seq} when one is named, and the period [{@code periodStart}, {@code periodEnd}) when known. The
 * detail names checkpoints by seq and records by {@code audit_id}, never by their contents.
 */
public final class AuditFailure {
  /** What went wrong. {@link #code()} is the name every SDK reports (docs/audit.md). */
  public enum Kind {
    /** No checkpoint was given for the range. */
    NO_CHECKPOINTS("no_checkpoints"),
    /** A checkpoint is not a valid version 1 checkpoint (members, types, encodings). */
    MALFORMED_CHECKPOINT("malformed_checkpoint"),
    /** A checkpoint or a record names another tenant. */
    TENANT_MISMATCH("tenant_mismatch"),
    /** A checkpoint names a signing key ({@code skid}) the verifier does not know. */
    UNKNOWN_KEY("unknown_key"),
    /** A checkpoint's signature does not verify under the key its {@code skid} names. */
    BAD_SIGNATURE("bad_signature"),
    /** A checkpoint is absent: a gap in {@code seq} or in time, or the range is not covered. */
    CHECKPOINT_MISSING("checkpoint_missing"),
    /** {@code seq} repeats or goes back, or two periods overlap. */
    SEQUENCE_BROKEN("sequence_broken"),
    /** {@code prev} is not SHA-256 of the previous body's JCS bytes. */
    PREV_MISMATCH("prev_mismatch"),
    /** A record is not a valid audit record. */
    MALFORMED_RECORD("malformed_record"),
    /** Two records share an {@code audit_id}. */
    DUPLICATE_RECORD("duplicate_record"),
    /** Fewer records than the checkpoint counts: a record was deleted. */
    RECORD_MISSING("record_missing"),
    /** More records than the checkpoint counts: a record was inserted. */
    RECORD_EXTRA("record_extra"),
    /** As many records as counted, but another root: a record was altered or replaced. */
    ROOT_MISMATCH("root_mismatch"),
    /** A record lies in no checkpoint's period. */
    RECORD_OUTSIDE_CHECKPOINTS("record_outside_checkpoints");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    /** The kind whose {@link #code()} is {@code code}. */
    public static Kind fromCode(String code) {
      for (Kind k : values()) {
        if (k.code.equals(code)) {
          return k;
        }
      }
      throw new IllegalArgumentException("no audit failure kind " + code);
    }
  }

  private final Kind kind;
  private final Long seq;
  private final Instant periodStart;
  private final Instant periodEnd;
  private final String detail;

  AuditFailure(Kind kind, Long seq, Instant periodStart, Instant periodEnd, String detail) {
    this.kind = Objects.requireNonNull(kind);
    this.seq = seq;
    this.periodStart = periodStart;
    this.periodEnd = periodEnd;
    this.detail = Objects.requireNonNull(detail);
  }

  static AuditFailure at(Kind kind, CheckpointBody body, String detail) {
    return new AuditFailure(kind, body.seq(), body.periodStart(), body.periodEnd(), detail);
  }

  public Kind kind() {
    return kind;
  }

  /** The seq of the failing checkpoint (or of the first missing one), when there is one. */
  public OptionalLong seq() {
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  public Optional<Instant> periodStart() {
    return Optional.ofNullable(periodStart);
  }

  public Optional<Instant> periodEnd() {
    return Optional.ofNullable(periodEnd);
  }

  /** A sentence for people: which checkpoint or record, and what was expected. */
  public String detail() {
    return detail;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditFailure f
        && kind == f.kind
        && Objects.equals(seq, f.seq)
        && Objects.equals(periodStart, f.periodStart)
        && Objects.equals(periodEnd, f.periodEnd)
        && detail.equals(f.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, seq, periodStart, periodEnd, detail);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(kind.code());
    if (seq != null) {
      b.append(" at seq ").append(seq);
    }
    if (periodStart != null && periodEnd != null) {
      b.append(" [")
          .append(AuditTime.format(periodStart))
          .append(", ")
          .append(AuditTime.format(periodEnd))
          .append(")");
    }
    return b.append(": ").append(detail).toString();
  }
}
