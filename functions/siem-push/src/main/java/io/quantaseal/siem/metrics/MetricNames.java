package io.quantaseal.siem.metrics;

/** The series the scheduled push sends (docs/siem.md, "Metrics"). */
public final class MetricNames {
  private MetricNames() {}

  /** Count: audit records of the tenant in the period (also 0: shows the period was pushed). */
  public static final String AUDIT_RECORDS = "quantaseal.audit.records";

  /** Count: vault operations by {@code quantaseal:operation} and {@code quantaseal:outcome}. */
  public static final String VAULT_OPERATIONS = "quantaseal.vault.operations";

  /** Count: proxy calls by upstream {@code quantaseal:operation} and {@code quantaseal:outcome}. */
  public static final String PROXY_REQUESTS = "quantaseal.proxy.requests";

  /** Count: cryptographic operations by {@code quantaseal:crypto_operation}. */
  public static final String CRYPTO_OPERATIONS = "quantaseal.crypto.operations";

  /** Count: KMS requests the operations imply, by {@code quantaseal:kms_operation}. */
  public static final String KMS_CALLS = "quantaseal.kms.calls";

  /** Count: requests refused by policy, by {@code quantaseal:action} and reason. */
  public static final String POLICY_DENIALS = "quantaseal.policy.denials";

  /** Count: authentication failures that name the tenant, by {@code quantaseal:reason}. */
  public static final String AUTH_FAILURES = "quantaseal.auth.failures";

  /** Count: security alerts by {@code quantaseal:alert_type}. */
  public static final String SECURITY_ALERTS = "quantaseal.security.alerts";

  /** Gauge 0–100: the tenant's compliance score. */
  public static final String COMPLIANCE_SCORE = "quantaseal.compliance.score";

  /** Gauge 0–100: one compliance rule, by {@code quantaseal:rule}. */
  public static final String COMPLIANCE_RULE = "quantaseal.compliance.rule";
}
