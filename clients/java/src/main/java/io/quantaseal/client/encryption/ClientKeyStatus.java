package io.quantaseal.client.encryption;

/** Whether envelopes are still sealed to a client key. */
public enum ClientKeyStatus {
  /** Envelopes may be sealed to it. */
  ACTIVE("active"),
  /** Revoked: no envelope is sealed to it again. */
  REVOKED("revoked");

  private final String wireName;

  ClientKeyStatus(String wireName) {
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
  public static ClientKeyStatus fromWireName(String wireName) {
    for (ClientKeyStatus v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a ClientKeyStatus: " + wireName);
  }
}
