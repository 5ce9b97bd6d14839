package io.quantaseal.client.tenant;

/** Whether an API key is accepted. */
public enum ApiKeyStatus {
  /** Accepted. */
  ACTIVE("active"),
  /** Past its {@code expires_at}: refused like a revoked key. */
  EXPIRED("expired"),
  /** Revoked (API Gateway may accept it for up to a minute after). */
  REVOKED("revoked");

  private final String wireName;

  ApiKeyStatus(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code revoked}
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
  public static ApiKeyStatus fromWireName(String wireName) {
    for (ApiKeyStatus v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a ApiKeyStatus: " + wireName);
  }
}
