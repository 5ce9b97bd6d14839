package io.quantaseal.crypto.envelope;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import io.quantaseal.crypto.mac.HmacSha512;
import java.util.Objects;

/**
 * Who an envelope is for: the client's ML-KEM-768 encapsulation key ({@code rkid}) and the tenant's
 * envelope MAC key ({@code hkid}). Never prints the MAC key.
 */
public final class EnvelopeRecipient implements AutoCloseable {
  private final String rkid;
  private final MlKemEncapsulationKey encapsulationKey;
  private final String hkid;
  private final SecretBytes macKey;

  private EnvelopeRecipient(
      String rkid, MlKemEncapsulationKey encapsulationKey, String hkid, SecretBytes macKey) {
    this.rkid = rkid;
    this.encapsulationKey = encapsulationKey;
    this.hkid = hkid;
    this.macKey = macKey;
  }

  /** {@code macKey} is copied; the caller still owns (and closes) its own. */
  public static EnvelopeRecipient create(
      String rkid, MlKemEncapsulationKey encapsulationKey, String hkid, SecretBytes macKey) {
    Objects.requireNonNull(rkid, "rkid");
    Objects.requireNonNull(encapsulationKey, "encapsulationKey");
    Objects.requireNonNull(hkid, "hkid");
    if (macKey.length() != HmacSha512.KEY_LENGTH) {
      throw new CryptoException("envelope MAC key must be 64 bytes");
    }
    return new EnvelopeRecipient(rkid, encapsulationKey, hkid, SecretBytes.copyOf(macKey.reveal()));
  }

  public String rkid() {
    return rkid;
  }

  public MlKemEncapsulationKey encapsulationKey() {
    return encapsulationKey;
  }

  public String hkid() {
    return hkid;
  }

  SecretBytes macKey() {
    return macKey;
  }

  /** Wipes this recipient's copy of the MAC key. */
  @Override
  public void close() {
    macKey.close();
  }

  @Override
  public String toString() {
    return "EnvelopeRecipient[rkid=" + rkid + ", hkid=" + hkid + ", macKey redacted]";
  }
}
