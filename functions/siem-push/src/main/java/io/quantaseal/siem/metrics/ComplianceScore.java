package io.quantaseal.siem.metrics;

import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.datadog.DatadogOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's compliance score, 0–100: a weighted sum of rules, each scored 0–100 (docs/siem.md,
 * "Compliance score"). A rule with nothing to judge scores 100.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>rule</th><th>weight</th><th>score</th></tr>
 *   <tr><td>credential_rotation</td><td>40</td><td>share of vault entries rotated (or created)
 *       within the tenant's rotation_policy_days</td></tr>
 *   <tr><td>least_privilege</td><td>20</td><td>share of Datadog integrations that do not allow
 *       every operation, unless each allowed operation was used in the last 30 days (by the proxy,
 *       or needed by a SIEM destination)</td></tr>
 *   <tr><td>no_revoked_key_presented</td><td>20</td><td>100 if no revoked API key was presented
 *       in the last 24 hours, else 0</td></tr>
 *   <tr><td>integration_health</td><td>20</td><td>share of integrations not marked unhealthy
 *       (credential refused upstream)</td></tr>
 * </table>
 */
public final class ComplianceScore {
  public static final String CREDENTIAL_ROTATION = "credential_rotation";
  public static final String LEAST_PRIVILEGE = "least_privilege";
  public static final String NO_REVOKED_KEY_PRESENTED = "no_revoked_key_presented";
  public static final String INTEGRATION_HEALTH = "integration_health";

  public static final Map<String, Integer> WEIGHTS =
      Map.of(
          CREDENTIAL_ROTATION, 40,
          LEAST_PRIVILEGE, 20,
          NO_REVOKED_KEY_PRESENTED, 20,
          INTEGRATION_HEALTH, 20);

  static final Duration USAGE_WINDOW = Duration.ofDays(30);
  static final Duration REVOKED_KEY_WINDOW = Duration.ofHours(24);

  private static final Set<String> ALL_DATADOG_OPERATIONS =
      Set.copyOf(Arrays.stream(DatadogOperation.values()).map(DatadogOperation::id).toList());

  private ComplianceScore() {}

  /**
   * The score and each rule's score.
   *
   * @param score 0–100
   * @param rules rule → 0–100, in a fixed order
   */
  public record Snapshot(int score, Map<String, Integer> rules) {
    public Snapshot {
      rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }
  }

  /**
   * @param rotationPolicyDays the tenant's policy
   * @param entries the tenant's vault entries
   * @param integrations the tenant's integrations
   * @param neededBySiem {@code <integration id>#<operation>} pairs SIEM destinations need
   * @param usage what the pushes learned from the audit trail
   * @param now the evaluation time
   */
  public static Snapshot evaluate(
      int rotationPolicyDays,
      List<VaultEntryRecord> entries,
      List<IntegrationRecord> integrations,
      Set<String> neededBySiem,
      UsageHistory usage,
      Instant now) {
    Map<String, Integer> rules = new LinkedHashMap<>();
    Instant rotationCutoff = now.minus(Duration.ofDays(Math.max(1, rotationPolicyDays)));
    rules.put(
        CREDENTIAL_ROTATION,
        share(
            entries.stream().filter(e -> !e.rotatedAt().isBefore(rotationCutoff)).count(),
            entries.size()));
    long usageCutoff = now.minus(USAGE_WINDOW).getEpochSecond();
    List<IntegrationRecord> datadog =
        integrations.stream().filter(i -> "datadog".equals(i.systemType())).toList();
    long leastPrivileged =
        datadog.stream()
            .filter(
                i ->
                    !i.allowedOperations().containsAll(ALL_DATADOG_OPERATIONS)
                        || i.allowedOperations().stream()
                            .allMatch(
                                op -> {
                                  String k = UsageHistory.key(i.integrationId(), op);
                                  return neededBySiem.contains(k)
                                      || usage.operationLastUsed().getOrDefault(k, Long.MIN_VALUE)
                                          >= usageCutoff;
                                }))
            .count();
    rules.put(LEAST_PRIVILEGE, share(leastPrivileged, datadog.size()));
    long revokedCutoff = now.minus(REVOKED_KEY_WINDOW).getEpochSecond();
    rules.put(
        NO_REVOKED_KEY_PRESENTED,
        usage.revokedKeyPresentedAt().filter(t -> t >= revokedCutoff).isPresent() ? 0 : 100);
    rules.put(
        INTEGRATION_HEALTH,
        share(
            integrations.stream().filter(IntegrationRecord::healthy).count(), integrations.size()));
    long weighted = 0;
    for (Map.Entry<String, Integer> r : rules.entrySet()) {
      weighted += (long) WEIGHTS.get(r.getKey()) * r.getValue();
    }
    int score = (int) Math.round(weighted / 100.0);
    return new Snapshot(score, rules);
  }

  /** {@code part / whole} as 0–100 (rounded down, so 100 means all); 100 when whole is 0. */
  static int share(long part, long whole) {
    return whole == 0 ? 100 : (int) (part * 100 / whole);
  }
}
