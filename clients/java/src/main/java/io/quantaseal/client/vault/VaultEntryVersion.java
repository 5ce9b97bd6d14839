package io.quantaseal.client.vault;

import java.time.Instant;

/**
 * One sealed version of an entry (docs/openapi.yaml {@code VaultEntryVersion}).
 *
 * @param version its number, from 1
 * @param createdAt when it was sealed
 * @param current whether unseal and the proxy use this version
 */
public record VaultEntryVersion(int version, Instant createdAt, boolean current) {}
