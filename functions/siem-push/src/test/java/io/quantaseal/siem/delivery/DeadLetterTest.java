package io.quantaseal.siem.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.crypto.audit.CheckpointBody;
import io.quantaseal.crypto.audit.CheckpointSigner;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.siem.payload.AuthFailureBurst;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  private static final Instant T = Instant.parse("2026-11-26T19:30:01.120Z");

  @Test
  void roundTrip_logAlertBurstAndUnreadable() {
    AuditRecord r =
        new AuditRecord(
            "aud_1",
            "ten_a",
            T,
            Optional.of("key_1"),
            "vault.unseal",
            "vlt_1",
            "success",
            "req_1",
            Map.of("version", "2"),
            Optional.of("credential_unsealed"));
    DeadLetter log =
        new DeadLetter(
            DeadLetter.Kind.LOG,
            "ten_a",
            "dst_1",
            "http_503",
            4,
            T,
            Optional.of(r),
            Optional.empty(),
            Optional.empty());
    DeadLetter back = DeadLetter.fromJson(log.toJson());
    assertEquals(log, back);
    assertEquals("aud_1", back.eventId());

    AuthFailureBurst b =
        new AuthFailureBurst("ten_a", 1_795_462_200L, 60, 5, List.of("aud_2", "aud_3"));
    DeadLetter burst =
        new DeadLetter(
            DeadLetter.Kind.BURST_EVENT,
            "ten_a",
            "dst_1",
            "unreachable",
            4,
            T,
            Optional.empty(),
            Optional.of(b),
            Optional.empty());
    assertEquals(burst, DeadLetter.fromJson(burst.toJson()));
    assertEquals("afb_ten_a_1795462200", DeadLetter.fromJson(burst.toJson()).eventId());

    DeadLetter unreadable = DeadLetter.unreadable("ev1", "400000000000000000001", T);
    assertEquals(unreadable, DeadLetter.fromJson(unreadable.toJson()));
    assertEquals("ev1@400000000000000000001", unreadable.eventId());
  }

  @Test
  void parse_packedMessage_andRejectsForeignBodies() {
    AuditRecord r =
        new AuditRecord(
            "aud_1",
            "ten_a",
            T,
            Optional.empty(),
            "vault.seal",
            "",
            "success",
            "req",
            Map.of(),
            Optional.empty());
    DeadLetter l =
        new DeadLetter(
            DeadLetter.Kind.LOG,
            "ten_a",
            "dst_1",
            "http_500",
            4,
            T,
            Optional.of(r),
            Optional.empty(),
            Optional.empty());
    String body = "{\"v\":1,\"letters\":[" + l.toJson() + "," + l.toJson() + "]}";
    assertEquals(List.of(l, l), DeadLetterQueue.parse(body));
    assertThrows(
        IllegalArgumentException.class, () -> DeadLetterQueue.parse("{\"v\":2,\"letters\":[]}"));
    assertThrows(IllegalArgumentException.class, () -> DeadLetterQueue.parse("not json"));
  }

  @Test
  void roundTrip_checkpointLog_keepsTheSignedCheckpoint() {
    SecureRandom random = new SecureRandom();
    Instant start = Instant.parse("2026-11-26T19:30:00Z");
    SignedCheckpoint c =
        new CheckpointSigner("sk_1", MlDsa65.generateKeyPair(random), random)
            .sign(
                CheckpointBody.forPeriod(
                    Optional.empty(), "ten_a", start, start.plusSeconds(60), List.of(), "sk_1"));
    DeadLetter letter =
        new DeadLetter(
            DeadLetter.Kind.CHECKPOINT_LOG,
            "ten_a",
            "dst_1",
            "http_503",
            4,
            T,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(c));
    DeadLetter back = DeadLetter.fromJson(letter.toJson());
    assertEquals(DeadLetter.Kind.CHECKPOINT_LOG, back.kind());
    assertEquals("ckpt:ten_a:0", back.eventId());
    assertEquals(c.body(), back.checkpoint().orElseThrow().body());
    org.junit.jupiter.api.Assertions.assertArrayEquals(c.sig(), back.checkpoint().get().sig());
    assertEquals(letter.toJson(), back.toJson());
    DeadLetter again = back.withReason("http_429", T);
    assertEquals("http_429", again.reason());
    assertEquals(c.body(), again.checkpoint().orElseThrow().body());
  }
}
