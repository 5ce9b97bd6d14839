package io.quantaseal.crypto.audit;

import static io.quantaseal.crypto.audit.AuditFixtures.KEY;
import static io.quantaseal.crypto.audit.AuditFixtures.OTHER_KEY;
import static io.quantaseal.crypto.audit.AuditFixtures.OTHER_SKID;
import static io.quantaseal.crypto.audit.AuditFixtures.OTHER_TENANT;
import static io.quantaseal.crypto.audit.AuditFixtures.SERVER_KEYS;
import static io.quantaseal.crypto.audit.AuditFixtures.SIGNER;
import static io.quantaseal.crypto.audit.AuditFixtures.SKID;
import static io.quantaseal.crypto.audit.AuditFixtures.TENANT;
import static io.quantaseal.crypto.audit.AuditFixtures.changed;
import static io.quantaseal.crypto.audit.AuditFixtures.periodStart;
import static io.quantaseal.crypto.audit.AuditFixtures.record;
import static io.quantaseal.crypto.audit.AuditFixtures.recordJson;
import static io.quantaseal.crypto.audit.AuditFixtures.trail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.audit.AuditFailure.Kind;
import io.quantaseal.crypto.audit.AuditFixtures.Trail;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every way the issue names of tampering with a stored trail, and the other checks, each detected
 * and named at the right period. The trail has three periods: seq 0 with 3 records, seq 1 empty,
 * seq 2 with 5.
 */
class AuditTrailVerifierTest {
  private static final Trail TRAIL = trail(3, 0, 5);
  private static final AuditTrailVerifier VERIFIER = new AuditTrailVerifier(SERVER_KEYS);

  @Test
  void cleanRangeVerifies() {
    VerificationResult r = VERIFIER.verify(TRAIL.request());
    assertTrue(r.isValid(), r::toString);
    assertEquals(3, r.checkpointsVerified());
    assertEquals(8, r.recordsVerified());
    assertEquals(Optional.of(body(2)), r.lastVerified());
    assertEquals(Optional.empty(), r.failure());
  }

  @Test
  void orderOfTheListsDoesNotMatter() {
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    Collections.shuffle(checkpoints, new Random(1));
    Collections.shuffle(records, new Random(2));
    assertTrue(verify(checkpoints, records).isValid());
  }

  @Test
  void aRangeInsideThePeriodsVerifies() {
    VerificationResult r =
        VERIFIER.verify(
            VerificationRequest.ofParsed(
                TENANT,
                periodStart(0).plusSeconds(30),
                periodStart(2).plusSeconds(1),
                TRAIL.checkpoints(),
                TRAIL.records()));
    assertTrue(r.isValid(), r::toString);
  }

