package io.quantaseal.client.integrations;

/**
 * What the proxy may do with a Datadog integration (docs/openapi.yaml {@code DatadogOperation}).
 */
public enum DatadogOperation {
  /** Post an event (Datadog's POST /api/v1/events). */
  SEND_EVENT("send_event"),
  /** Post metric points (Datadog's POST /api/v2/series). */
  SEND_METRIC("send_metric"),
  /** Post logs (Datadog's POST /api/v2/logs). */
  SEND_LOG("send_log");

  private final String wireName;

  DatadogOperation(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code send_log}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The constant of a value as the API writes it.
   *
   * @param wireName the API's value
   * @return the constant
   * @throws IllegalArgumentException if the value is not one of this type's
   */
  public static DatadogOperation fromWireName(String wireName) {
    for (DatadogOperation v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a DatadogOperation: " + wireName);
  }
}
