package io.quantaseal.common.store;

import java.time.Instant;

/**
 * A tenant: its KMS key, its vault ML-KEM-768 key (public part in clear, 64-byte seed only
 * KMS-encrypted) and its credential rotation policy.
 *
 * @param tenantId id, {@code ten_…}
 * @param name display name
 * @param kmsKeyId the tenant's customer managed key (ARN, id or alias)
 * @param vaultPublicKey ML-KEM-768 encapsulation key (1184 bytes)
 * @param vaultSeedWrapped the decapsulation key's seed, encrypted by KMS under {@code kmsKeyId}
 * @param rotationPolicyDays credentials should be rotated within this many days
 * @param createdAt creation time
 */
public record TenantRecord(
    String tenantId,
    String name,
    String kmsKeyId,
    byte[] vaultPublicKey,
    byte[] vaultSeedWrapped,
    int rotationPolicyDays,
    Instant createdAt) {

  @Override
  public String toString() {
    return "TenantRecord[" + tenantId + "]";
  }
}
