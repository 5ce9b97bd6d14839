package io.quantaseal.common.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration, read once per container from the environment and passed to whoever needs it. No
 * setting chooses the keyring: a deployed function always uses AWS KMS (each function's composition
 * root), and only the local runner and tests pass another.
 *
 * @param vaultTable tenant-scoped items
 * @param apiKeysTable API keys by hash
 * @param auditTable audit records
 * @param serviceKmsKeyId KMS key wrapping the service signing keys
 * @param keyCacheTtl how long a decrypted key may stay cached
 * @param keyCacheMaxEntries how many decrypted keys may be cached
 * @param datadogBaseUrlOverride test/local redirect of every Datadog call
 * @param stage deployment stage
 * @param siemDlqUrl SQS URL of the SIEM dead-letter queue
 */
public record QuantaSealConfig(
    String vaultTable,
    String apiKeysTable,
    String auditTable,
    String serviceKmsKeyId,
    Duration keyCacheTtl,
    int keyCacheMaxEntries,
    Optional<String> datadogBaseUrlOverride,
    String stage,
    Optional<String> siemDlqUrl) {

  public static final String DEFAULT_VAULT_TABLE = "quantaseal-vault";
  public static final String DEFAULT_API_KEYS_TABLE = "quantaseal-api-keys";
  public static final String DEFAULT_AUDIT_TABLE = "quantaseal-audit";

  public static QuantaSealConfig fromEnvironment() {
    return from(System.getenv());
  }

  public static QuantaSealConfig from(Map<String, String> env) {
    return new QuantaSealConfig(
        env.getOrDefault(EnvironmentNames.VAULT_TABLE, DEFAULT_VAULT_TABLE),
        env.getOrDefault(EnvironmentNames.API_KEYS_TABLE, DEFAULT_API_KEYS_TABLE),
        env.getOrDefault(EnvironmentNames.AUDIT_TABLE, DEFAULT_AUDIT_TABLE),
        env.getOrDefault(EnvironmentNames.SERVICE_KMS_KEY_ID, "alias/quantaseal-service"),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault(EnvironmentNames.KEY_CACHE_TTL_SECONDS, "300"))),
        Integer.parseInt(env.getOrDefault(EnvironmentNames.KEY_CACHE_MAX_ENTRIES, "1000")),
        nonEmpty(env.get(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE)),
        env.getOrDefault(EnvironmentNames.STAGE, "dev"),
        nonEmpty(env.get(EnvironmentNames.SIEM_DLQ_URL)));
  }

  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  @Override
  public String toString() {
    return "QuantaSealConfig[vaultTable="
        + vaultTable
        + ", apiKeysTable="
        + apiKeysTable
        + ", auditTable="
        + auditTable
        + ", stage="
        + stage
        + "]";
  }
}
