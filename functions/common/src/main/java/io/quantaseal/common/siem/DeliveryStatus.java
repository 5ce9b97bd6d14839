package io.quantaseal.common.siem;

import java.time.Instant;
import java.util.Optional;

/**
 * How a destination's deliveries went, kept on its item by the SIEM push (docs/siem.md, "Delivery
 * status"): the last delivery, the last error (a short safe reason such as {@code http_503}, {@code
 * unreachable} or {@code forbidden}, never an upstream body), how many items were delivered and how
 * many failed, and how many of its letters the dead-letter queue holds.
 *
 * @param lastDeliveryAt the last time Datadog accepted something for it
 * @param lastError the reason of the last failed call
 * @param lastErrorAt when that call failed
 * @param delivered items (logs, events, metric series) Datadog accepted
 * @param failed items whose delivery failed (each attempt of a retried item counts)
 * @param deadLetters its letters in the dead-letter queue (written minus replayed and deleted)
 */
public record DeliveryStatus(
    Optional<Instant> lastDeliveryAt,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    long delivered,
    long failed,
    long deadLetters) {
  /** A destination nothing was sent to yet. */
  public static final DeliveryStatus NONE =
      new DeliveryStatus(Optional.empty(), Optional.empty(), Optional.empty(), 0, 0, 0);
}
