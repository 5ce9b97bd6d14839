package io.quantaseal.client.vault;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A credential to seal ({@code POST /api/v2/vault/seal}, docs/openapi.yaml {@code SealRequest}):
 * its type, an optional name, and exactly one of {@code value} (for the single-field types {@code
 * api_key} and {@code bearer_token}) or {@code values}. {@link #toString()} never shows a value.
 *
 * <pre>{@code
 * SealRequest.builder(CredentialType.API_KEY).name("datadog").values(Map.of("api_key", k)).build();
 * }</pre>
 *
 * @param credentialType what the credential is
 * @param name a label of the caller's choosing, or null
 * @param value the single field of an {@code api_key} or {@code bearer_token}, or null
 * @param values the credential's fields by name, or null
 * @param idempotencyKey the {@code Idempotency-Key} to send, or null for one the client makes
 */
public record SealRequest(
    CredentialType credentialType,
    String name,
    String value,
    Map<String, String> values,
    String idempotencyKey) {

  /**
   * Checks the request.
   *
   * @param credentialType what the credential is
   * @param name a label of the caller's choosing, or null
   * @param value the single field of an {@code api_key} or {@code bearer_token}, or null
   * @param values the credential's fields by name, or null
   * @param idempotencyKey the {@code Idempotency-Key} to send, or null for one the client makes
   * @throws IllegalArgumentException unless exactly one of {@code value} and {@code values} is
   *     given
   */
  public SealRequest {
    Objects.requireNonNull(credentialType, "credentialType");
    if ((value == null) == (values == null)) {
      throw new IllegalArgumentException("give exactly one of value and values");
    }
    if (values != null) {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /**
   * A builder for a credential of {@code type}.
   *
   * @param type what the credential is
   * @return the builder
   */
  public static Builder builder(CredentialType type) {
    return new Builder(type);
  }

  /**
   * The type and name only; values are redacted.
   *
   * @return {@code SealRequest[credentialType=…, name=…, values redacted]}
   */
  @Override
  public String toString() {
    return "SealRequest[credentialType="
        + credentialType.wireName()
        + ", name="
        + name
        + ", "
        + (value != null ? "value" : "values " + values.keySet())
        + " redacted]";
  }

  /** Builds a {@link SealRequest}. */
  public static final class Builder {
    private final CredentialType type;
    private String name;
    private String value;
    private Map<String, String> values;
    private String idempotencyKey;

    private Builder(CredentialType type) {
      this.type = type;
    }

    /**
     * The entry's label (not unique, not secret; at most 128 characters).
     *
     * @param name the label
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * The single field of an {@code api_key} or {@code bearer_token}.
     *
     * @param value the secret
     * @return this builder
     */
    public Builder value(String value) {
      this.value = value;
      return this;
    }

    /**
     * The credential's fields by name (e.g. {@code api_key}, {@code app_key}).
     *
     * @param values the fields; copied
     * @return this builder
     */
    public Builder values(Map<String, String> values) {
      this.values = values;
      return this;
    }

    /**
     * The {@code Idempotency-Key} to send (1 to 255 printable ASCII characters); by default the
     * client makes one, so that a retried seal stores one entry.
     *
     * @param idempotencyKey the key
     * @return this builder
     */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /**
     * The request.
     *
     * @return the request
     * @throws IllegalArgumentException unless exactly one of value and values was given
     */
    public SealRequest build() {
      return new SealRequest(type, name, value, values, idempotencyKey);
    }
  }
}
