package io.quantaseal.crypto.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.FixedBytesRandom;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/vectors/audit-v1.json both ways: every value of each period is rebuilt from the file's own
 * inputs (seeds, tenant, period bounds, records) and compared byte for byte, and every verification
 * case gives the outcome the file expects. The file is also exactly what {@link
 * AuditVectorGenerator} writes.
 */
class AuditVectorsTest {
  private static final JsonNode FILE = VectorFiles.json("audit-v1.json");

  static Stream<Arguments> periods() {
    JsonNode periods = FILE.required("periods");
    return IntStream.range(0, periods.size()).mapToObj(i -> Arguments.of(Named.of("seq " + i, i)));
  }

  static Stream<Arguments> verifications() {
    return VectorFiles.list(FILE.required("verifications")).stream()
        .map(v -> Arguments.of(Named.of(v.required("name").textValue(), v)));
  }

  @Test
  void fileIsWhatTheGeneratorWrites() {
    assertEquals(AuditVectorGenerator.render(), VectorFiles.text("audit-v1.json"));
  }

  @Test
  void keysComeFromTheirSeeds() {
    for (JsonNode k : FILE.required("keys")) {
      assertArrayEquals(
          bytes(k, "public_key"), privateKey(k).publicKey().toBytes(), k.get("skid").textValue());
    }
    assertEquals(SignedCheckpoint.CONTEXT, FILE.required("context").textValue());
  }

  @ParameterizedTest
  @MethodSource("periods")
  void periodRebuildsByteForByteFromItsInputs(int seq) {
    JsonNode p = FILE.required("periods").get(seq);
    assertEquals(seq, p.required("seq").intValue());
    List<AuditRecord> records = new ArrayList<>();
    for (JsonNode e : p.required("records")) {
      AuditRecord r = AuditRecord.fromJson(e.required("record"));
      assertEquals(e.required("jcs").textValue(), r.canonicalString());
      assertArrayEquals(bytes(e, "leaf"), r.leafHash());
      assertArrayEquals(MerkleTree.leafHash(r.canonicalBytes()), r.leafHash());
      records.add(r);
    }
    assertArrayEquals(
        bytes(p, "root"), MerkleTree.root(records.stream().map(AuditRecord::leafHash).toList()));

    Optional<CheckpointBody> previous =
        seq == 0
            ? Optional.empty()
            : Optional.of(
                CheckpointBody.fromJson(FILE.required("periods").get(seq - 1).required("body")));
    JsonNode bodyJson = p.required("body");
    CheckpointBody body =
        CheckpointBody.forPeriod(
            previous,
            FILE.required("tenant_id").textValue(),
            AuditTime.parse(p.required("period_start").textValue()),
            AuditTime.parse(p.required("period_end").textValue()),
            records,
            bodyJson.required("skid").textValue());
    assertEquals(bodyJson.toString(), body.toJson().toString());
    assertEquals(p.required("body_jcs").textValue(), body.canonicalString());
    assertArrayEquals(bytes(p, "body_hash"), body.hash());
    if (seq > 0) {
      assertEquals(
          FILE.required("periods").get(seq - 1).required("body_hash").textValue(),
          bodyJson.required("prev").textValue());
    } else {
      assertEquals("", bodyJson.required("prev").textValue());
    }

    JsonNode key = key(body.skid());
    CheckpointSigner signer =
        new CheckpointSigner(body.skid(), privateKey(key), new FixedBytesRandom(new byte[0]));
    SignedCheckpoint signed = signer.signDeterministically(body);
    assertArrayEquals(bytes(p, "sig"), signed.sig());
    assertTrue(signed.isSignedBy(MlDsaPublicKey.fromBytes(bytes(key, "public_key"))));
  }

  @ParameterizedTest
  @MethodSource("verifications")
  void verificationGivesTheExpectedOutcome(JsonNode v) {
    Map<String, MlDsaPublicKey> trusted = new HashMap<>();
    for (JsonNode k : FILE.required("keys")) {
      if (k.required("trusted").booleanValue()) {
        trusted.put(
            k.required("skid").textValue(), MlDsaPublicKey.fromBytes(bytes(k, "public_key")));
      }
    }
    VerificationRequest request =
        VerificationRequest.of(
            FILE.required("tenant_id").textValue(),
            AuditTime.parse(v.required("from").textValue()),
            AuditTime.parse(v.required("to").textValue()),
            VectorFiles.list(v.required("checkpoints")),
            VectorFiles.list(v.required("records")));
    if (!v.required("anchor").isNull()) {
      request = request.withAnchor(CheckpointBody.fromJson(v.required("anchor")));
    }
    VerificationResult result = new AuditTrailVerifier(trusted).verify(request);
    JsonNode expect = v.required("expect");
    if (expect.isNull()) {
      assertTrue(result.isValid(), result::toString);
      return;
    }
    AuditFailure f = result.failure().orElseThrow(() -> new AssertionError("verified"));
    assertEquals(expect.required("kind").textValue(), f.kind().code(), f::toString);
    if (expect.required("seq").isNull()) {
      assertTrue(f.seq().isEmpty(), f::toString);
    } else {
      assertEquals(expect.required("seq").longValue(), f.seq().orElseThrow(), f::toString);
    }
    assertEquals(
        AuditTime.parse(expect.required("period_start").textValue()),
        f.periodStart().orElseThrow());
    assertEquals(
        AuditTime.parse(expect.required("period_end").textValue()), f.periodEnd().orElseThrow());
  }

  @Test
  void everyTamperingTheIssueNamesHasACase() {
    List<String> kinds =
        VectorFiles.list(FILE.required("verifications")).stream()
            .map(v -> v.required("expect"))
            .filter(e -> !e.isNull())
            .map(e -> e.required("kind").textValue())
            .toList();
    for (AuditFailure.Kind k :
        List.of(
            AuditFailure.Kind.RECORD_MISSING,
            AuditFailure.Kind.ROOT_MISMATCH,
            AuditFailure.Kind.RECORD_EXTRA,
            AuditFailure.Kind.CHECKPOINT_MISSING,
            AuditFailure.Kind.BAD_SIGNATURE,
            AuditFailure.Kind.UNKNOWN_KEY,
            AuditFailure.Kind.PREV_MISMATCH)) {
      assertTrue(kinds.contains(k.code()), k.code());
    }
  }

  private static JsonNode key(String skid) {
    for (JsonNode k : FILE.required("keys")) {
      if (k.required("skid").textValue().equals(skid)) {
        return k;
      }
    }
    throw new AssertionError("no key " + skid);
  }

  private static MlDsaPrivateKey privateKey(JsonNode key) {
    try (SecretBytes seed = SecretBytes.wrap(bytes(key, "seed"))) {
      return MlDsaPrivateKey.fromSeed(seed);
    }
  }

  private static byte[] bytes(JsonNode node, String member) {
    return Base64Url.decode(node.required(member).textValue(), member);
  }
}
