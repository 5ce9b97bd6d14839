package io.quantaseal.crypto.kem;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.internal.BouncyCastlePqc;
import java.security.PublicKey;

/** An ML-KEM-768 encapsulation (public) key: 1184 bytes, checked as FIPS 203 section 7.2 asks. */
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
    if (encoded == null || encoded.length != LENGTH) {
      throw new CryptoException("invalid ML-KEM-768 encapsulation key");
    }
    return new MlKemEncapsulationKey(BouncyCastlePqc.mlKemPublicFromBytes(encoded.clone()));
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