  @Test
  void deletedRecordIsNamed() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.remove(TRAIL.periods().get(2).get(3));
    expect(verify(TRAIL.checkpoints(), records), Kind.RECORD_MISSING, 2);
  }

  @Test
  void alteredFieldIsNamed() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    AuditRecord original = TRAIL.periods().get(2).get(0);
    ObjectNode altered = original.toJson();
    altered.put(
        "outcome", "success".equals(altered.get("outcome").textValue()) ? "denied" : "success");
    records.set(records.indexOf(original), AuditRecord.fromJson(altered));
    expect(verify(TRAIL.checkpoints(), records), Kind.ROOT_MISMATCH, 2);
  }

  @Test
  void alteredDetailIsNamed() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    AuditRecord original = TRAIL.periods().get(0).get(1);
    ObjectNode altered = original.toJson();
    ((ObjectNode) altered.get("details")).put("status", 500);
    records.set(records.indexOf(original), AuditRecord.fromJson(altered));
    expect(verify(TRAIL.checkpoints(), records), Kind.ROOT_MISMATCH, 0);
  }

  @Test
  void insertedRecordIsNamedEvenInAnEmptyPeriod() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.add(record(1, 30_000, 9));
    expect(verify(TRAIL.checkpoints(), records), Kind.RECORD_EXTRA, 1);
  }

  @Test
  void replacedRecordIsNamed() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.remove(TRAIL.periods().get(2).get(4));
    records.add(record(2, 59_000, 7));
    expect(verify(TRAIL.checkpoints(), records), Kind.ROOT_MISMATCH, 2);
  }

  @Test
  void recordMovedToAnotherPeriodIsNamedAtTheEarlierOne() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    AuditRecord original = TRAIL.periods().get(2).get(0);
    ObjectNode moved = original.toJson();
    moved.put("time", AuditTime.format(periodStart(1).plusSeconds(5)));
    records.set(records.indexOf(original), AuditRecord.fromJson(moved));
    expect(verify(TRAIL.checkpoints(), records), Kind.RECORD_EXTRA, 1);
  }

  @Test
  void deletedCheckpointInTheMiddleIsNamed() {
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.remove(1);
    AuditFailure f = expect(verify(checkpoints, TRAIL.records()), Kind.CHECKPOINT_MISSING, 1);
    assertEquals(Optional.of(periodStart(1)), f.periodStart());
    assertEquals(Optional.of(periodStart(2)), f.periodEnd());
  }

  @Test
  void deletedCheckpointWithItsRecordsIsNamed() {
    Trail t = trail(2, 4, 1);
    List<SignedCheckpoint> checkpoints = new ArrayList<>(t.checkpoints());
    checkpoints.remove(1);
    List<AuditRecord> records = new ArrayList<>(t.records());
    records.removeAll(t.periods().get(1));
    expect(
        VERIFIER.verify(
            VerificationRequest.ofParsed(TENANT, t.from(), t.to(), checkpoints, records)),
        Kind.CHECKPOINT_MISSING,
        1);
  }

  @Test
  void deletedFirstCheckpointIsNamed() {
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.remove(0);
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.removeAll(TRAIL.periods().get(0));
    AuditFailure f = expect(verify(checkpoints, records), Kind.CHECKPOINT_MISSING, 0);
    assertEquals(Optional.of(periodStart(0)), f.periodStart());
    assertEquals(Optional.of(periodStart(1)), f.periodEnd());
  }

  @Test
  void deletedLastCheckpointIsNamed() {
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.remove(2);
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.removeAll(TRAIL.periods().get(2));
    AuditFailure f = expect(verify(checkpoints, records), Kind.CHECKPOINT_MISSING, 2);
    assertEquals(Optional.of(periodStart(2)), f.periodStart());
    assertEquals(Optional.of(periodStart(3)), f.periodEnd());
  }

  @Test
  void reSignedWithAnotherKeyUnderTheServersSkidIsABadSignature() {
    // An attacker deletes a record, recomputes count and root, and signs with a key of its own.
    List<AuditRecord> kept = new ArrayList<>(TRAIL.periods().get(2));
    kept.remove(2);
    CheckpointBody forged =
        CheckpointBody.forPeriod(
            Optional.of(body(1)), TENANT, periodStart(2), periodStart(3), kept, SKID);
    CheckpointSigner attacker = new CheckpointSigner(SKID, OTHER_KEY, new SecureRandom());
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.set(2, attacker.sign(forged));
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.remove(TRAIL.periods().get(2).get(2));
    expect(verify(checkpoints, records), Kind.BAD_SIGNATURE, 2);
  }

  @Test
  void reSignedWithAnUnknownKeyIsNamed() {
    CheckpointBody renamed = changed(body(1), b -> b.put("skid", OTHER_SKID));
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.set(
        1, new CheckpointSigner(OTHER_SKID, OTHER_KEY, new SecureRandom()).sign(renamed));
    expect(verify(checkpoints, TRAIL.records()), Kind.UNKNOWN_KEY, 1);
  }

  @Test
  void alteredBodyIsABadSignature() {
    CheckpointBody changed = changed(body(2), b -> b.put("count", body(2).count() - 1));
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.set(2, SignedCheckpoint.of(changed, TRAIL.checkpoints().get(2).sig()));
    expect(verify(checkpoints, TRAIL.records()), Kind.BAD_SIGNATURE, 2);
  }

  @Test
  void aRewrittenCheckpointBreaksTheNextOnesPrev() {
    // Even the server's own key cannot rewrite one period quietly: the next checkpoint's prev
    // still names the original.
    List<AuditRecord> forgedRecords = List.of(record(1, 10_000, 5));
    SignedCheckpoint rewritten =
        SIGNER.next(Optional.of(body(0)), TENANT, periodStart(1), periodStart(2), forgedRecords);
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.set(1, rewritten);
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.addAll(forgedRecords);
    expect(verify(checkpoints, records), Kind.PREV_MISMATCH, 2);
  }

  @Test
  void prevNotLinkingThePreviousBodyIsNamed() {
    byte[] wrong = body(2).prev();
    wrong[0] ^= 1;
    CheckpointBody relinked = changed(body(2), b -> b.put("prev", Base64Url.encode(wrong)));
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.set(2, SIGNER.sign(relinked));
    expect(verify(checkpoints, TRAIL.records()), Kind.PREV_MISMATCH, 2);
  }

  @Test
  void repeatedSeqIsABrokenSequence() {
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.add(TRAIL.checkpoints().get(1));
    expect(verify(checkpoints, TRAIL.records()), Kind.SEQUENCE_BROKEN, 1);
  }

  @Test
  void overlappingPeriodsAreABrokenSequence() {
    SignedCheckpoint overlapping =
        SIGNER.sign(
            CheckpointBody.of(
                TENANT,
                1,
                periodStart(1).minusSeconds(1),
                periodStart(2),
                0,
                MerkleTree.emptyRoot(),
                body(0).hash(),
                SKID));
    List<SignedCheckpoint> checkpoints = List.of(TRAIL.checkpoints().get(0), overlapping);
    VerificationResult r =
        VERIFIER.verify(
            VerificationRequest.ofParsed(
                TENANT, periodStart(0), periodStart(2), checkpoints, TRAIL.periods().get(0)));
    expect(r, Kind.SEQUENCE_BROKEN, 1);
  }

  @Test
  void aTimeGapBetweenConsecutiveSeqsIsAMissingCheckpoint() {
    SignedCheckpoint late =
        SIGNER.sign(
            CheckpointBody.of(
                TENANT,
                1,
                periodStart(2),
                periodStart(3),
                0,
                MerkleTree.emptyRoot(),
                body(0).hash(),
                SKID));
    List<SignedCheckpoint> checkpoints = List.of(TRAIL.checkpoints().get(0), late);
    VerificationResult r =
        VERIFIER.verify(
            VerificationRequest.ofParsed(
                TENANT, periodStart(0), periodStart(3), checkpoints, TRAIL.periods().get(0)));
    AuditFailure f = r.failure().orElseThrow();
    assertEquals(Kind.CHECKPOINT_MISSING, f.kind());
    assertTrue(f.seq().isEmpty());
    assertEquals(Optional.of(periodStart(1)), f.periodStart());
    assertEquals(Optional.of(periodStart(2)), f.periodEnd());
  }

  @Test
  void anotherTenantsCheckpointIsNamed() {
    Trail other = otherTenantTrail();
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.set(1, other.checkpoints().get(1));
    expect(verify(checkpoints, TRAIL.records()), Kind.TENANT_MISMATCH, 1);
  }

  @Test
  void anotherTenantsRecordIsNamed() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.add(AuditRecord.fromJson(recordJson(OTHER_TENANT, 0, 30_000, 8)));
    expect(verify(TRAIL.checkpoints(), records), Kind.TENANT_MISMATCH, 0);
  }

  @Test
  void aRecordGivenTwiceIsNamed() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.add(TRAIL.periods().get(2).get(1));
    expect(verify(TRAIL.checkpoints(), records), Kind.DUPLICATE_RECORD, 2);
  }

  @Test
  void aRecordOutsideEveryPeriodIsNamed() {
    List<AuditRecord> after = new ArrayList<>(TRAIL.records());
    after.add(record(3, 1_000, 1));
    assertEquals(
        Kind.RECORD_OUTSIDE_CHECKPOINTS,
        verify(TRAIL.checkpoints(), after).failure().orElseThrow().kind());
    List<AuditRecord> before = new ArrayList<>(TRAIL.records());
    before.add(record(-1, 1_000, 1));
    assertEquals(
        Kind.RECORD_OUTSIDE_CHECKPOINTS,
        verify(TRAIL.checkpoints(), before).failure().orElseThrow().kind());
  }

  @Test
  void malformedInputIsReportedNotThrown() {
    List<JsonNode> checkpoints = json(TRAIL.checkpoints());
    ((ObjectNode) checkpoints.get(1).get("body")).put("root", "not base64!");
    VerificationResult r =
        VERIFIER.verify(
            VerificationRequest.of(
                TENANT, TRAIL.from(), TRAIL.to(), checkpoints, records(TRAIL.records())));
    AuditFailure f = r.failure().orElseThrow();
    assertEquals(Kind.MALFORMED_CHECKPOINT, f.kind());
    assertEquals(1, f.seq().orElseThrow());

    List<JsonNode> records = records(TRAIL.records());
    ((ObjectNode) records.get(4)).put("details", 1.5);
    expect(
        VERIFIER.verify(
            VerificationRequest.of(
                TENANT, TRAIL.from(), TRAIL.to(), json(TRAIL.checkpoints()), records)),
        Kind.MALFORMED_RECORD,
        2);

    List<JsonNode> noTime = records(TRAIL.records());
    ((ObjectNode) noTime.get(0)).remove("time");
    assertEquals(
        Kind.MALFORMED_RECORD,
        VERIFIER
            .verify(
                VerificationRequest.of(
                    TENANT, TRAIL.from(), TRAIL.to(), json(TRAIL.checkpoints()), noTime))
            .failure()
            .orElseThrow()
            .kind());
  }

  @Test
  void noCheckpointsIsAFailure() {
    AuditFailure f =
        VERIFIER
            .verify(
                VerificationRequest.ofParsed(
                    TENANT, TRAIL.from(), TRAIL.to(), List.of(), List.of()))
            .failure()
            .orElseThrow();
    assertEquals(Kind.NO_CHECKPOINTS, f.kind());
  }

  @Test
  void anAnchorMakesTheFirstLinkCheckable() {
    List<SignedCheckpoint> tail = TRAIL.checkpoints().subList(1, 3);
    List<AuditRecord> records = new ArrayList<>(TRAIL.periods().get(2));
    VerificationRequest request =
        VerificationRequest.ofParsed(TENANT, periodStart(1), periodStart(3), tail, records);
    assertTrue(VERIFIER.verify(request).isValid(), "without an anchor the first prev is unchecked");
    assertTrue(VERIFIER.verify(request.withAnchor(body(0))).isValid());
    CheckpointBody otherFirst = otherTenantTrail().checkpoints().get(0).body();
    expect(VERIFIER.verify(request.withAnchor(otherFirst)), Kind.PREV_MISMATCH, 1);
    expect(VERIFIER.verify(request.withAnchor(body(1))), Kind.SEQUENCE_BROKEN, 1);
  }

  @Test
  void rotatedKeysVerifyWhileTheVerifierKnowsBoth() {
    CheckpointSigner rotated =
        new CheckpointSigner("sk_audit_2027_01", OTHER_KEY, new SecureRandom());
    SignedCheckpoint next =
        rotated.next(Optional.of(body(2)), TENANT, periodStart(3), periodStart(4), List.of());
    List<SignedCheckpoint> checkpoints = new ArrayList<>(TRAIL.checkpoints());
    checkpoints.add(next);
    VerificationRequest request =
        VerificationRequest.ofParsed(
            TENANT, periodStart(0), periodStart(4), checkpoints, TRAIL.records());
    AuditTrailVerifier both =
        new AuditTrailVerifier(
            Map.of(SKID, KEY.publicKey(), "sk_audit_2027_01", OTHER_KEY.publicKey()));
    assertTrue(both.verify(request).isValid());
    expect(VERIFIER.verify(request), Kind.UNKNOWN_KEY, 3);
  }

  @Test
  void aFailureReportsHowFarVerificationGot() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    records.remove(TRAIL.periods().get(2).get(0));
    VerificationResult r = verify(TRAIL.checkpoints(), records);
    assertFalse(r.isValid());
    assertEquals(2, r.checkpointsVerified());
    assertEquals(3, r.recordsVerified());
    assertEquals(Optional.of(body(1)), r.lastVerified());
  }

  @Test
  void failuresNameIdsNotContents() {
    List<AuditRecord> records = new ArrayList<>(TRAIL.records());
    ObjectNode secretish = recordJson(OTHER_TENANT, 0, 30_000, 8);
    ((ObjectNode) secretish.get("details")).put("note", "do-not-print");
    records.add(AuditRecord.fromJson(secretish));
    AuditFailure f = verify(TRAIL.checkpoints(), records).failure().orElseThrow();
    assertFalse(f.toString().contains("do-not-print"), f.toString());
    assertTrue(f.detail().contains("aud_00_0008"), f.detail());
  }

  private static Trail otherTenantTrail() {
    List<SignedCheckpoint> checkpoints = new ArrayList<>();
    Optional<CheckpointBody> previous = Optional.empty();
    for (int p = 0; p < 3; p++) {
      SignedCheckpoint c =
          SIGNER.next(previous, OTHER_TENANT, periodStart(p), periodStart(p + 1), List.of());
      checkpoints.add(c);
      previous = Optional.of(c.body());
    }
    return new Trail(checkpoints, List.of(List.of(), List.of(), List.of()));
  }

  private static CheckpointBody body(int seq) {
    return TRAIL.checkpoints().get(seq).body();
  }

  private static VerificationResult verify(
      List<SignedCheckpoint> checkpoints, List<AuditRecord> records) {
    return VERIFIER.verify(
        VerificationRequest.ofParsed(TENANT, TRAIL.from(), TRAIL.to(), checkpoints, records));
  }

  private static AuditFailure expect(VerificationResult r, Kind kind, long seq) {
    AuditFailure f = r.failure().orElseThrow(() -> new AssertionError("verified: " + r));
    assertEquals(kind, f.kind(), f::toString);
    assertEquals(seq, f.seq().orElseThrow(() -> new AssertionError("no seq: " + f)), f::toString);
    return f;
  }

  private static List<JsonNode> json(List<SignedCheckpoint> checkpoints) {
    return checkpoints.stream().<JsonNode>map(SignedCheckpoint::toJson).toList();
  }

  private static List<JsonNode> records(List<AuditRecord> records) {
    return records.stream().<JsonNode>map(AuditRecord::toJson).toList();
  }
}
