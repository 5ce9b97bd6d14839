package io.quantaseal.siem.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.VaultEntryRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplianceScoreTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final List<String> ALL = List.of("send_event", "send_metric", "send_log");

  private static VaultEntryRecord entry(String id, Duration age) {
    Instant t = NOW.minus(age);
    return new VaultEntryRecord("ten_a", id, Optional.empty(), "api_key", 1, t, t);
  }

  private static IntegrationRecord integration(String id, List<String> ops, boolean healthy) {
    return new IntegrationRecord(
        "ten_a",
        id,
        "datadog",
        Optional.empty(),
        "vlt_x",
        "datadoghq.com",
        ops,
        healthy ? Optional.empty() : Optional.of("403"),
        1,
        NOW,
        NOW);
  }

  @Test
  void nothingToJudge_scores100() {
    ComplianceScore.Snapshot s =
        ComplianceScore.evaluate(90, List.of(), List.of(), Set.of(), UsageHistory.empty(), NOW);
    assertEquals(100, s.score());
    assertEquals(
        Map.of(
            "credential_rotation",
            100,
            "least_privilege",
            100,
            "no_revoked_key_presented",
            100,
            "integration_health",
            100),
        s.rules());
  }

  @Test
  void rules_weightedAsDocumented() {
    List<VaultEntryRecord> entries =
        List.of(
            entry("vlt_1", Duration.ofDays(1)),
            entry("vlt_2", Duration.ofDays(89)),
            entry("vlt_3", Duration.ofDays(91)),
            entry("vlt_4", Duration.ofDays(400)));
    List<IntegrationRecord> integrations =
        List.of(
            integration("int_narrow", List.of("send_log"), true), // least privilege
            integration("int_used", ALL, true), // allows all, all used recently
            integration("int_siem", ALL, true), // allows all, a SIEM destination needs all
            integration("int_idle", ALL, false)); // allows all, send_event never used; unhealthy
    long recent = NOW.minus(Duration.ofDays(3)).getEpochSecond();
    long old = NOW.minus(Duration.ofDays(45)).getEpochSecond();
    UsageHistory usage =
        new UsageHistory(
            Map.of(
                "int_used#send_event",
                recent,
                "int_used#send_metric",
                recent,
                "int_used#send_log",
                recent,
                "int_idle#send_metric",
                recent,
                "int_idle#send_log",
                old),
            Optional.of(NOW.minus(Duration.ofHours(25)).getEpochSecond())); // more than 24 h ago
    Set<String> siem = Set.of("int_siem#send_event", "int_siem#send_metric", "int_siem#send_log");
    ComplianceScore.Snapshot s =
        ComplianceScore.evaluate(90, entries, integrations, siem, usage, NOW);
    assertEquals(50, s.rules().get("credential_rotation"));
    assertEquals(75, s.rules().get("least_privilege"));
    assertEquals(100, s.rules().get("no_revoked_key_presented"));
    assertEquals(75, s.rules().get("integration_health"));
    // (40·50 + 20·75 + 20·100 + 20·75) / 100 = 70
    assertEquals(70, s.score());
  }

  @Test
  void revokedKeyPresentedWithin24Hours_zeroesThatRule() {
    UsageHistory usage =
        new UsageHistory(Map.of(), Optional.of(NOW.minus(Duration.ofHours(23)).getEpochSecond()));
    ComplianceScore.Snapshot s =
        ComplianceScore.evaluate(90, List.of(), List.of(), Set.of(), usage, NOW);
    assertEquals(0, s.rules().get("no_revoked_key_presented"));
    assertEquals(80, s.score());
  }
}
