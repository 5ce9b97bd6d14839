package io.quantaseal.client.siem;

import java.util.List;
import java.util.Objects;

/**
 * A SIEM destination to create ({@code POST /api/v2/siem/destinations}, docs/openapi.yaml {@code
 * SiemDestinationCreate}). The integration must allow what the streams send.
 *
 * @param systemType {@code datadog}
 * @param integrationId the integration to send through
 * @param streams what to send, or null for all three
 * @param idempotencyKey the {@code Idempotency-Key} to send, or null (the call is then not retried)
 */
public record CreateSiemDestinationRequest(
    String systemType, String integrationId, List<SiemStream> streams, String idempotencyKey) {

  /**
   * Checks the request.
   *
   * @param systemType {@code datadog}
   * @param integrationId the integration to send through
   * @param streams what to send, or null for all three
   * @param idempotencyKey the {@code Idempotency-Key} to send, or null (the call is then not
   *     retried)
   * @throws NullPointerException if {@code systemType} or {@code integrationId} is null
   */
  public CreateSiemDestinationRequest {
    Objects.requireNonNull(systemType, "systemType");
    Objects.requireNonNull(integrationId, "integrationId");
    streams = streams == null ? null : List.copyOf(streams);
  }

  /**
   * A builder for a destination that sends through a Datadog integration.
   *
   * @param integrationId the integration
   * @return the builder
   */
  public static Builder builder(String integrationId) {
    return new Builder(integrationId);
  }

  /** Builds a {@link CreateSiemDestinationRequest}. */
  public static final class Builder {
    private final String integrationId;
    private String systemType = "datadog";
    private List<SiemStream> streams;
    private String idempotencyKey;

    private Builder(String integrationId) {
      this.integrationId = integrationId;
    }

    /**
     * The system type; {@code datadog} by default.
     *
     * @param systemType the type
     * @return this builder
     */
    public Builder systemType(String systemType) {
      this.systemType = systemType;
      return this;
    }

    /**
     * What to send; all three when not given.
     *
     * @param streams 1 to 8 streams; copied
     * @return this builder
     */
    public Builder streams(List<SiemStream> streams) {
      this.streams = streams;
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
    public CreateSiemDestinationRequest build() {
      return new CreateSiemDestinationRequest(systemType, integrationId, streams, idempotencyKey);
    }
  }
}
