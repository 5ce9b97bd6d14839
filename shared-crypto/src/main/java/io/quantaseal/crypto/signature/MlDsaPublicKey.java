package io.quantaseal.crypto.signature;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.internal.BouncyCastlePqc;
import java.security.PublicKey;

/** An ML-DSA-65 public key (1952 bytes). */
public final class MlDsaPublicKey {
  public static final int LENGTH = 1952;

  private final PublicKey key;
  private final byte[] encoded;

  MlDsaPublicKey(PublicKey key) {
    this.key = key;
    this.encoded = BouncyCastlePqc.mlDsaPublicBytes(key);
  }

  public static MlDsaPublicKey fromBytes(byte[] encoded) {
    if (encoded == null || encoded.length != LENGTH) {
      throw new CryptoException("invalid ML-DSA-65 public key");
    }
    return new MlDsaPublicKey(BouncyCastlePqc.mlDsaPublicFromBytes(encoded.clone()));
  }

  public byte[] toBytes() {
    return encoded.clone();
  }

  PublicKey jcaKey() {
    return key;
  }

  @Override
  public String toString() {
    return "MlDsaPublicKey[1952 bytes]";
  }
}
