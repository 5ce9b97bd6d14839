package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditTrailVerifier} checks: the caller's tenant, the range [{@code from}, {@code to})
 * the checkpoints must cover, the checkpoints and records as the API returned them (raw JSON, so
 * that a malformed one is reported rather than thrown), and optionally the body of the checkpoint
 * just before the first one (an anchor the caller verified earlier), which makes the first {@code
 * prev} link checkable too.
 */
public final class VerificationRequest {
  private final String tenantId;
  private final Instant from;
  private final Instant to;
  private final List<JsonNode> checkpoints;
  private final List<JsonNode> records;
  private final CheckpointBody anchor;

  private VerificationRequest(
      String tenantId,
      Instant from,
      Instant to,
      List<JsonNode> checkpoints,
      List<JsonNode> records,
      CheckpointBody anchor) {
    this.tenantId = tenantId;
    this.from = from;
    this.to = to;
    this.checkpoints = checkpoints;
    this.records = records;
    this.anchor = anchor;
  }

  /**
   * @param checkpoints each {@code {"body": ..., "sig": ...}}, in any order
   * @param records the records of the checkpoints' periods, in any order
   */
  public static VerificationRequest of(
      String tenantId,
      Instant from,
      Instant to,
      List<? extends JsonNode> checkpoints,
      List<? extends JsonNode> records) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
    return new VerificationRequest(
        tenantId,
        from,
        to,
        deepCopies(checkpoints, "checkpoints"),
        deepCopies(records, "records"),
        null);
  }

  /** The same request for typed checkpoints and records (the service's own checks). */
  public static VerificationRequest ofParsed(
      String tenantId,
      Instant from,
      Instant to,
      List<SignedCheckpoint> checkpoints,
      List<AuditRecord> records) {
    return of(
        tenantId,
        from,
        to,
        checkpoints.stream().map(SignedCheckpoint::toJson).toList(),
        records.stream().map(AuditRecord::toJson).toList());
  }

  /** This request with the body of the checkpoint that precedes the first one. */
  public VerificationRequest withAnchor(CheckpointBody previous) {
    return new VerificationRequest(
        tenantId, from, to, checkpoints, records, Objects.requireNonNull(previous));
  }

  public String tenantId() {
    return tenantId;
  }

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  public List<JsonNode> checkpoints() {
    return checkpoints.stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }

  public List<JsonNode> records() {
    return records.stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }

  public Optional<CheckpointBody> anchor() {
    return Optional.ofNullable(anchor);
  }

  List<JsonNode> checkpointNodes() {
    return checkpoints;
  }

  List<JsonNode> recordNodes() {
    return records;
  }

  private static List<JsonNode> deepCopies(List<? extends JsonNode> nodes, String what) {
    Objects.requireNonNull(nodes, what);
    for (JsonNode n : nodes) {
      Objects.requireNonNull(n, what + " holds a null");
    }
    return nodes.stream().map(n -> (JsonNode) n.deepCopy()).toList();
  }
}
