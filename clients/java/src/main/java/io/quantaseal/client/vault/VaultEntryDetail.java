package io.quantaseal.client.vault;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A vault entry's metadata with every version still kept (docs/openapi.yaml {@code
 * VaultEntryDetail}).
 *
 * @param vaultEntryId the entry's id ({@code vlt_…})
 * @param name its label, when it has one
 * @param credentialType what it holds
 * @param version the current version
 * @param createdAt when it was sealed first
 * @param rotatedAt when the current version was sealed
 * @param versions every version kept, each with its number and whether it is current
 */
public record VaultEntryDetail(
    String vaultEntryId,
    Optional<String> name,
    CredentialType credentialType,
    int version,
    Instant createdAt,
    Instant rotatedAt,
    List<VaultEntryVersion> versions) {

  /**
   * Copies the list of versions.
   *
   * @param vaultEntryId the entry's id ({@code vlt_…})
   * @param name its label, when it has one
   * @param credentialType what it holds
   * @param version the current version
   * @param createdAt when it was sealed first
   * @param rotatedAt when the current version was sealed
   * @param versions every version kept, each with its number and whether it is current
   * @throws NullPointerException if {@code versions} is null
   */
  public VaultEntryDetail {
    versions = List.copyOf(versions);
  }
}
