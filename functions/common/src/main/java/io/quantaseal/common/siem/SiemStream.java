package io.quantaseal.common.siem;

import io.quantaseal.common.api.InvalidRequestException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a SIEM destination receives (docs/siem.md, "Destinations"). The Datadog operations each
 * stream needs are siem-push's {@code StreamOperations}.
 */
public enum SiemStream {
  /** Per-minute series from the audit table, and the compliance score. */
  METRICS("metrics"),
  /** Every audit record as a Datadog log. */
  AUDIT("audit"),
  /** Security alerts as Datadog events, and as logs. */
  SECURITY_ALERTS("security_alerts");

  private final String id;

  SiemStream(String id) {
    this.id = id;
  }

  /** The name used in the API, e.g. {@code security_alerts}. */
  public String id() {
    return id;
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
