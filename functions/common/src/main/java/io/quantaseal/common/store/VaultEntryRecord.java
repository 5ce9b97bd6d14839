package io.quantaseal.common.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A vault entry's metadata (never its value).
 *
 * @param tenantId owner
 * @param entryId {@code vlt_…}
 * @param name optional display name
 * @param credentialType e.g. {@code api_key}
 * @param currentVersion the version used by unseal and the proxy
 * @param createdAt creation time
 * @param rotatedAt time of the last rotation (creation time if never rotated)
 */
public record VaultEntryRecord(
    String tenantId,
    String entryId,
    Optional<String> name,
    String credentialType,
    int currentVersion,
    Instant createdAt,
    Instant rotatedAt) {}
