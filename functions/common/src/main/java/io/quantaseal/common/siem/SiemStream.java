package io.quantaseal.common.siem;

import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.datadog.DatadogOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a SIEM destination receives, and the Datadog operations its integration must allow for it
 * (docs/siem.md, "Destinations").
 */
public enum SiemStream {
  /** Per-minute series from the audit table, and the compliance score. */
  METRICS("metrics", List.of(DatadogOperation.SEND_METRIC)),
  /** Every audit record as a Datadog log. */
  AUDIT("audit", List.of(DatadogOperation.SEND_LOG)),
  /** Security alerts as Datadog events, and as logs. */
  SECURITY_ALERTS(
      "security_alerts", List.of(DatadogOperation.SEND_EVENT, DatadogOperation.SEND_LOG));

  private final String id;
  private final List<DatadogOperation> requiredOperations;

  SiemStream(String id, List<DatadogOperation> requiredOperations) {
    this.id = id;
    this.requiredOperations = requiredOperations;
  }

  /** The name used in the API, e.g. {@code security_alerts}. */
  public String id() {
    return id;
  }

  /** Operations the destination's integration must allow. */
  public List<DatadogOperation> requiredOperations() {
    return requiredOperations;
  }

  public static Optional<SiemStream> fromId(String id) {
    for (SiemStream s : values()) {
      if (s.id.equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The stream with this id, or 400 naming the known ones. */
  public static SiemStream parse(String id) {
    return fromId(id)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "Field 'streams' may only hold " + ids() + "; got an unknown stream."));
  }

  public static String ids() {
    return Arrays.stream(values()).map(SiemStream::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
