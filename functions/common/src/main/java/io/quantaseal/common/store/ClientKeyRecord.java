package io.quantaseal.common.store;

import java.time.Instant;

/**
 * A tenant's registered client key: the ML-KEM-768 encapsulation key envelopes are encrypted to,
 * and the envelope MAC key (sealed in the vault like a credential).
 *
 * @param tenantId owner
 * @param rkid {@code ck_…}
 * @param publicKey ML-KEM-768 encapsulation key (1184 bytes)
 * @param hkid {@code hk_…}
 * @param macKeySealed the 64-byte MAC key, sealed with CredentialSealer (type envelope_mac_key)
 * @param createdAt registration time
 */
public record ClientKeyRecord(
    String tenantId,
    String rkid,
    byte[] publicKey,
    String hkid,
    byte[] macKeySealed,
    Instant createdAt) {
  @Override
  public String toString() {
    return "ClientKeyRecord[" + rkid + ", " + hkid + "]";
  }
}
