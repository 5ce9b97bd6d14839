package io.quantaseal.crypto.kem;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.BouncyCastlePqc;
import io.quantaseal.crypto.internal.FixedBytesRandom;
import java.security.SecureRandom;

/**
 * ML-KEM-768 (FIPS 203): key generation, encapsulation and decapsulation, returning the raw 32-byte
 * FIPS 203 shared secret (no extra KDF).
 */
public final class MlKem768 {
  public static final int CIPHERTEXT_LENGTH = 1088;
  public static final int SHARED_SECRET_LENGTH = 32;

  /** Length of the {@code m} of ML-KEM.Encaps_internal. */
  public static final int ENCAPS_RANDOMNESS_LENGTH = 32;

  private MlKem768() {}

  public static MlKemDecapsulationKey generateKeyPair(SecureRandom random) {
    SecretBytes seed = SecretBytes.random(MlKemDecapsulationKey.SEED_LENGTH, random);
    try (seed) {
      return MlKemDecapsulationKey.fromSeed(seed);
    }
  }

  /** Deterministic key generation from the 64-byte seed d || z. */
  public static MlKemDecapsulationKey keyPairFromSeed(SecretBytes seed) {
    return MlKemDecapsulationKey.fromSeed(seed);
  }

  public static MlKemEncapsulation encapsulate(MlKemEncapsulationKey key, SecureRandom random) {
    byte[][] r = BouncyCastlePqc.mlKemEncapsulate(key.jcaKey(), random);
    return new MlKemEncapsulation(SecretBytes.wrap(r[0]), r[1]);
  }

  /**
   * ML-KEM.Encaps_internal with a caller-supplied {@code m}: only for known-answer tests and test
   * vectors. Reusing an {@code m} destroys security.
   */
  public static MlKemEncapsulation encapsulateDeterministically(
      MlKemEncapsulationKey key, byte[] m) {
    if (m.length != ENCAPS_RANDOMNESS_LENGTH) {
      throw new CryptoException("ML-KEM-768 encapsulation randomness must be 32 bytes");
    }
    FixedBytesRandom random = new FixedBytesRandom(m);
    MlKemEncapsulation e = encapsulate(key, random);
    if (!random.isExhausted()) {
      e.close();
      throw new CryptoException("provider did not consume exactly 32 bytes of randomness");
    }
    return e;
  }

  /**
   * The shared secret for {@code ciphertext}. A well-formed but wrong ciphertext yields the
   * implicit-rejection secret, as FIPS 203 requires; a wrongly sized one is an error.
   */
  public static SecretBytes decapsulate(MlKemDecapsulationKey key, byte[] ciphertext) {
    if (ciphertext == null || ciphertext.length != CIPHERTEXT_LENGTH) {
      throw new CryptoException("ML-KEM-768 decapsulation failed");
    }
    return SecretBytes.wrap(BouncyCastlePqc.mlKemDecapsulate(key.jcaKey(), ciphertext));
  }
}
