package io.quantaseal.crypto.audit;

import static io.quantaseal.crypto.audit.AuditFixtures.SERVER_KEYS;
import static io.quantaseal.crypto.audit.AuditFixtures.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the audit parsers and the verifier: whatever the input, {@link Jcs}, {@link
 * AuditRecord#parse} and {@link SignedCheckpoint#parse} succeed or throw {@link
 * AuditFormatException}, and {@link AuditTrailVerifier#verify} returns a result and never throws. A
 * verified range must be the authentic one: a mutation the verifier accepts may only have changed
 * what the canonical form ignores (whitespace, member order, escapes, unsigned members).
 *
 * <p>In a normal {@code mvn test} this runs the seeds once (Jazzer's regression mode); with {@code
 * JAZZER_FUZZ=1} it fuzzes for {@code jazzer.max_duration}.
 */
// Last: Jazzer's agent, installed by the first fuzz test, stays for the rest of the JVM.
@Order(Integer.MAX_VALUE)
class AuditFuzzTest {
  private static final AuditFixtures.Trail TRAIL = AuditFixtures.trail(2, 0, 3);
  private static final String CHECKPOINT_1 = TRAIL.checkpoints().get(1).toJson().toString();
  private static final String RECORD_0 = TRAIL.records().get(0).toJson().toString();
  private static final AuditTrailVerifier VERIFIER = new AuditTrailVerifier(SERVER_KEYS);

  static Stream<Arguments> seeds() {
    return Stream.of(
        seed(0, "{\"a\":[1,2.5,\"\\u20ac\"],\"b\":null}"),
        seed(0, "{\"a\": \"\\ud800\"}"),
        seed(1, RECORD_0),
        seed(1, RECORD_0.replace("202", "2.02")),
        seed(2, CHECKPOINT_1),
        seed(2, CHECKPOINT_1.replace("\"seq\":1", "\"seq\":1.0")),
        seed(3, RECORD_0),
        seed(3, CHECKPOINT_1.replace("{", " { ")),
        seed(3, ""));
  }

  private static Arguments seed(int mode, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[t.length + 1];
    input[0] = (byte) mode;
    System.arraycopy(t, 0, input, 1, t.length);
    return Arguments.of((Object) input);
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "20s")
  void parsersThrowOnlyAuditFormatExceptionAndTheVerifierNeverThrows(byte[] input) {
    int mode = input.length == 0 ? 0 : input[0] & 3;
    String text =
        new String(
            input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length),
            StandardCharsets.UTF_8);
    switch (mode) {
      case 0 -> {
        try {
          byte[] once = Jcs.canonicalize(text);
          assertArrayEquals(once, Jcs.canonicalize(new String(once, StandardCharsets.UTF_8)));
        } catch (AuditFormatException expected) {
          // refused: fine
        }
      }
      case 1 -> {
        try {
          AuditRecord r = AuditRecord.parse(text);
          assertEquals(r, AuditRecord.parse(r.canonicalString()));
        } catch (AuditFormatException expected) {
          // refused: fine
        }
      }
      case 2 -> {
        try {
          SignedCheckpoint c = SignedCheckpoint.parse(text);
          assertEquals(c.body(), CheckpointBody.fromJson(Jcs.parse(c.body().canonicalString())));
        } catch (AuditFormatException expected) {
          // refused: fine
        }
      }
      default -> verifyWithFuzzedMember(text);
    }
  }

  /** The fuzzed text stands in for checkpoint seq 1 and for the first record. */
  private static void verifyWithFuzzedMember(String text) {
    JsonNode fuzzed;
    try {
      fuzzed = Jcs.parse(text);
    } catch (AuditFormatException e) {
      return;
    }
    List<JsonNode> checkpoints = new ArrayList<>();
    TRAIL.checkpoints().forEach(c -> checkpoints.add(c.toJson()));
    List<JsonNode> records = new ArrayList<>();
    TRAIL.records().forEach(r -> records.add(r.toJson()));
    checkpoints.set(1, fuzzed);
    check(checkpoints, records);
    checkpoints.set(1, TRAIL.checkpoints().get(1).toJson());
    records.set(0, fuzzed);
    check(checkpoints, records);
  }

  private static void check(List<JsonNode> checkpoints, List<JsonNode> records) {
    VerificationResult r =
        VERIFIER.verify(
            VerificationRequest.of(TENANT, TRAIL.from(), TRAIL.to(), checkpoints, records));
    if (r.isValid()) {
      // Only the authentic range verifies: same bodies and signatures, same records.
      for (int i = 0; i < checkpoints.size(); i++) {
        SignedCheckpoint c = SignedCheckpoint.fromJson(checkpoints.get(i));
        assertEquals(TRAIL.checkpoints().get(i).body(), c.body());
      }
      List<AuditRecord> given = new ArrayList<>();
      records.forEach(n -> given.add(AuditRecord.fromJson(n)));
      given.sort(AuditRecord.ORDER);
      assertEquals(TRAIL.records(), given);
    }
  }
}
