package io.quantaseal.client.encryption;

/** Whether a server signing key signs new envelopes, only verifies older ones, or neither. */
public enum ServerKeyStatus {
  /** Signs new envelopes. */
  ACTIVE("active"),
  /**
   * Replaced by a rotation; still verifies the envelopes it signed until {@code verifies_until}.
   */
  RETIRING("retiring"),
  /** Verifies nothing (its seed is erased); listed only with {@code include_retired=true}. */
  RETIRED("retired");

  private final String wireName;

  ServerKeyStatus(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code retired}
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
  public static ServerKeyStatus fromWireName(String wireName) {
    for (ServerKeyStatus v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a ServerKeyStatus: " + wireName);
  }
}
