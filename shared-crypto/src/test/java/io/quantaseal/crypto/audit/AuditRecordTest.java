package io.quantaseal.crypto.audit;

import static io.quantaseal.crypto.audit.AuditFixtures.TENANT;
import static io.quantaseal.crypto.audit.AuditFixtures.recordJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRecordTest {
  @Test
  void leafIsSha256OfZeroByteAndCanonicalJson() throws Exception {
    AuditRecord r = AuditRecord.fromJson(recordJson(TENANT, 0, 1_000, 1));
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((byte) 0);
    sha.update(r.canonicalBytes());
    assertArrayEquals(sha.digest(), r.leafHash());
    assertEquals(
        "{\"action\":\"proxy.outbound\",\"actor\":\"ak_01JE2F3G4H5J6K7M8N9P0Q1R2V\","
            + "\"audit_id\":\"aud_00_0001\",\"details\":{\"operation\":\"send_event\",\"status\":202},"
            + "\"outcome\":\"success\",\"request_id\":\"req_0_1\","
            + "\"resource\":{\"integration_id\":\"int_01JE2F3G4H5J6K7M8N9P0Q1R2W\"},"
            + "\"tenant_id\":\"ten_01JE2F3G4H5J6K7M8N9P0Q1R2S\",\"time\":\"2026-12-04T18:39:01.000001Z\"}",
        r.canonicalString());
  }

  @Test
  void memberOrderAndWhitespaceDoNotChangeTheLeaf() {
    AuditRecord a = AuditRecord.fromJson(recordJson(TENANT, 0, 1_000, 1));
    String reordered =
        "{ \"time\" : \"2026-12-04T18:39:01.000001Z\", \"tenant_id\": \"ten_01JE2F3G4H5J6K7M8N9P0Q1R2S\",\n"
            + " \"details\": {\"status\": 202, \"operation\": \"send_event\"}, \"audit_id\": \"aud_00_0001\","
            + " \"resource\": {\"integration_id\": \"int_01JE2F3G4H5J6K7M8N9P0Q1R2W\"},"
            + " \"request_id\": \"req_0_1\", \"outcome\": \"success\", \"actor\": \"ak_01JE2F3G4H5J6K7M8N9P0Q1R2V\","
            + " \"action\": \"proxy.outbound\" }";
    AuditRecord b = AuditRecord.parse(reordered);
    assertArrayEquals(a.leafHash(), b.leafHash());
    assertEquals(a, b);
  }

  @Test
  void everyFieldIsInTheLeaf() {
    AuditRecord base = AuditRecord.fromJson(recordJson(TENANT, 0, 1_000, 1));
    for (String member : AuditRecord.REQUIRED_MEMBERS) {
      ObjectNode changed = base.toJson();
      if (changed.get(member).isObject()) {
        ((ObjectNode) changed.get(member)).put("x", "y");
      } else if (member.equals("time")) {
        changed.put(member, "2026-12-04T18:39:01.000002Z");
      } else {
        changed.put(member, changed.get(member).textValue() + "x");
      }
      assertFalse(
          java.util.Arrays.equals(base.leafHash(), AuditRecord.fromJson(changed).leafHash()),
          member);
    }
    ObjectNode extra = base.toJson();
    extra.put("extra", true);
    assertNotEquals(base, AuditRecord.fromJson(extra));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "audit_id",
        "tenant_id",
        "time",
        "action",
        "outcome",
        "request_id",
        "actor",
        "resource",
        "details"
      })
  void everyRequiredMemberIsRequired(String member) {
    ObjectNode r = recordJson(TENANT, 0, 1_000, 1);
    r.remove(member);
    AuditFormatException e =
        assertThrows(AuditFormatException.class, () -> AuditRecord.fromJson(r));
    assertTrue(e.getMessage().contains(member), e.getMessage());
  }

  @Test
  void typesAreChecked() {
    ObjectNode r = recordJson(TENANT, 0, 1_000, 1);
    r.put("actor", 7);
    assertThrows(AuditFormatException.class, () -> AuditRecord.fromJson(r));
    ObjectNode s = recordJson(TENANT, 0, 1_000, 1);
    s.put("details", "text");
    assertThrows(AuditFormatException.class, () -> AuditRecord.fromJson(s));
    ObjectNode t = recordJson(TENANT, 0, 1_000, 1);
    t.put("time", "2026-12-04T18:39:01Z");
    assertThrows(AuditFormatException.class, () -> AuditRecord.fromJson(t));
    ObjectNode u = recordJson(TENANT, 0, 1_000, 1);
    u.put("audit_id", "");
    assertThrows(AuditFormatException.class, () -> AuditRecord.fromJson(u));
    assertThrows(AuditFormatException.class, () -> AuditRecord.parse("[1]"));
  }

  @Test
  void numbersAreSafeIntegersOnly() {
    for (String bad : List.of("1.5", "1.0", "1e3", "9007199254740992", "-9007199254740992")) {
      String json =
          recordJson(TENANT, 0, 1_000, 1).toString().replace("\"status\":202", "\"status\":" + bad);
      assertThrows(AuditFormatException.class, () -> AuditRecord.parse(json), bad);
    }
    String ok =
        recordJson(TENANT, 0, 1_000, 1)
            .toString()
            .replace("\"status\":202", "\"status\":[9007199254740991,-9007199254740991,0]");
    assertEquals(
        "[9007199254740991,-9007199254740991,0]",
        AuditRecord.parse(ok).toJson().get("details").get("status").toString());
  }

  @Test
  void unicodeIsKeptAndMustBeValid() {
    ObjectNode r = recordJson(TENANT, 0, 1_000, 1);
    ((ObjectNode) r.get("details")).put("note", "Grüße 漢字 🔐");
    AuditRecord a = AuditRecord.fromJson(r);
    assertTrue(
        new String(a.canonicalBytes(), StandardCharsets.UTF_8)
            .contains("\"note\":\"Grüße 漢字 🔐\""));
    ((ObjectNode) r.get("details")).put("note", "\ud83d");
    assertThrows(AuditFormatException.class, () -> AuditRecord.fromJson(r));
  }

  @Test
  void isImmutable() {
    ObjectNode json = recordJson(TENANT, 0, 1_000, 1);
    AuditRecord r = AuditRecord.fromJson(json);
    byte[] leaf = r.leafHash();
    json.put("outcome", "changed");
    r.toJson().put("outcome", "changed");
    r.leafHash()[0] ^= 1;
    r.canonicalBytes()[0] ^= 1;
    assertArrayEquals(leaf, r.leafHash());
    assertEquals("success", r.toJson().get("outcome").textValue());
  }

  @Test
  void ordersByTimeThenAuditIdInCodePointOrder() {
    ObjectNode a = recordJson(TENANT, 0, 1_000, 1);
    a.put("audit_id", "aud_\uffff");
    ObjectNode b = recordJson(TENANT, 0, 1_000, 1);
    b.put("audit_id", "aud_\ud83d\udd10");
    ObjectNode c = recordJson(TENANT, 0, 1_000, 1);
    c.put("audit_id", "aud_z");
    c.put("time", "2026-12-04T18:39:00.999999Z");
    List<AuditRecord> rs =
        new ArrayList<>(
            List.of(AuditRecord.fromJson(b), AuditRecord.fromJson(a), AuditRecord.fromJson(c)));
    rs.sort(AuditRecord.ORDER);
    // U+FFFF < U+1F510 by code point (and in UTF-8), though not in UTF-16.
    assertEquals(
        List.of("aud_z", "aud_\uffff", "aud_\ud83d\udd10"),
        rs.stream().map(AuditRecord::auditId).toList());
    assertEquals(Instant.parse("2026-12-04T18:39:00.999999Z"), rs.get(0).time());
    assertTrue(AuditRecord.compareCodePoints("a", "ab") < 0);
    assertTrue(AuditRecord.compareCodePoints("ab", "a") > 0);
    assertEquals(0, AuditRecord.compareCodePoints("ab", "ab"));
  }

  @Test
  void printsNoDetails() {
    ObjectNode json = recordJson(TENANT, 0, 1_000, 1);
    ((ObjectNode) json.get("details")).put("note", "not for logs");
    assertFalse(AuditRecord.fromJson(json).toString().contains("not for logs"));
  }
}
