package io.quantaseal.common.vault;

import io.quantaseal.common.api.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credential types the vault accepts and the fields each requires
 * (docs/api.md#credential-types). A single {@code value} is shorthand for the type's primary field.
 */
public enum CredentialType {
  API_KEY("api_key", "api_key", List.of("api_key"), List.of("app_key")),
  BEARER_TOKEN("bearer_token", "token", List.of("token"), List.of()),
  BASIC_AUTH("basic_auth", null, List.of("username", "password"), List.of()),
  OAUTH2_CLIENT_CREDENTIALS(
      "oauth2_client_credentials",
      null,
      List.of("client_id", "client_secret"),
      List.of("token_url", "scope", "audience"));

  /** Longest value of one field. */
  public static final int MAX_VALUE_LENGTH = 8192;

  private final String id;
  private final String primaryField;
  private final List<String> required;
  private final List<String> optional;

  CredentialType(String id, String primaryField, List<String> required, List<String> optional) {
    this.id = id;
    this.primaryField = primaryField;
    this.required = required;
    this.optional = optional;
  }

  public String id() {
    return id;
  }

  public static CredentialType fromId(String id) {
    for (CredentialType t : values()) {
      if (t.id.equals(id)) {
        return t;
      }
    }
    throw new InvalidRequestException(
        "Unknown credential_type; use one of api_key, bearer_token, basic_auth,"
            + " oauth2_client_credentials.");
  }

  /**
   * Checks and normalises the values of a seal or rotate request: either {@code value} (for types
   * with a primary field) or {@code values}, never both.
   */
  public Map<String, String> validate(
      Optional<String> value, Optional<Map<String, String>> values) {
    if (value.isPresent() == values.isPresent()) {
      throw new InvalidRequestException("Give exactly one of 'value' or 'values'.");
    }
    Map<String, String> v = new LinkedHashMap<>();
    if (value.isPresent()) {
      if (primaryField == null) {
        throw new InvalidRequestException(
            "credential_type " + id + " needs 'values' with " + String.join(", ", required) + ".");
      }
      v.put(primaryField, value.get());
    } else {
      v.putAll(values.get());
    }
    Set<String> allowed = new java.util.HashSet<>(required);
    allowed.addAll(optional);
    for (Map.Entry<String, String> e : v.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw new InvalidRequestException(
            "Field 'values."
                + truncate(e.getKey())
                + "' is not used by credential_type "
                + id
                + ".");
      }
      String s = e.getValue();
      if (s == null || s.isEmpty()) {
        throw new InvalidRequestException("Field 'values." + e.getKey() + "' must not be empty.");
      }
      if (s.length() > MAX_VALUE_LENGTH) {
        throw new io.quantaseal.common.api.PayloadTooLargeException(
            "Field 'values." + e.getKey() + "' is over " + MAX_VALUE_LENGTH + " characters.");
      }
    }
    for (String r : required) {
      if (!v.containsKey(r)) {
        throw new InvalidRequestException(
            "credential_type " + id + " requires 'values." + r + "'.");
      }
    }
    if (v.containsKey("token_url")) {
      String url = v.get("token_url");
      if (!url.startsWith("https://")
          || url.length() < 12
          || url.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidRequestException("Field 'values.token_url' must be an https URL.");
      }
    }
    return v;
  }

  private static String truncate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
