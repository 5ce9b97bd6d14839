package io.quantaseal.crypto.kem;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.internal.BouncyCastlePqc;
import java.security.PublicKey;

/**
 * An ML-KEM-768 encapsulation (public) key: 1184 bytes, checked as FIPS 203 section 7.2 asks (by
 * this class, whatever the provider does). A key that comes from someone else and will receive
 * secrets is read with {@link #fromUntrustedBytes}, which also refuses degenerate keys.
 */
public final class MlKemEncapsulationKey {
  public static final int LENGTH = 1184;

  private final PublicKey key;
  private final byte[] encoded;

  MlKemEncapsulationKey(PublicKey key) {
    this.key = key;
    this.encoded = BouncyCastlePqc.mlKemPublicBytes(key);
  }

  /**
   * Parses and checks an encapsulation key.
   *
   * @throws CryptoException if it is not 1184 bytes or fails the modulus check
   */
  public static MlKemEncapsulationKey fromBytes(byte[] encoded) {
    if (encoded == null
        || encoded.length != LENGTH
        || !EncapsulationKeyChecks.passesModulusCheck(encoded)) {
      throw new CryptoException("invalid ML-KEM-768 encapsulation key");
    }
    return new MlKemEncapsulationKey(BouncyCastlePqc.mlKemPublicFromBytes(encoded.clone()));
  }

  /**
   * Parses a key that someone else made and that secrets will be encrypted to (a client key): the
   * checks of {@link #fromBytes}, then the refusal of degenerate keys whose t is zero, small or of
   * low entropy, to which a ciphertext would not hide its message (see {@link
   * EncapsulationKeyChecks}).
   *
   * @throws WeakKeyException if the key is well-formed but degenerate
   * @throws CryptoException if it is not 1184 bytes or fails the modulus check
   */
  public static MlKemEncapsulationKey fromUntrustedBytes(byte[] encoded) {
    MlKemEncapsulationKey key = fromBytes(encoded);
    String reason = EncapsulationKeyChecks.degeneracy(encoded);
    if (reason != null) {
      throw new WeakKeyException(reason);
    }
    return key;
  }

  public byte[] toBytes() {
    return encoded.clone();
  }

  PublicKey jcaKey() {
    return key;
  }

  @Override
  public String toString() {
    return "MlKemEncapsulationKey[1184 bytes]";
  }
}
