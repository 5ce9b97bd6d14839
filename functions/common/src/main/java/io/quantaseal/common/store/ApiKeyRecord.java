package io.quantaseal.common.store;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An API key as stored: only its SHA-256 hash, never the key.
 *
 * @param keyHash hex SHA-256 of the full key
 * @param apiKeyId public id, {@code key_…}
 * @param tenantId the one tenant the key acts for
 * @param scopes extra scopes (e.g. {@code vault:unseal})
 * @param displayPrefix the first characters of the key, to recognise it in listings
 * @param createdAt creation time
 * @param revokedAt revocation time, if revoked
 */
public record ApiKeyRecord(
    String keyHash,
    String apiKeyId,
    String tenantId,
    Set<String> scopes,
    String displayPrefix,
    Instant createdAt,
    Optional<Instant> revokedAt) {

  public boolean active() {
    return revokedAt.isEmpty();
  }
}
