package io.quantaseal.client.vault;

import java.time.Instant;
import java.util.Optional;

/**
 * A sealed credential's metadata, never its values (docs/openapi.yaml {@code VaultEntry}).
 *
 * @param vaultEntryId the entry's id ({@code vlt_…})
 * @param name its label, when it has one
 * @param credentialType what it holds
 * @param version the current version (1, then + 1 per rotation)
 * @param createdAt when it was sealed first
 * @param rotatedAt when the current version was sealed
 */
public record VaultEntry(
    String vaultEntryId,
    Optional<String> name,
    CredentialType credentialType,
    int version,
    Instant createdAt,
    Instant rotatedAt) {}
