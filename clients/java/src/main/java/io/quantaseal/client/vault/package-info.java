/**
 * Requests and answers of the vault operations ({@link io.quantaseal.client.Vault}): sealed
 * credentials, their metadata and their versions. Immutable records; values are never shown by
 * {@code toString}.
 */
package io.quantaseal.client.vault;
