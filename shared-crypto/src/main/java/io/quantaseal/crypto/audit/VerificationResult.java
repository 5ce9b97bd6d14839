package io.quantaseal.crypto.audit;

import java.util.Optional;

/**
 * The outcome of {@link AuditTrailVerifier#verify}: valid, or the first failure. Either way it says
 * how many checkpoints and records passed every check before the verifier stopped, and the last
 * body that did (a valid result's {@link #lastVerified()} is the anchor for the next range).
 */
public final class VerificationResult {
  private final AuditFailure failure;
  private final int checkpointsVerified;
  private final int recordsVerified;
  private final CheckpointBody lastVerified;

  VerificationResult(
      AuditFailure failure,
      int checkpointsVerified,
      int recordsVerified,
      CheckpointBody lastVerified) {
    this.failure = failure;
    this.checkpointsVerified = checkpointsVerified;
    this.recordsVerified = recordsVerified;
    this.lastVerified = lastVerified;
  }

  /** Whether every checkpoint and record of the range verified. */
  public boolean isValid() {
    return failure == null;
  }

  /** The first failure, in period order; empty when valid. */
  public Optional<AuditFailure> failure() {
    return Optional.ofNullable(failure);
  }

  public int checkpointsVerified() {
    return checkpointsVerified;
  }

  public int recordsVerified() {
    return recordsVerified;
  }

  /** The body of the last checkpoint that passed every check. */
  public Optional<CheckpointBody> lastVerified() {
    return Optional.ofNullable(lastVerified);
  }

  @Override
  public String toString() {
    return isValid()
        ? "valid: " + checkpointsVerified + " checkpoints, " + recordsVerified + " records"
        : "invalid: " + failure;
  }
}
