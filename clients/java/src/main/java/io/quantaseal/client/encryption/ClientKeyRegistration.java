package io.quantaseal.client.encryption;

import io.quantaseal.crypto.SecretBytes;
import java.time.Instant;

/**
 * A registered client key (docs/openapi.yaml {@code ClientKeyRegistration}): {@code rkid} names the
 * ML-KEM key and {@code hkid} the MAC key in envelopes; {@code hmacKey} is the 64-byte envelope MAC
 * key, shown once. {@link #toString()} never shows it; {@link #close()} wipes it.
 *
 * @param rkid the id of the registered ML-KEM-768 key ({@code ck_…})
 * @param hkid the id of the envelope MAC key ({@code hk_…})
 * @param hmacKey the envelope MAC key
 * @param createdAt when it was registered
 */
public record ClientKeyRegistration(
    String rkid, String hkid, SecretBytes hmacKey, Instant createdAt) implements AutoCloseable {

  /** Overwrites the MAC key with zeros. */
  @Override
  public void close() {
    hmacKey.close();
  }

  /**
   * The ids only.
   *
   * @return {@code ClientKeyRegistration[rkid=…, hkid=…, hmac_key redacted]}
   */
  @Override
  public String toString() {
    return "ClientKeyRegistration[rkid="
        + rkid
        + ", hkid="
        + hkid
        + ", createdAt="
        + createdAt
        + ", hmac_key redacted]";
  }
}
