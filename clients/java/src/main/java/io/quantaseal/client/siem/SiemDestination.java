package io.quantaseal.client.siem;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where QuantaSeal sends the tenant's streams (docs/openapi.yaml {@code SiemDestination}).
 *
 * @param destinationId its id ({@code dst_…})
 * @param systemType {@code datadog}
 * @param integrationId the integration it sends through
 * @param streams what it receives
 * @param createdAt when it was created
 * @param status {@code active}, or why sending stopped
 * @param stoppedReason why it stopped, in words, when it did
 * @param stoppedAt when it stopped, when it did
 * @param delivery how its deliveries went (only {@code getSiemDestination} answers it)
 */
public record SiemDestination(
    String destinationId,
    String systemType,
    String integrationId,
    List<SiemStream> streams,
    Instant createdAt,
    SiemDestinationStatus status,
    Optional<String> stoppedReason,
    Optional<Instant> stoppedAt,
    Optional<SiemDeliveryStatus> delivery) {

  /**
   * Copies the list of streams.
   *
   * @param destinationId its id ({@code dst_…})
   * @param systemType {@code datadog}
   * @param integrationId the integration it sends through
   * @param streams what it receives
   * @param createdAt when it was created
   * @param status {@code active}, or why sending stopped
   * @param stoppedReason why it stopped, in words, when it did
   * @param stoppedAt when it stopped, when it did
   * @param delivery how its deliveries went (only {@code getSiemDestination} answers it)
   * @throws NullPointerException if {@code streams} is null
   */
  public SiemDestination {
    streams = List.copyOf(streams);
  }
}
