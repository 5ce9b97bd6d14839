package io.quantaseal.client.integrations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Datadog integration (docs/openapi.yaml {@code Integration}).
 *
 * @param integrationId its id ({@code int_…})
 * @param systemType {@code datadog}
 * @param name its label, when it has one
 * @param credentialId the vault entry holding the Datadog API key
 * @param config the Datadog site
 * @param allowedOperations what the proxy may do with it (none: default deny)
 * @param status whether the proxy may use it
 * @param unhealthyReason why it is unhealthy, e.g. {@code credential_rejected}, when it is
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Integration(
    String integrationId,
    String systemType,
    Optional<String> name,
    String credentialId,
    IntegrationConfig config,
    List<DatadogOperation> allowedOperations,
    IntegrationStatus status,
    Optional<String> unhealthyReason,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Copies the list of operations.
   *
   * @param integrationId its id ({@code int_…})
   * @param systemType {@code datadog}
   * @param name its label, when it has one
   * @param credentialId the vault entry holding the Datadog API key
   * @param config the Datadog site
   * @param allowedOperations what the proxy may do with it (none: default deny)
   * @param status whether the proxy may use it
   * @param unhealthyReason why it is unhealthy, e.g. {@code credential_rejected}, when it is
   * @param createdAt when it was created
   * @param updatedAt when it last changed
   * @throws NullPointerException if {@code allowedOperations} is null
   */
  public Integration {
    allowedOperations = List.copyOf(allowedOperations);
  }
}
