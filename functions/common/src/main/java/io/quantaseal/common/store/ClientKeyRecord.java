package io.quantaseal.common.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's registered client key: the ML-KEM-768 encapsulation key envelopes are encrypted to,
 * and the envelope MAC key (sealed in the vault like a credential). It belongs to the API key that
 * registered it: only answers to that API key are ever sealed to it (docs/vault.md, "Who receives
 * envelopes").
 *
 * @param tenantId owner
 * @param rkid {@code ck_…}
 * @param publicKey ML-KEM-768 encapsulation key (1184 bytes)
 * @param hkid {@code hk_…}
 * @param macKeySealed the 64-byte MAC key, sealed with CredentialSealer (type envelope_mac_key)
 * @param createdAt registration time
 * @param apiKeyId the API key that registered it; empty for records written before keys were bound
 *     (such a record is never used)
 * @param revokedAt when it was revoked ({@code DELETE /api/v2/encryption/client-keys/{rkid}}):
 *     nothing is sealed to it any more
 * @param lastUsedAt when an envelope was last sealed to it (recorded at most once a minute)
 */
public record ClientKeyRecord(
    String tenantId,
    String rkid,
    byte[] publicKey,
    String hkid,
    byte[] macKeySealed,
    Instant createdAt,
    Optional<String> apiKeyId,
    Optional<Instant> revokedAt,
    Optional<Instant> lastUsedAt) {

  public ClientKeyRecord {
    Objects.requireNonNull(apiKeyId, "apiKeyId");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }

  /** A newly registered key: not revoked, never used. */
  public ClientKeyRecord(
      String tenantId,
      String rkid,
      byte[] publicKey,
      String hkid,
      byte[] macKeySealed,
      Instant createdAt,
      Optional<String> apiKeyId) {
    this(
        tenantId,
        rkid,
        publicKey,
        hkid,
        macKeySealed,
        createdAt,
        apiKeyId,
        Optional.empty(),
        Optional.empty());
  }

  /** Whether {@code callerApiKeyId} registered this key (revoked or not). */
  public boolean registeredBy(String callerApiKeyId) {
    return apiKeyId.isPresent() && apiKeyId.get().equals(callerApiKeyId);
  }

  /**
   * Whether an answer to {@code callerApiKeyId} may be sealed to this key: its own, not revoked.
   */
  public boolean usableBy(String callerApiKeyId) {
    return registeredBy(callerApiKeyId) && revokedAt.isEmpty();
  }

  @Override
  public String toString() {
    return "ClientKeyRecord[" + rkid + ", " + hkid + ", api key " + apiKeyId.orElse("-") + "]";
  }
}
