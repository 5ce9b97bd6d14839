package io.quantaseal.common.store;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An API key as stored: only its SHA-256 hash, never the key.
 *
 * @param keyHash hex SHA-256 of the full key
 * @param apiKeyId public id, {@code key_…}
 * @param tenantId the one tenant the key acts for
 * @param scopes extra scopes (e.g. {@code vault:unseal}, {@code admin})
 * @param displayPrefix the first characters of the key, to recognise it in listings
 * @param createdAt creation time
 * @param revokedAt revocation time, if revoked
 * @param name the tenant's label for the key (keys issued by the operator may have none)
 * @param expiresAt after this instant the key is refused like a revoked one, if set
 * @param lastUsedAt when the authorizer last accepted it (recorded at most once a minute)
 */
public record ApiKeyRecord(
    String keyHash,
    String apiKeyId,
    String tenantId,
    Set<String> scopes,
    String displayPrefix,
    Instant createdAt,
    Optional<Instant> revokedAt,
    Optional<String> name,
    Optional<Instant> expiresAt,
    Optional<Instant> lastUsedAt) {

  public ApiKeyRecord {
    // Sorted: every listing and the authorizer's context name scopes in one order.
    scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }

  /** A key as the operator issues it: no name, no expiry, never used. */
  public ApiKeyRecord(
      String keyHash,
      String apiKeyId,
      String tenantId,
      Set<String> scopes,
      String displayPrefix,
      Instant createdAt,
      Optional<Instant> revokedAt) {
    this(
        keyHash,
        apiKeyId,
        tenantId,
        scopes,
        displayPrefix,
        createdAt,
        revokedAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Whether the key may be used at {@code now}: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt.isEmpty() && (expiresAt.isEmpty() || now.isBefore(expiresAt.get()));
  }

  @Override
  public String toString() {
    return "ApiKeyRecord[" + apiKeyId + ", tenant " + tenantId + "]";
  }
}
