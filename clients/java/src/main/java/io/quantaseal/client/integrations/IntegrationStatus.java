package io.quantaseal.client.integrations;

/** Whether the proxy may use an integration. */
public enum IntegrationStatus {
  /** Datadog accepts the key. */
  HEALTHY("healthy"),
  /** Datadog refused the key, or it is gone: the proxy refuses until the credential changes. */
  UNHEALTHY("unhealthy");

  private final String wireName;

  IntegrationStatus(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code }
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
  public static IntegrationStatus fromWireName(String wireName) {
    for (IntegrationStatus v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a IntegrationStatus: " + wireName);
  }
}
