package io.quantaseal.client.integrations;

import java.util.List;
import java.util.Objects;

/**
 * A Datadog integration to create ({@code POST /api/v2/integrations}, docs/openapi.yaml {@code
 * IntegrationCreate}).
 *
 * <pre>{@code
 * CreateIntegrationRequest.builder(entry.vaultEntryId(), IntegrationConfig.site("datadoghq.com"))
 *     .allowedOperations(List.of(DatadogOperation.SEND_EVENT))
 *     .build();
 * }</pre>
 *
 * @param systemType {@code datadog}
 * @param name a label, or null
 * @param credentialId a vault entry of type {@code api_key}
 * @param config the Datadog site the key belongs to
 * @param allowedOperations what the proxy may do, or null for none (default deny)
 * @param idempotencyKey the {@code Idempotency-Key} to send, or null (the call is then not retried)
 */
public record CreateIntegrationRequest(
    String systemType,
    String name,
    String credentialId,
    IntegrationConfig config,
    List<DatadogOperation> allowedOperations,
    String idempotencyKey) {

  /** The one system type of this API version. */
  public static final String DATADOG = "datadog";

  /**
   * Checks the request.
   *
   * @param systemType {@code datadog}
   * @param name a label, or null
   * @param credentialId a vault entry of type {@code api_key}
   * @param config the Datadog site the key belongs to
   * @param allowedOperations what the proxy may do, or null for none (default deny)
   * @param idempotencyKey the {@code Idempotency-Key} to send, or null (the call is then not
   *     retried)
   * @throws NullPointerException if a required member is null
   */
  public CreateIntegrationRequest {
    Objects.requireNonNull(systemType, "systemType");
    Objects.requireNonNull(credentialId, "credentialId");
    Objects.requireNonNull(config, "config");
    allowedOperations = allowedOperations == null ? null : List.copyOf(allowedOperations);
  }

  /**
   * A builder for a Datadog integration.
   *
   * @param credentialId a vault entry of type {@code api_key}
   * @param config the Datadog site the key belongs to
   * @return the builder
   */
  public static Builder builder(String credentialId, IntegrationConfig config) {
    return new Builder(credentialId, config);
  }

  /** Builds a {@link CreateIntegrationRequest}. */
  public static final class Builder {
    private final String credentialId;
    private final IntegrationConfig config;
    private String systemType = DATADOG;
    private String name;
    private List<DatadogOperation> allowedOperations;
    private String idempotencyKey;

    private Builder(String credentialId, IntegrationConfig config) {
      this.credentialId = credentialId;
      this.config = config;
    }

    /**
     * The system type; {@code datadog} by default (the only one of this API version).
     *
     * @param systemType the type
     * @return this builder
     */
    public Builder systemType(String systemType) {
      this.systemType = systemType;
      return this;
    }

    /**
     * A label (1 to 128 characters).
     *
     * @param name the label
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * What the proxy may do; none when not given (default deny).
     *
     * @param operations the operations; copied
     * @return this builder
     */
    public Builder allowedOperations(List<DatadogOperation> operations) {
      this.allowedOperations = operations;
      return this;
    }

    /**
     * The {@code Idempotency-Key} to send, which makes the call safe to retry.
     *
     * @param idempotencyKey 1 to 255 printable ASCII characters
     * @return this builder
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * The request.
     *
     * @return the request
     */
    public CreateIntegrationRequest build() {
      return new CreateIntegrationRequest(
          systemType, name, credentialId, config, allowedOperations, idempotencyKey);
    }
  }
}
