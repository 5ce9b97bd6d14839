package io.quantaseal.crypto.audit;

import static io.quantaseal.crypto.audit.AuditFixtures.OTHER_TENANT;
import static io.quantaseal.crypto.audit.AuditFixtures.SKID;
import static io.quantaseal.crypto.audit.AuditFixtures.TENANT;
import static io.quantaseal.crypto.audit.AuditFixtures.periodStart;
import static io.quantaseal.crypto.audit.AuditFixtures.record;
import static io.quantaseal.crypto.audit.AuditFixtures.recordJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CheckpointBodyTest {
  private static final CheckpointBody FIRST =
      CheckpointBody.forPeriod(
          Optional.empty(),
          TENANT,
          periodStart(0),
          periodStart(1),
          List.of(record(0, 2_000, 2), record(0, 1_000, 1), record(0, 3_000, 3)),
          SKID);

  @Test
  void firstCheckpointHasSeqZeroAndEmptyPrev() {
    assertEquals(0, FIRST.seq());
    assertEquals(0, FIRST.prev().length);
    assertEquals(3, FIRST.count());
    assertEquals(1, FIRST.version());
    assertTrue(FIRST.canonicalString().contains("\"prev\":\"\""));
  }

  @Test
  void rootIsTheMerkleRootOfTheRecordsInOrder() {
    List<byte[]> leaves =
        List.of(
            record(0, 1_000, 1).leafHash(),
            record(0, 2_000, 2).leafHash(),
            record(0, 3_000, 3).leafHash());
    assertArrayEquals(MerkleTree.root(leaves), FIRST.root());
  }

  @Test
  void canonicalBytesAreTheNineMembersSorted() {
    assertEquals(
        "{\"count\":3,\"period_end\":\"2026-12-04T18:40:00.000000Z\","
            + "\"period_start\":\"2026-12-04T18:39:00.000000Z\",\"prev\":\"\","
            + "\"root\":\""
            + Base64Url.encode(FIRST.root())
            + "\",\"seq\":0,\"skid\":\"sk_audit_2026_12\","
            + "\"tenant_id\":\"ten_01JE2F3G4H5J6K7M8N9P0Q1R2S\",\"v\":1}",
        FIRST.canonicalString());
  }

  @Test
  void nextCheckpointLinksToThePrevious() throws Exception {
    CheckpointBody second =
        CheckpointBody.forPeriod(
            Optional.of(FIRST), TENANT, periodStart(1), periodStart(2), List.of(), SKID);
    assertEquals(1, second.seq());
    assertArrayEquals(
        MessageDigest.getInstance("SHA-256").digest(FIRST.canonicalBytes()), second.prev());
    assertArrayEquals(MerkleTree.emptyRoot(), second.root());
    assertEquals(0, second.count());
  }

  @Test
  void forPeriodRefusesRecordsThatDoNotBelong() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CheckpointBody.forPeriod(
                Optional.empty(),
                TENANT,
                periodStart(0),
                periodStart(1),
                List.of(record(1, 0, 1)),
                SKID));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CheckpointBody.forPeriod(
                Optional.empty(),
                TENANT,
                periodStart(0),
                periodStart(1),
                List.of(AuditRecord.fromJson(recordJson(OTHER_TENANT, 0, 1_000, 1))),
                SKID));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CheckpointBody.forPeriod(
                Optional.empty(),
                TENANT,
                periodStart(0),
                periodStart(1),
                List.of(record(0, 1_000, 1), record(0, 1_000, 1)),
                SKID));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CheckpointBody.forPeriod(
                Optional.of(FIRST), TENANT, periodStart(2), periodStart(3), List.of(), SKID));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            CheckpointBody.forPeriod(
                Optional.of(FIRST), OTHER_TENANT, periodStart(1), periodStart(2), List.of(), SKID));
  }

  @Test
  void jsonRoundTrips() {
    assertEquals(FIRST, CheckpointBody.fromJson(FIRST.toJson()));
    assertEquals(FIRST, CheckpointBody.fromJson(Jcs.parse(FIRST.canonicalString())));
  }

  @Test
  void fromJsonIsStrict() {
    rejects(b -> b.put("extra", 1));
    rejects(b -> b.remove("skid"));
    rejects(b -> b.put("v", 2));
    rejects(b -> b.put("v", "1"));
    rejects(b -> b.put("seq", 1.0));
    rejects(b -> b.put("seq", -1));
    rejects(b -> b.put("seq", 1)); // seq 1 needs a 32-byte prev
    rejects(b -> b.put("count", 9_007_199_254_740_992L));
    rejects(b -> b.put("root", b.get("root").textValue() + "="));
    rejects(b -> b.put("root", b.get("root").textValue().substring(1)));
    rejects(b -> b.put("root", Base64Url.encode(new byte[31])));
    rejects(b -> b.put("prev", Base64Url.encode(new byte[32]))); // seq 0 has no prev
    rejects(b -> b.put("period_end", b.get("period_start").textValue()));
    rejects(b -> b.put("period_start", "2026-12-04T18:39:00Z"));
    rejects(b -> b.put("tenant_id", ""));
    rejects(b -> b.put("skid", ""));
    rejects(b -> b.putNull("skid"));
  }

  @Test
  void nonCanonicalBase64IsRejected() {
    String root = FIRST.toJson().get("root").textValue();
    // 32 bytes take 43 characters: the last carries 4 bits of the last byte and 2 unused bits,
    // which must be zero. Setting one gives another text for the same bytes.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(root.charAt(42));
    assertEquals(0, last & 3);
    String sameBytes = root.substring(0, 42) + alphabet.charAt(last | 1);
    assertArrayEquals(FIRST.root(), java.util.Base64.getUrlDecoder().decode(sameBytes));
    ObjectNode b = FIRST.toJson();
    b.put("root", sameBytes);
    assertThrows(AuditFormatException.class, () -> CheckpointBody.fromJson(b));
  }

  private static void rejects(Consumer<ObjectNode> change) {
    ObjectNode b = FIRST.toJson();
    change.accept(b);
    assertThrows(AuditFormatException.class, () -> CheckpointBody.fromJson(b), b.toString());
  }
}
