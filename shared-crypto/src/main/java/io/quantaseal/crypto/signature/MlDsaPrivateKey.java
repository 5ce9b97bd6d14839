package io.quantaseal.crypto.signature;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.BouncyCastlePqc;
import java.security.PrivateKey;

/** An ML-DSA-65 private key, stored as its 32-byte seed xi. Never prints. */
public final class MlDsaPrivateKey {
  public static final int SEED_LENGTH = 32;

  private final PrivateKey key;
  private final MlDsaPublicKey publicKey;

  private MlDsaPrivateKey(PrivateKey key) {
    this.key = key;
    this.publicKey = new MlDsaPublicKey(BouncyCastlePqc.mlDsaPublicOf(key));
  }

  /** FIPS 204 ML-DSA.KeyGen_internal from the 32-byte seed xi. */
  public static MlDsaPrivateKey fromSeed(SecretBytes seed) {
    if (seed.length() != SEED_LENGTH) {
      throw new CryptoException("invalid ML-DSA-65 seed");
    }
    return new MlDsaPrivateKey(BouncyCastlePqc.mlDsaPrivateFromSeed(seed.copyBytes()));
  }

  public MlDsaPublicKey publicKey() {
    return publicKey;
  }

  /** The seed xi; the caller closes it. */
  public SecretBytes seed() {
    return SecretBytes.wrap(BouncyCastlePqc.mlDsaSeedBytes(key));
  }

  PrivateKey jcaKey() {
    return key;
  }

  @Override
  public String toString() {
    return "MlDsaPrivateKey[redacted]";
  }
}
