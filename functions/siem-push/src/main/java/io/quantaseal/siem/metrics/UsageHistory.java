package io.quantaseal.siem.metrics;

import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the compliance rules need to remember between pushes, learned from the audit records as each
 * period is pushed: when each integration last used each operation through the proxy, and when a
 * revoked API key was last presented. Kept in the tenant's push-state item.
 *
 * @param operationLastUsed {@code <integration id>#<operation>} → epoch second of the last use
 * @param revokedKeyPresentedAt epoch second a revoked API key was last presented, if ever
 */
public record UsageHistory(
    Map<String, Long> operationLastUsed, Optional<Long> revokedKeyPresentedAt) {
  /** Most remembered (integration, operation) pairs; the oldest are forgotten first. */
  static final int MAX_ENTRIES = 500;

  public UsageHistory {
    operationLastUsed = Map.copyOf(operationLastUsed);
  }

  public static UsageHistory empty() {
    return new UsageHistory(Map.of(), Optional.empty());
  }

  public static String key(String integrationId, String operation) {
    return integrationId + "#" + operation;
  }

  /** This history updated with {@code records} (idempotent: the latest time wins). */
  public UsageHistory with(List<AuditRecord> records) {
    Map<String, Long> used = new HashMap<>(operationLastUsed);
    Long revoked = revokedKeyPresentedAt.orElse(null);
    for (AuditRecord r : records) {
      long t = r.time().getEpochSecond();
      if (AuditActions.PROXY_CALL.equals(r.action())
          && (AuditRecord.SUCCESS.equals(r.outcome())
              || r.details().containsKey("upstream_status"))) {
        String integration = r.details().get("integration_id");
        if (integration == null && r.target().startsWith("int_")) {
          integration = r.target();
        }
        String op = r.details().get("operation");
        if (integration != null && op != null) {
          used.merge(key(integration, op), t, Math::max);
        }
      }
      if (AuditActions.AUTH_FAILURE.equals(r.action())
          && "revoked_api_key".equals(r.details().get("reason"))) {
        revoked = revoked == null ? t : Math.max(revoked, t);
      }
    }
    if (used.size() > MAX_ENTRIES) {
      List<Map.Entry<String, Long>> newest =
          used.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
              .limit(MAX_ENTRIES)
              .toList();
      used = new HashMap<>();
      for (Map.Entry<String, Long> e : newest) {
        used.put(e.getKey(), e.getValue());
      }
    }
    return new UsageHistory(used, Optional.ofNullable(revoked));
  }
}
