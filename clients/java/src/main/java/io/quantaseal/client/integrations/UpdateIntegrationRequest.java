package io.quantaseal.client.integrations;

import java.util.List;

/**
 * The fields of an integration to change; the others stay ({@code PATCH /api/v2/integrations/{id}},
 * docs/openapi.yaml {@code IntegrationPatch}). Another credential or site is validated with Datadog
 * again.
 *
 * @param name a new label, or null
 * @param credentialId another vault entry of type {@code api_key}, or null
 * @param config another Datadog site, or null
 * @param allowedOperations the whole new list of operations (it replaces the old one), or null
 */
public record UpdateIntegrationRequest(
    String name,
    String credentialId,
    IntegrationConfig config,
    List<DatadogOperation> allowedOperations) {

  /**
   * Copies the list of operations.
   *
   * @param name a new label, or null
   * @param credentialId another vault entry of type {@code api_key}, or null
   * @param config another Datadog site, or null
   * @param allowedOperations the whole new list of operations (it replaces the old one), or null
   */
  public UpdateIntegrationRequest {
    allowedOperations = allowedOperations == null ? null : List.copyOf(allowedOperations);
  }

  /**
   * A builder with nothing to change yet.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link UpdateIntegrationRequest}. */
  public static final class Builder {
    private String name;
    private String credentialId;
    private IntegrationConfig config;
    private List<DatadogOperation> allowedOperations;

    private Builder() {}

    /**
     * A new label.
     *
     * @param name 1 to 128 characters
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Another vault entry of type {@code api_key}.
     *
     * @param credentialId the entry's id
     * @return this builder
     */
    public Builder credentialId(String credentialId) {
      this.credentialId = credentialId;
      return this;
    }

    /**
     * Another Datadog site.
     *
     * @param config the site
     * @return this builder
     */
    public Builder config(IntegrationConfig config) {
      this.config = config;
      return this;
    }

    /**
     * The whole new list of operations.
     *
     * @param operations the operations; copied
     * @return this builder
     */
    public Builder allowedOperations(List<DatadogOperation> operations) {
      this.allowedOperations = operations;
      return this;
    }

    /**
     * The request.
     *
     * @return the request
     */
    public UpdateIntegrationRequest build() {
      return new UpdateIntegrationRequest(name, credentialId, config, allowedOperations);
    }
  }
}
