package io.quantaseal.client.vault;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * New values for an entry, sealed as version + 1 ({@code POST /api/v2/vault/entries/{id}/rotate},
 * docs/openapi.yaml {@code RotateRequest}): every field of the entry's type in {@code values}, or
 * the single field of an {@code api_key} or {@code bearer_token} as {@code value}. {@link
 * #toString()} never shows a value.
 *
 * @param value the single field, or null
 * @param values the fields by name, or null
 * @param idempotencyKey the {@code Idempotency-Key} to send, or null (the call is then not retried)
 */
public record RotateRequest(String value, Map<String, String> values, String idempotencyKey) {

  /**
   * Checks the request.
   *
   * @param value the single field, or null
   * @param values the fields by name, or null
   * @param idempotencyKey the {@code Idempotency-Key} to send, or null (the call is then not
   *     retried)
   * @throws IllegalArgumentException unless exactly one of {@code value} and {@code values} is
   *     given
   */
  public RotateRequest {
    if ((value == null) == (values == null)) {
      throw new IllegalArgumentException("give exactly one of value and values");
    }
    if (values != null) {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
  }

  /**
   * New values for every field.
   *
   * @param values the fields by name; copied
   * @return the request
   */
  public static RotateRequest ofValues(Map<String, String> values) {
    return new RotateRequest(null, values, null);
  }

  /**
   * A new single field of an {@code api_key} or {@code bearer_token} entry.
   *
   * @param value the secret
   * @return the request
   */
  public static RotateRequest ofValue(String value) {
    return new RotateRequest(value, null, null);
  }

  /**
   * This request sent with an {@code Idempotency-Key}, which makes it safe to retry.
   *
   * @param key the key (1 to 255 printable ASCII characters)
   * @return the changed request
   */
  public RotateRequest withIdempotencyKey(String key) {
    return new RotateRequest(value, values, key);
  }

  /**
   * Nothing secret.
   *
   * @return {@code RotateRequest[values redacted]}
   */
  @Override
  public String toString() {
    return "RotateRequest["
        + (value != null ? "value" : "values " + values.keySet())
        + " redacted]";
  }
}
