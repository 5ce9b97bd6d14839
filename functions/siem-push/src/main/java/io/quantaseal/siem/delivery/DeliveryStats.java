package io.quantaseal.siem.delivery;

import io.quantaseal.common.siem.SiemDestinationRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Keeps each destination's delivery status on its item (docs/siem.md, "Delivery status"): what was
 * delivered and when, what failed and why (the result's short safe reason), and how many of its
 * letters the dead-letter queue holds. A write that fails is logged and never fails a delivery.
 */
public final class DeliveryStats implements DeadLetterQueue.Counts {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStats.class);

  private final SiemDestinationRepository destinations;
  private final Clock clock;

  public DeliveryStats(SiemDestinationRepository destinations, Clock clock) {
    this.destinations = destinations;
    this.clock = clock;
  }

  /** {@code items} of one call to Datadog for this destination ended with {@code result}. */
  public void record(String tenantId, String destinationId, DeliveryResult result, int items) {
    try {
      if (result.delivered()) {
        destinations.recordDelivered(tenantId, destinationId, items, clock.instant());
      } else {
        destinations.recordFailed(tenantId, destinationId, items, result.reason(), clock.instant());
      }
    } catch (SdkException e) {
      LOG.warn(
          "destination {}: delivery status not recorded ({})",
          destinationId,
          e.getClass().getSimpleName());
    }
  }

  @Override
  public void changed(String tenantId, String destinationId, int delta) {
    if (tenantId == null
        || tenantId.isEmpty()
        || destinationId == null
        || destinationId.isEmpty()) {
      return; // an unreadable letter names no destination
    }
    try {
      destinations.addDeadLetters(tenantId, destinationId, delta);
    } catch (SdkException e) {
      LOG.warn(
          "destination {}: dead-letter count not recorded ({})",
          destinationId,
          e.getClass().getSimpleName());
    }
  }
}
