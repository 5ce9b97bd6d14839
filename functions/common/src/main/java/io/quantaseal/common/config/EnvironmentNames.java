package io.quantaseal.common.config;

/** Every environment variable the functions read, in one place (template.yaml sets them). */
public final class EnvironmentNames {
  private EnvironmentNames() {}

  /** DynamoDB table of tenant-scoped items: tenants, vault entries, keys, integrations. */
  public static final String VAULT_TABLE = "QS_VAULT_TABLE";

  /** DynamoDB table of API keys, keyed by the key's hash. */
  public static final String API_KEYS_TABLE = "QS_API_KEYS_TABLE";

  /** DynamoDB table of audit records (with a stream to the SIEM push). */
  public static final String AUDIT_TABLE = "QS_AUDIT_TABLE";

  /** KMS key (id, ARN or alias) that wraps the service's own ML-DSA signing keys. */
  public static final String SERVICE_KMS_KEY_ID = "QS_SERVICE_KMS_KEY_ID";

  /** Seconds a decrypted key may stay cached in a container (default 300). */
  public static final String KEY_CACHE_TTL_SECONDS = "QS_KEY_CACHE_TTL_SECONDS";

  /** Most decrypted keys cached per container (default 1000). */
  public static final String KEY_CACHE_MAX_ENTRIES = "QS_KEY_CACHE_MAX_ENTRIES";

  /**
   * Redirects every Datadog call to this base URL (tests and local runs only, e.g.
   * http://127.0.0.1:8089). Never set in production.
   */
  public static final String DATADOG_BASE_URL_OVERRIDE = "QS_DATADOG_BASE_URL_OVERRIDE";

  /** Deployment stage, used as the {@code env} tag (default "dev"). */
  public static final String STAGE = "QS_STAGE";

  /** SQS queue URL of the SIEM push dead-letter queue. */
  public static final String SIEM_DLQ_URL = "QS_SIEM_DLQ_URL";

  /** SIEM push: seconds after a minute ends before its metrics are pushed (default 60). */
  public static final String SIEM_METRICS_LAG_SECONDS = "QS_SIEM_METRICS_LAG_SECONDS";

  /** SIEM push: auth failures in one window that make a burst alert (default 5). */
  public static final String SIEM_BURST_THRESHOLD = "QS_SIEM_BURST_THRESHOLD";

  /** SIEM push: the burst window in seconds (default 60). */
  public static final String SIEM_BURST_WINDOW_SECONDS = "QS_SIEM_BURST_WINDOW_SECONDS";

  /** SIEM push: time budget of one Datadog call in seconds. */
  public static final String SIEM_CALL_BUDGET_SECONDS = "QS_SIEM_CALL_BUDGET_SECONDS";

  /** SIEM push: events sent at once to one destination (Datadog's events API has no batch). */
  public static final String SIEM_EVENT_CONCURRENCY = "QS_SIEM_EVENT_CONCURRENCY";

  /** SIEM push: tenants pushed in parallel by one scheduled run. */
  public static final String SIEM_CONCURRENCY = "QS_SIEM_CONCURRENCY";

  /** Standard AWS region variable. */
  public static final String AWS_REGION = "AWS_REGION";
}
