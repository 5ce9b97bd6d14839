package io.quantaseal.siem.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.siem.payload.AuthFailureBurst;
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
}
