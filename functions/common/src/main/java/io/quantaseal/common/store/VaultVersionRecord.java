package io.quantaseal.common.store;

import java.time.Instant;

/**
 * One sealed version of an entry.
 *
 * @param version from 1
 * @param createdAt when it was sealed
 * @param sealed the two-layer sealed blob (see CredentialSealer)
 */
public record VaultVersionRecord(int version, Instant createdAt, byte[] sealed) {
  @Override
  public String toString() {
    return "VaultVersionRecord[v" + version + ", sealed]";
  }
}
