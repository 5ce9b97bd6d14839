package io.quantaseal.common.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An integration: a sealed credential, a third-party system and site, and the default-deny list of
 * operations the proxy may perform with it.
 *
 * @param tenantId owner
 * @param integrationId {@code int_…}
 * @param systemType e.g. {@code datadog}
 * @param name optional display name
 * @param credentialId the vault entry holding the key
 * @param site the third party's site, e.g. {@code datadoghq.eu}
 * @param allowedOperations operations allowed; empty allows nothing
 * @param unhealthyReason set when the upstream refused the credential (403); cleared when the
 *     credential changes
 * @param unhealthyAtCredentialVersion the credential version that was refused
 * @param createdAt creation time
 * @param updatedAt last change
 * @param credentialVersion the credential version last validated with the upstream (0: unknown)
 */
public record IntegrationRecord(
    String tenantId,
    String integrationId,
    String systemType,
    Optional<String> name,
    String credentialId,
    String site,
    List<String> allowedOperations,
    Optional<String> unhealthyReason,
    int unhealthyAtCredentialVersion,
    Instant createdAt,
    Instant updatedAt,
    int credentialVersion) {

  public IntegrationRecord {
    allowedOperations = List.copyOf(allowedOperations);
  }

  /** Without a validated credential version (0). */
  public IntegrationRecord(
      String tenantId,
      String integrationId,
      String systemType,
      Optional<String> name,
      String credentialId,
      String site,
      List<String> allowedOperations,
      Optional<String> unhealthyReason,
      int unhealthyAtCredentialVersion,
      Instant createdAt,
      Instant updatedAt) {
    this(
        tenantId,
        integrationId,
        systemType,
        name,
        credentialId,
        site,
        allowedOperations,
        unhealthyReason,
        unhealthyAtCredentialVersion,
        createdAt,
        updatedAt,
        0);
  }

  public boolean allows(String operation) {
    return allowedOperations.contains(operation);
  }

  public boolean healthy() {
    return unhealthyReason.isEmpty();
  }
}
