package io.quantaseal.siem.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditMetricsTest {
  private static final long T = 1_795_462_200L; // a whole minute

  private static AuditRecord r(
      long epochMillis, String action, String outcome, Map<String, String> d, String alert) {
    return new AuditRecord(
        "aud_" + epochMillis,
        "ten_a",
        Instant.ofEpochMilli(epochMillis),
        Optional.empty(),
        action,
        "t",
        outcome,
        "req",
        d,
        Optional.ofNullable(alert));
  }

  @Test
  void byPeriod_recordsOnPeriodEdges_fallInTheirOwnPeriodAndEmptyPeriodsCountZero() {
    List<AuditRecord> records =
        List.of(
            r(T * 1000, AuditActions.VAULT_SEAL, "success", Map.of(), null), // first instant
            r(T * 1000 + 59_999, AuditActions.VAULT_SEAL, "success", Map.of(), null), // last ms
            r(T * 1000 + 60_000, AuditActions.VAULT_SEAL, "failure", Map.of(), null), // next
            r(T * 1000 + 240_000, AuditActions.VAULT_SEAL, "success", Map.of(), null)); // outside
    List<AuditMetrics.PeriodCounts> p = AuditMetrics.byPeriod(records, T, T + 180, 60);
    assertEquals(
        List.of(T, T + 60, T + 120),
        p.stream().map(AuditMetrics.PeriodCounts::periodStart).toList());
    SeriesKey all = SeriesKey.of(MetricNames.AUDIT_RECORDS);
    assertEquals(2, p.get(0).get(all));
    assertEquals(1, p.get(1).get(all));
    assertEquals(0, p.get(2).get(all));
    assertEquals(Map.of(all, 0L), p.get(2).counts());
    assertEquals(
        2,
        p.get(0)
            .get(
                SeriesKey.of(
                    MetricNames.VAULT_OPERATIONS,
                    AuditMetrics.OPERATION,
                    "seal",
                    AuditMetrics.OUTCOME,
                    "success")));
    assertEquals(
        1,
        p.get(1)
            .get(
                SeriesKey.of(
                    MetricNames.VAULT_OPERATIONS,
                    AuditMetrics.OPERATION,
                    "seal",
                    AuditMetrics.OUTCOME,
                    "failure")));
    // A failed seal did no cryptography.
    assertEquals(
        0,
        p.get(1)
            .get(
                SeriesKey.of(
                    MetricNames.CRYPTO_OPERATIONS, AuditMetrics.CRYPTO_OPERATION, "seal")));
  }

  @Test
  void proxyCalls_cryptoOnlyWhenTheCredentialWasOpened() {
    List<AuditRecord> records =
        List.of(
            r(
                T * 1000 + 1,
                AuditActions.PROXY_CALL,
                "failure",
                Map.of("operation", "send_log", "upstream_status", "400"),
                null),
            r(
                T * 1000 + 2,
                AuditActions.PROXY_CALL,
                "failure",
                Map.of("operation", "send_log", "reason", "invalid_request"),
                null),
            r(
                T * 1000 + 3,
                AuditActions.PROXY_CALL,
                "error",
                Map.of("operation", "send_log"),
                null),
            r(
                T * 1000 + 4,
                AuditActions.PROXY_CALL,
                "denied",
                Map.of("operation", "send_event", "reason", "operation_not_allowed"),
                AuditActions.ALERT_POLICY_DENIAL));
    AuditMetrics.PeriodCounts p = AuditMetrics.byPeriod(records, T, T + 60, 60).get(0);
    assertEquals(
        2,
        p.get(SeriesKey.of(MetricNames.CRYPTO_OPERATIONS, AuditMetrics.CRYPTO_OPERATION, "open")));
    assertEquals(
        1,
        p.get(
            SeriesKey.of(
                MetricNames.CRYPTO_OPERATIONS, AuditMetrics.CRYPTO_OPERATION, "envelope")));
    assertEquals(
        4, p.get(SeriesKey.of(MetricNames.KMS_CALLS, AuditMetrics.KMS_OPERATION, "decrypt")));
    assertEquals(
        2,
        p.get(
            SeriesKey.of(
                MetricNames.PROXY_REQUESTS,
                AuditMetrics.OPERATION,
                "send_log",
                AuditMetrics.OUTCOME,
                "failure")));
    assertEquals(
        1,
        p.get(
            SeriesKey.of(
                MetricNames.POLICY_DENIALS,
                AuditMetrics.ACTION,
                "proxy.call",
                AuditMetrics.REASON,
                "operation_not_allowed")));
  }

  @Test
  void tagValue_keepsDatadogsCharacterSet() {
    assertEquals("vault.unseal", SeriesKey.tagValue("vault.unseal"));
    assertEquals("ten_abc", SeriesKey.tagValue("TEN_ABC"));
    assertEquals("a_b_c", SeriesKey.tagValue("a b,c"));
    assertEquals("unknown", SeriesKey.tagValue(" "));
    assertEquals(100, SeriesKey.tagValue("x".repeat(300)).length());
  }

  /** Issue 10, item 3: refused accesses to ids of nothing count as auth failures. */
  @Test
  void probesAndRefusedRkids_countAsAuthFailuresWithTheirReason() {
    List<AuditRecord> records =
        List.of(
            r(
                T * 1000,
                AuditActions.AUTH_FAILURE,
                "denied",
                Map.of("reason", "revoked_api_key"),
                AuditActions.ALERT_AUTH_FAILURE),
            r(
                T * 1000 + 1,
                AuditActions.VAULT_UNSEAL,
                "denied",
                Map.of("reason", "not_found", "resource", "vault_entry"),
                AuditActions.ALERT_AUTH_FAILURE),
            r(
                T * 1000 + 2,
                AuditActions.PROXY_CALL,
                "denied",
                Map.of("reason", "not_found", "operation", "send_event"),
                AuditActions.ALERT_AUTH_FAILURE),
            r(
                T * 1000 + 3,
                AuditActions.PROXY_CALL,
                "denied",
                Map.of("reason", "client_key_not_usable", "operation", "send_event"),
                AuditActions.ALERT_AUTH_FAILURE),
            // A policy denial is not an auth failure.
            r(
                T * 1000 + 4,
                AuditActions.VAULT_UNSEAL,
                "denied",
                Map.of("reason", "missing_scope"),
                AuditActions.ALERT_POLICY_DENIAL));
    AuditMetrics.PeriodCounts p = AuditMetrics.byPeriod(records, T, T + 60, 60).get(0);
    SeriesKey notFound = SeriesKey.of(MetricNames.AUTH_FAILURES, AuditMetrics.REASON, "not_found");
    assertEquals(2, p.get(notFound));
    assertEquals(
        1, p.get(SeriesKey.of(MetricNames.AUTH_FAILURES, AuditMetrics.REASON, "revoked_api_key")));
    assertEquals(
        1,
        p.get(
            SeriesKey.of(MetricNames.AUTH_FAILURES, AuditMetrics.REASON, "client_key_not_usable")));
    assertEquals(
        0, p.get(SeriesKey.of(MetricNames.AUTH_FAILURES, AuditMetrics.REASON, "missing_scope")));
    assertEquals(
        4,
        p.get(
            SeriesKey.of(
                MetricNames.SECURITY_ALERTS,
                AuditMetrics.ALERT_TYPE,
                AuditActions.ALERT_AUTH_FAILURE)));
    assertEquals(
        2,
        p.get(
            SeriesKey.of(
                MetricNames.VAULT_OPERATIONS,
                AuditMetrics.OPERATION,
                "unseal",
                AuditMetrics.OUTCOME,
                "denied")),
        "two denied unseals: one probe, one missing scope");
  }
}
