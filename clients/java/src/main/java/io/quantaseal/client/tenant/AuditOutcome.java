package io.quantaseal.client.tenant;

/** How an audited action ended. */
public enum AuditOutcome {
  /** It succeeded. */
  SUCCESS("success"),
  /** It was refused (authentication, scope, another tenant's id). */
  DENIED("denied"),
  /** It failed (bad input, an upstream refusal). */
  FAILURE("failure"),
  /** An error of the service. */
  ERROR("error");

  private final String wireName;

  AuditOutcome(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code error}
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
  public static AuditOutcome fromWireName(String wireName) {
    for (AuditOutcome v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a AuditOutcome: " + wireName);
  }
}
