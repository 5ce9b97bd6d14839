package io.quantaseal.client.vault;

/**
 * What a vault entry holds, and so which fields its {@code values} have (docs/openapi.yaml {@code
 * CredentialType}).
 */
public enum CredentialType {
  /**
   * An API key ({@code api_key}) and optionally an application key ({@code app_key}), e.g.
   * Datadog's.
   */
  API_KEY("api_key"),
  /** A bearer token ({@code token}). */
  BEARER_TOKEN("bearer_token"),
  /** A user name and password ({@code username}, {@code password}). */
  BASIC_AUTH("basic_auth"),
  /**
   * An OAuth 2.0 client ({@code client_id}, {@code client_secret}, optional {@code token_url},
   * {@code scope}, {@code audience}).
   */
  OAUTH2_CLIENT_CREDENTIALS("oauth2_client_credentials");

  private final String wireName;

  CredentialType(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value as the API writes it.
   *
   * @return e.g. {@code oauth2_client_credentials}
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
  public static CredentialType fromWireName(String wireName) {
    for (CredentialType v : values()) {
      if (v.wireName.equals(wireName)) {
        return v;
      }
    }
    throw new IllegalArgumentException("not a CredentialType: " + wireName);
  }
}
