package io.quantaseal.common.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A service ML-DSA-65 signing key: public key in clear, 32-byte seed only KMS-encrypted under the
 * service key.
 *
 * @param skid {@code sk_…}
 * @param publicKey 1952 bytes
 * @param seedWrapped seed encrypted by KMS (context: purpose and skid); empty once erased after the
 *     key retired
 * @param createdAt creation time
 * @param retiredAt when a rotation replaced it: it signs nothing after that, and verifies envelopes
 *     until they are past their skew (ServerSigningKeys#status)
 */
public record SigningKeyRecord(
    String skid,
    byte[] publicKey,
    byte[] seedWrapped,
    Instant createdAt,
    Optional<Instant> retiredAt) {
  @Override
  public String toString() {
    return "SigningKeyRecord[" + skid + "]";
  }
}
