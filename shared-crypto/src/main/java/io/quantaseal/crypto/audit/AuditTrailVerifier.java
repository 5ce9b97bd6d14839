package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.crypto.audit.AuditFailure.Kind;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an audit range without trusting the store it came from (docs/audit.md, "Verifying"): each
 * checkpoint's ML-DSA-65 signature under the server key its {@code skid} names, each {@code prev}
 * link and {@code seq} step, that the periods follow each other without gap and cover [{@code
 * from}, {@code to}), and each period's {@code count} and {@code root} against its records.
 *
 * <p>Checkpoints are taken in {@code seq} order and, within one, checks run in this order: tenant,
 * key, signature (nothing a checkpoint claims is used before its signature verifies), link to the
 * previous checkpoint, then the period's records. The first check that fails ends verification and
 * names its period: periods are contiguous, so that is also the earliest period in time. Thread
 * safe; keeps no state between calls.
 */
public final class AuditTrailVerifier {
  private final Map<String, MlDsaPublicKey> serverKeys;

  /**
   * @param serverKeys the server's audit signing public keys by {@code skid}, old ones included
   */
  public AuditTrailVerifier(Map<String, MlDsaPublicKey> serverKeys) {
    this.serverKeys = Map.copyOf(serverKeys);
  }

  public VerificationResult verify(VerificationRequest request) {
    return new Run(request).verify();
  }

  /** One verification: the request and how far it got. */
  private final class Run {
    private final VerificationRequest request;
    private final Set<String> seenIds = new HashSet<>();
    private int checkpointsVerified;
    private int recordsVerified;
    private CheckpointBody lastVerified;

    Run(VerificationRequest request) {
      this.request = request;
    }

    VerificationResult verify() {
      List<SignedCheckpoint> checkpoints = new ArrayList<>();
      List<JsonNode> nodes = request.checkpointNodes();
      for (int i = 0; i < nodes.size(); i++) {
        try {
          checkpoints.add(SignedCheckpoint.fromJson(nodes.get(i)));
        } catch (AuditFormatException e) {
          return fail(
              new AuditFailure(
                  Kind.MALFORMED_CHECKPOINT,
                  claimedSeq(nodes.get(i)),
                  null,
                  null,
                  "checkpoint #" + i + ": " + e.getMessage()));
        }
      }
      if (checkpoints.isEmpty()) {
        return fail(
            new AuditFailure(
                Kind.NO_CHECKPOINTS,
                null,
                request.from(),
                request.to(),
                "no checkpoint was given for the range"));
      }
      checkpoints.sort(Comparator.comparingLong(c -> c.body().seq()));

      List<TimedRecord> records = new ArrayList<>();
      List<JsonNode> recordNodes = request.recordNodes();
      for (int i = 0; i < recordNodes.size(); i++) {
        JsonNode r = recordNodes.get(i);
        try {
          records.add(new TimedRecord(i, r, AuditTime.parse(AuditJsonValues.string(r, "time"))));
        } catch (AuditFormatException e) {
          return fail(
              new AuditFailure(
                  Kind.MALFORMED_RECORD, null, null, null, "record #" + i + ": " + e.getMessage()));
        }
      }
      records.sort(Comparator.comparing(TimedRecord::time));

      CheckpointBody first = checkpoints.get(0).body();
      if (request.from().isBefore(first.periodStart())) {
        return fail(
            new AuditFailure(
                Kind.CHECKPOINT_MISSING,
                first.seq() > 0 ? first.seq() - 1 : null,
                request.from(),
                first.periodStart(),
                "no checkpoint covers the start of the range"));
      }
      int next = 0;
      if (!records.isEmpty() && records.get(0).time().isBefore(first.periodStart())) {
        return fail(outside(records.get(0)));
      }

      CheckpointBody previous = request.anchor().orElse(null);
      for (SignedCheckpoint checkpoint : checkpoints) {
        CheckpointBody body = checkpoint.body();
        Optional<AuditFailure> f = checkSignature(checkpoint);
        if (f.isEmpty() && previous != null) {
          f = checkLink(previous, body);
        }
        List<TimedRecord> period = new ArrayList<>();
        while (next < records.size() && records.get(next).time().isBefore(body.periodEnd())) {
          period.add(records.get(next++));
        }
        if (f.isEmpty()) {
          f = checkRecords(body, period);
        }
        if (f.isPresent()) {
          return fail(f.get());
        }
        checkpointsVerified++;
        recordsVerified += period.size();
        lastVerified = body;
        previous = body;
      }

      CheckpointBody last = checkpoints.get(checkpoints.size() - 1).body();
      if (last.periodEnd().isBefore(request.to())) {
        return fail(
            new AuditFailure(
                Kind.CHECKPOINT_MISSING,
                last.seq() + 1,
                last.periodEnd(),
                request.to(),
                "no checkpoint covers the end of the range"));
      }
      if (next < records.size()) {
        return fail(outside(records.get(next)));
      }
      return new VerificationResult(null, checkpointsVerified, recordsVerified, lastVerified);
    }

