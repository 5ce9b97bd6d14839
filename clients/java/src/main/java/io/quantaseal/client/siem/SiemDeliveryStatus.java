package io.quantaseal.client.siem;

import java.time.Instant;
import java.util.Optional;

/**
 * How a SIEM destination's deliveries went (docs/openapi.yaml {@code SiemDeliveryStatus};
 * docs/siem.md#delivery-status); only {@code getSiemDestination} answers it.
 *
 * @param lastDeliveryAt when Datadog last accepted an item for it (empty if never)
 * @param lastError the last failed call's reason ({@code http_503}, {@code unreachable}, {@code
 *     forbidden}, …), if one failed
 * @param lastErrorAt when that was
 * @param deliveredCount items delivered
 * @param failedCount items of failed calls (an item retried later counts each time)
 * @param deadLetterDepth its undelivered items waiting in the dead-letter queue
 */
public record SiemDeliveryStatus(
    Optional<Instant> lastDeliveryAt,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    long deliveredCount,
    long failedCount,
    long deadLetterDepth) {}
