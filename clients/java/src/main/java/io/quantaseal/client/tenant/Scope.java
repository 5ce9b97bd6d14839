package io.quantaseal.client.tenant;

/**
 * A scope of an API key (docs/openapi.yaml {@code Scope}); without one a key may do everything
 * except what the scopes grant.
 */
public enum Scope {
  /** The tenant's API keys and audit trail. */
  ADMIN("admin"),
  /** Registering, listing and revoking its own client keys. */
  CLIENT_KEYS_MANAGE("client_keys:manage"),
  /** Unsealing credentials. */
  VAULT_UNSEAL("vault:unseal");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code vault:unseal}
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
  public static Scope fromWireName(String wireName) {
    for (Scope v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a Scope: " + wireName);
  }
}
