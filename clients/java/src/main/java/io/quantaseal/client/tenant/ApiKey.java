package io.quantaseal.client.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An API key as listed (docs/openapi.yaml {@code ApiKey}); never the key or its hash.
 *
 * @param apiKeyId its id ({@code key_…})
 * @param name its label (none for keys the operator issued)
 * @param displayPrefix the first 12 characters of the key and an ellipsis
 * @param scopes what it may do beyond the default
 * @param createdAt when it was made
 * @param lastUsedAt when the authorizer last accepted it (recorded at most once a minute)
 * @param expiresAt when it stops working, if it does
 * @param revokedAt when it was revoked, if it was
 * @param status whether it is accepted
 */
public record ApiKey(
    String apiKeyId,
    Optional<String> name,
    String displayPrefix,
    List<Scope> scopes,
    Instant createdAt,
    Optional<Instant> lastUsedAt,
    Optional<Instant> expiresAt,
    Optional<Instant> revokedAt,
    ApiKeyStatus status) {

  /**
   * Copies the scopes.
   *
   * @param apiKeyId its id ({@code key_…})
   * @param name its label (none for keys the operator issued)
   * @param displayPrefix the first 12 characters of the key and an ellipsis
   * @param scopes what it may do beyond the default
   * @param createdAt when it was made
   * @param lastUsedAt when the authorizer last accepted it (recorded at most once a minute)
   * @param expiresAt when it stops working, if it does
   * @param revokedAt when it was revoked, if it was
   * @param status whether it is accepted
   */
  public ApiKey {
    scopes = List.copyOf(scopes);
  }
}
