package io.quantaseal.client.vault;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A credential opened by {@link io.quantaseal.client.Vault#unseal(String)}: the plaintext of the
 * unseal envelope, verified and decrypted (docs/openapi.yaml {@code UnsealPlaintext}). {@link
 * #toString()} never shows a value.
 *
 * @param vaultEntryId the entry's id
 * @param credentialType what it holds
 * @param version the version that was opened
 * @param values the credential's fields, in clear
 * @param requestId the request id of the unseal ({@code X-Request-Id}, the envelope's {@code rid})
 */
public record UnsealedCredential(
    String vaultEntryId,
    CredentialType credentialType,
    int version,
    Map<String, String> values,
    String requestId) {

  /**
   * Copies the values.
   *
   * @param vaultEntryId the entry's id
   * @param credentialType what it holds
   * @param version the version that was opened
   * @param values the credential's fields, in clear
   * @param requestId the request id of the unseal ({@code X-Request-Id}, the envelope's {@code
   *     rid})
   * @throws NullPointerException if {@code values} is null
   */
  public UnsealedCredential {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * One field of the credential.
   *
   * @param field e.g. {@code api_key}
   * @return its value, or null when the credential has no such field
   */
  public String value(String field) {
    return values.get(field);
  }

  /**
   * The ids and field names; never a value.
   *
   * @return {@code UnsealedCredential[vaultEntryId=…, …, values [api_key] redacted]}
   */
  @Override
  public String toString() {
    return "UnsealedCredential[vaultEntryId="
        + vaultEntryId
        + ", credentialType="
        + credentialType.wireName()
        + ", version="
        + version
        + ", requestId="
        + requestId
        + ", values "
        + values.keySet()
        + " redacted]";
  }
}
