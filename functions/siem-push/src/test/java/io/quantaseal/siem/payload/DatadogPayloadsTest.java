package io.quantaseal.siem.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.crypto.audit.CheckpointBody;
import io.quantaseal.crypto.audit.CheckpointSigner;
import io.quantaseal.crypto.audit.SignedCheckpoint;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.datadog.DatadogLimits;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatadogPayloadsTest {
  private static final Instant NOW = Instant.parse("2026-11-26T19:30:00Z");

  private static AuditRecord alert(Instant t, Map<String, String> details, String tenant) {
    return new AuditRecord(
        "aud_01jd3zr0a2b3c4d5e6f7g8h9ja",
        tenant,
        t,
        Optional.of("key_1"),
        "vault.unseal",
        "vlt_1",
        "success",
        "req_1",
        details,
        Optional.of("credential_unsealed"));
  }

  @Test
  void alertEvent_withinDatadogsLimits_evenForLongValues() {
    Map<String, String> details = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      details.put("d" + i, "v".repeat(500));
    }
    String tenant = "ten_" + "x".repeat(120);
    JsonNode e =
        Json.parseLenient(DatadogPayloads.alertEvent(alert(NOW, details, tenant), "prod", NOW));
    DatadogLimits.checkEvent(e, NOW); // the shared checks accept it
    assertEquals(
        100, e.path("title").asText().codePointCount(0, e.path("title").asText().length()));
    assertTrue(e.path("text").asText().length() <= 4000);
    assertTrue(e.path("aggregation_key").asText().length() <= 100);
    assertEquals(NOW.getEpochSecond(), e.path("date_happened").asLong());
  }

  @Test
  void alertEvent_olderThan17Hours_hasNoDateHappened() {
    JsonNode e =
        Json.parseLenient(
            DatadogPayloads.alertEvent(
                alert(NOW.minus(Duration.ofHours(20)), Map.of(), "ten_a"), "prod", NOW));
    assertFalse(e.has("date_happened"));
    DatadogLimits.checkEvent(e, NOW);
    assertTrue(e.path("text").asText().contains("time: " + NOW.minus(Duration.ofHours(20))));
  }

  @Test
  void log_carriesTheStableIdAndPassesTheLogLimits() {
    AuditRecord r = alert(NOW, Map.of("version", "1"), "ten_a");
    JsonNode log = Json.parseLenient(DatadogPayloads.log(r, "prod"));
    DatadogLimits.checkLogs(Json.mapper().createArrayNode().add(log), 1000);
    assertEquals(r.auditId(), log.path("quantaseal").path("event_id").asText());
    assertEquals("quantaseal-prod", log.path("hostname").asText());
  }

  @Test
  void safeDetails_dropSecretLookingNames() {
    Map<String, String> d =
        Map.of(
            "api_key",
            "k",
            "password",
            "p",
            "client_secret",
            "s",
            "access_token",
            "t",
            "payload",
            "x",
            "values",
            "y",
            "api_key_id",
            "key_1",
            "credential_type",
            "api_key",
            "reason",
            "missing_scope",
            "upstream_status",
            "202");
    assertEquals(
        List.of("api_key_id", "credential_type", "reason", "upstream_status"),
        List.copyOf(SafeAuditJson.safeDetails(d).keySet()));
  }

  @Test
  void checkpointLog_acceptedByDatadogsLimits_bodyInItsSignedForm() {
    SecureRandom random = new SecureRandom();
    Instant start = Instant.parse("2026-11-26T19:29:00Z");
    SignedCheckpoint c =
        new CheckpointSigner("sk_1", MlDsa65.generateKeyPair(random), random)
            .sign(
                CheckpointBody.forPeriod(
                    Optional.empty(), "ten_a", start, start.plusSeconds(60), List.of(), "sk_1"));
    String text = DatadogPayloads.checkpointLog(c, "prod");
    JsonNode log = Json.parseLenient(text);
    DatadogLimits.checkLogs(
        Json.parseLenient("[" + text + "]"), DatadogLimits.utf8Length(text) + 2);
    assertEquals("quantaseal-audit-checkpoint", log.path("ddsource").asText());
    assertEquals("ckpt:ten_a:0", log.path("quantaseal").path("event_id").asText());
    assertEquals("2026-11-26T19:30:00Z", log.path("date").asText());
    assertEquals(
        "audit checkpoint seq 0 for [2026-11-26T19:29:00.000000Z, 2026-11-26T19:30:00.000000Z):"
            + " 0 records",
        log.path("message").asText());
    assertTrue(text.contains("\"body\":" + c.body().canonicalString() + ","), text);
    assertEquals(
        c.body(), SignedCheckpoint.fromJson(log.path("quantaseal").path("checkpoint")).body());
  }
}
