package io.quantaseal.siem.metrics;

import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns audit records into per-period counts (docs/siem.md, "Metrics"). Pure: the same records
 * always give the same counts, which is what makes a re-sent period overwrite rather than add.
 */
public final class AuditMetrics {
  public static final String OPERATION = "quantaseal:operation";
  public static final String OUTCOME = "quantaseal:outcome";
  public static final String CRYPTO_OPERATION = "quantaseal:crypto_operation";
  public static final String KMS_OPERATION = "quantaseal:kms_operation";
  public static final String ACTION = "quantaseal:action";
  public static final String REASON = "quantaseal:reason";
  public static final String ALERT_TYPE = "quantaseal:alert_type";
  public static final String RULE = "quantaseal:rule";

  private static final Map<String, String> VAULT_OPERATIONS =
      Map.of(
          AuditActions.VAULT_SEAL, "seal",
          AuditActions.VAULT_UNSEAL, "unseal",
          AuditActions.VAULT_ROTATE, "rotate",
          AuditActions.VAULT_RETIRE_VERSION, "retire_version",
          AuditActions.VAULT_DELETE, "delete");

  private AuditMetrics() {}

  /** Counts of one period, by series. */
  public record PeriodCounts(long periodStart, Map<SeriesKey, Long> counts) {
    public PeriodCounts {
      counts = Map.copyOf(counts);
    }

    public long get(SeriesKey key) {
      return counts.getOrDefault(key, 0L);
    }
  }

  /**
   * Counts of every period in [{@code from}, {@code to}) (epoch seconds, multiples of {@code
   * periodSeconds}), oldest first; each has at least {@link MetricNames#AUDIT_RECORDS} (0 when
   * empty).
   */
  public static List<PeriodCounts> byPeriod(
      List<AuditRecord> records, long from, long to, int periodSeconds) {
    TreeMap<Long, Map<SeriesKey, Long>> periods = new TreeMap<>();
    for (long p = from; p < to; p += periodSeconds) {
      Map<SeriesKey, Long> m = new TreeMap<>();
      m.put(SeriesKey.of(MetricNames.AUDIT_RECORDS), 0L);
      periods.put(p, m);
    }
    for (AuditRecord r : records) {
      long t = r.time().getEpochSecond();
      long p = Math.floorDiv(t, periodSeconds) * periodSeconds;
      Map<SeriesKey, Long> m = periods.get(p);
      if (m != null) {
        count(r, m);
      }
    }
    return periods.entrySet().stream()
        .map(e -> new PeriodCounts(e.getKey(), e.getValue()))
        .toList();
  }

  /** Adds one record's contributions to {@code into}. */
  static void count(AuditRecord r, Map<SeriesKey, Long> into) {
    add(into, SeriesKey.of(MetricNames.AUDIT_RECORDS), 1);
    String action = r.action();
    String outcome = r.outcome();
    boolean success = AuditRecord.SUCCESS.equals(outcome);
    String vaultOp = VAULT_OPERATIONS.get(action);
    if (vaultOp != null) {
      add(
          into,
          SeriesKey.of(MetricNames.VAULT_OPERATIONS, OPERATION, vaultOp, OUTCOME, outcome),
          1);
      if (success) {
        switch (vaultOp) {
          case "seal", "rotate" -> {
            crypto(into, "seal", 1);
            kms(into, "generate_data_key", 1);
          }
          case "unseal" -> {
            crypto(into, "open", 1);
            crypto(into, "envelope", 1);
            kms(into, "decrypt", 2);
          }
          case "delete", "retire_version" -> crypto(into, "erase", 1);
          default -> {}
        }
      }
    }
    if (AuditActions.PROXY_CALL.equals(action)) {
      add(
          into,
          SeriesKey.of(
              MetricNames.PROXY_REQUESTS,
              OPERATION,
              r.details().getOrDefault("operation", "unknown"),
              OUTCOME,
              outcome),
          1);
      // The proxy opened the credential when it called upstream (an answer, or none at all).
      if (r.details().containsKey("upstream_status")) {
        crypto(into, "open", 1);
        crypto(into, "envelope", 1);
        kms(into, "decrypt", 2);
      } else if (AuditRecord.ERROR.equals(outcome)) {
        crypto(into, "open", 1);
        kms(into, "decrypt", 2);
      }
    }
    if (AuditActions.TENANT_CREATE.equals(action) && success) {
      kms(into, "encrypt", 1);
    }
    if (AuditActions.POLICY_DENIED.equals(action)
        || r.securityAlert().filter(AuditActions.ALERT_POLICY_DENIAL::equals).isPresent()) {
      add(
          into,
          SeriesKey.of(
              MetricNames.POLICY_DENIALS,
              ACTION,
              action,
              REASON,
              r.details().getOrDefault("reason", "unspecified")),
          1);
    }
    if (r.countsAsAuthFailure()) {
      add(
          into,
          SeriesKey.of(
              MetricNames.AUTH_FAILURES, REASON, r.details().getOrDefault("reason", "unspecified")),
          1);
    }
    r.securityAlert()
        .ifPresent(a -> add(into, SeriesKey.of(MetricNames.SECURITY_ALERTS, ALERT_TYPE, a), 1));
  }

  private static void crypto(Map<SeriesKey, Long> into, String op, long n) {
    add(into, SeriesKey.of(MetricNames.CRYPTO_OPERATIONS, CRYPTO_OPERATION, op), n);
  }

  private static void kms(Map<SeriesKey, Long> into, String op, long n) {
    add(into, SeriesKey.of(MetricNames.KMS_CALLS, KMS_OPERATION, op), n);
  }

  private static void add(Map<SeriesKey, Long> into, SeriesKey key, long n) {
    into.merge(key, n, Long::sum);
  }
}
