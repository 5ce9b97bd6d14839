package io.quantaseal.siem.destinations;

import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.datadog.DatadogOperation;
import java.util.List;

/**
 * The Datadog operations a destination's integration must allow for each stream it receives
 * (docs/siem.md, "Destinations").
 */
public final class StreamOperations {
  private StreamOperations() {}

  /** Operations the integration of a destination with {@code stream} must allow. */
  public static List<DatadogOperation> required(SiemStream stream) {
    return switch (stream) {
      case METRICS -> List.of(DatadogOperation.SEND_METRIC);
      case AUDIT -> List.of(DatadogOperation.SEND_LOG);
      case SECURITY_ALERTS -> List.of(DatadogOperation.SEND_EVENT, DatadogOperation.SEND_LOG);
    };
  }
}
