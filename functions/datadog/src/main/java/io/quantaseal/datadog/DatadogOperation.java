package io.quantaseal.datadog;

import io.quantaseal.common.api.InvalidRequestException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the outbound proxy may do with a Datadog integration (docs/api.md#datadog-operations): each
 * operation is one fixed upstream endpoint. Integrations allow a subset ({@code
 * allowed_operations}); anything else is denied.
 */
public enum DatadogOperation {
  /** POST https://api.{site}/api/v1/events */
  SEND_EVENT("send_event", DatadogEndpoint.EVENTS),
  /** POST https://api.{site}/api/v2/series */
  SEND_METRIC("send_metric", DatadogEndpoint.SERIES),
  /** POST https://http-intake.logs.{site}/api/v2/logs */
  SEND_LOG("send_log", DatadogEndpoint.LOGS);

  private final String id;
  private final DatadogEndpoint endpoint;

  DatadogOperation(String id, DatadogEndpoint endpoint) {
    this.id = id;
    this.endpoint = endpoint;
  }

  /** The name used in the API, e.g. {@code send_event}. */
  public String id() {
    return id;
  }

  /** The upstream endpoint this operation calls. */
  public DatadogEndpoint endpoint() {
    return endpoint;
  }

  public static Optional<DatadogOperation> fromId(String id) {
    for (DatadogOperation op : values()) {
      if (op.id.equals(id)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** The operation with this id, or 400 {@code invalid_request} naming the known ones. */
  public static DatadogOperation parse(String id) {
    return fromId(id)
        .orElseThrow(
            () -> new InvalidRequestException("Unknown operation; use one of " + ids() + "."));
  }

  public static String ids() {
    return Arrays.stream(values()).map(DatadogOperation::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