    private Optional<AuditFailure> checkSignature(SignedCheckpoint checkpoint) {
      CheckpointBody body = checkpoint.body();
      if (!body.tenantId().equals(request.tenantId())) {
        return Optional.of(
            AuditFailure.at(Kind.TENANT_MISMATCH, body, "the checkpoint is another tenant's"));
      }
      MlDsaPublicKey key = serverKeys.get(body.skid());
      if (key == null) {
        return Optional.of(
            AuditFailure.at(Kind.UNKNOWN_KEY, body, "the checkpoint names an unknown signing key"));
      }
      if (!checkpoint.isSignedBy(key)) {
        return Optional.of(
            AuditFailure.at(
                Kind.BAD_SIGNATURE,
                body,
                "the signature does not verify under the key the checkpoint names"));
      }
      return Optional.empty();
    }

    private Optional<AuditFailure> checkLink(CheckpointBody previous, CheckpointBody body) {
      if (body.seq() <= previous.seq()) {
        return Optional.of(
            AuditFailure.at(
                Kind.SEQUENCE_BROKEN,
                body,
                "seq " + body.seq() + " does not follow seq " + previous.seq()));
      }
      if (body.seq() > previous.seq() + 1) {
        long missing = body.seq() - previous.seq() - 1;
        return Optional.of(
            new AuditFailure(
                Kind.CHECKPOINT_MISSING,
                previous.seq() + 1,
                previous.periodEnd(),
                body.periodStart(),
                missing == 1
                    ? "checkpoint seq " + (previous.seq() + 1) + " is missing"
                    : "checkpoints seq "
                        + (previous.seq() + 1)
                        + " to "
                        + (body.seq() - 1)
                        + " are missing"));
      }
      if (body.periodStart().isBefore(previous.periodEnd())) {
        return Optional.of(
            AuditFailure.at(
                Kind.SEQUENCE_BROKEN,
                body,
                "the period starts before the previous one (seq " + previous.seq() + ") ends"));
      }
      if (body.periodStart().isAfter(previous.periodEnd())) {
        return Optional.of(
            new AuditFailure(
                Kind.CHECKPOINT_MISSING,
                null,
                previous.periodEnd(),
                body.periodStart(),
                "no checkpoint covers the time between seq "
                    + previous.seq()
                    + " and seq "
                    + body.seq()));
      }
      if (!Arrays.equals(body.prev(), previous.hash())) {
        return Optional.of(
            AuditFailure.at(
                Kind.PREV_MISMATCH,
                body,
                "prev is not the hash of checkpoint seq " + previous.seq()));
      }
      return Optional.empty();
    }

    private Optional<AuditFailure> checkRecords(CheckpointBody body, List<TimedRecord> period) {
      List<AuditRecord> parsed = new ArrayList<>(period.size());
      for (TimedRecord t : period) {
        AuditRecord r;
        try {
          r = AuditRecord.fromJson(t.json());
        } catch (AuditFormatException e) {
          return Optional.of(
              AuditFailure.at(
                  Kind.MALFORMED_RECORD, body, "record #" + t.index() + ": " + e.getMessage()));
        }
        if (!r.tenantId().equals(request.tenantId())) {
          return Optional.of(
              AuditFailure.at(
                  Kind.TENANT_MISMATCH, body, "record " + r.auditId() + " is another tenant's"));
        }
        if (!seenIds.add(r.auditId())) {
          return Optional.of(
              AuditFailure.at(
                  Kind.DUPLICATE_RECORD, body, "record " + r.auditId() + " appears twice"));
        }
        parsed.add(r);
      }
      if (parsed.size() < body.count()) {
        return Optional.of(
            AuditFailure.at(
                Kind.RECORD_MISSING,
                body,
                "the checkpoint counts " + body.count() + " records, " + parsed.size() + " given"));
      }
      if (parsed.size() > body.count()) {
        return Optional.of(
            AuditFailure.at(
                Kind.RECORD_EXTRA,
                body,
                "the checkpoint counts " + body.count() + " records, " + parsed.size() + " given"));
      }
      parsed.sort(AuditRecord.ORDER);
      byte[] root = MerkleTree.root(parsed.stream().map(AuditRecord::leafHash).toList());
      if (!Arrays.equals(root, body.root())) {
        return Optional.of(
            AuditFailure.at(
                Kind.ROOT_MISMATCH,
                body,
                "the records' Merkle root is not the checkpoint's: a record was altered"));
      }
      return Optional.empty();
    }

    private AuditFailure outside(TimedRecord r) {
      return new AuditFailure(
          Kind.RECORD_OUTSIDE_CHECKPOINTS,
          null,
          null,
          null,
          "record #" + r.index() + " lies in no checkpoint's period");
    }

    private VerificationResult fail(AuditFailure failure) {
      return new VerificationResult(failure, checkpointsVerified, recordsVerified, lastVerified);
    }
  }

  /** A record whose time could be read, with its position in the request. */
  private record TimedRecord(int index, JsonNode json, Instant time) {}

  /** The seq a malformed checkpoint claims, if it can be read at all. */
  private static Long claimedSeq(JsonNode checkpoint) {
    JsonNode seq = checkpoint.path("body").path("seq");
    return seq.isIntegralNumber() && seq.canConvertToLong() ? seq.longValue() : null;
  }
}
