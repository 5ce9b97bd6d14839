package io.quantaseal.client.siem;

/**
 * Whether a SIEM destination is sending, or why it stopped (records then wait in the dead-letter
 * queue).
 */
public enum SiemDestinationStatus {
  /** Sending. */
  ACTIVE("active"),
  /** Stopped: Datadog refused the integration's key. */
  STOPPED_CREDENTIAL_REJECTED("stopped_credential_rejected"),
  /** Stopped: the integration is unhealthy. */
  STOPPED_INTEGRATION_UNHEALTHY("stopped_integration_unhealthy"),
  /** Stopped: the integration was deleted. */
  INTEGRATION_MISSING("integration_missing"),
  /** Stopped: the integration's vault entry was deleted. */
  CREDENTIAL_MISSING("credential_missing");

  private final String wireName;

  SiemDestinationStatus(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code credential_missing}
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
  public static SiemDestinationStatus fromWireName(String wireName) {
    for (SiemDestinationStatus v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a SiemDestinationStatus: " + wireName);
  }
}
