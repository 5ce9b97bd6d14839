package io.quantaseal.client.siem;

/** What a SIEM destination receives (docs/openapi.yaml {@code SiemStream}). */
public enum SiemStream {
  /** QuantaSeal's own metrics (needs {@code send_metric}). */
  METRICS("metrics"),
  /** The audit trail (needs {@code send_log}). */
  AUDIT("audit"),
  /** Security alerts as they happen (needs {@code send_event} and {@code send_log}). */
  SECURITY_ALERTS("security_alerts");

  private final String wireName;

  SiemStream(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code security_alerts}
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
  public static SiemStream fromWireName(String wireName) {
    for (SiemStream v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a SiemStream: " + wireName);
  }
}
