package io.quantaseal.crypto.kem;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.BouncyCastlePqc;
import java.security.PrivateKey;

/**
 * An ML-KEM-768 decapsulation (private) key, held as the provider's key object.
 *
 * <p>It can be stored either as its 64-byte seed d || z ({@link #seed()}, preferred: smaller, and
 * always consistent) or as the 2400-byte expanded form ({@link #expandedBytes()}). Both accessors
 * return fresh {@link SecretBytes} that the caller must close. Never prints.
 */
public final class MlKemDecapsulationKey {
  public static final int SEED_LENGTH = 64;
  public static final int EXPANDED_LENGTH = 2400;

  private final PrivateKey key;
  private final MlKemEncapsulationKey encapsulationKey;

  MlKemDecapsulationKey(PrivateKey key) {
    this.key = key;
    this.encapsulationKey = new MlKemEncapsulationKey(BouncyCastlePqc.mlKemPublicOf(key));
  }

  /** The key derived from a 64-byte seed d || z (FIPS 203 ML-KEM.KeyGen_internal). */
  public static MlKemDecapsulationKey fromSeed(SecretBytes seed) {
    if (seed.length() != SEED_LENGTH) {
      throw new CryptoException("invalid ML-KEM-768 seed");
    }
    return new MlKemDecapsulationKey(BouncyCastlePqc.mlKemPrivateFromSeed(seed.copyBytes()));
  }

  /** The key from its 2400-byte expanded encoding, checked as FIPS 203 section 7.3 asks. */
  public static MlKemDecapsulationKey fromExpandedBytes(SecretBytes expanded) {
    if (expanded.length() != EXPANDED_LENGTH) {
      throw new CryptoException("invalid ML-KEM-768 decapsulation key");
    }
    return new MlKemDecapsulationKey(
        BouncyCastlePqc.mlKemPrivateFromExpanded(expanded.copyBytes()));
  }

  public MlKemEncapsulationKey encapsulationKey() {
    return encapsulationKey;
  }

  /** The seed d || z, or throws if this key was loaded from its expanded form only. */
  public SecretBytes seed() {
    byte[] s = BouncyCastlePqc.mlKemSeedBytes(key);
    if (s == null) {
      throw new CryptoException("this ML-KEM-768 key has no seed");
    }
    return SecretBytes.wrap(s);
  }

  public SecretBytes expandedBytes() {
    return SecretBytes.wrap(BouncyCastlePqc.mlKemExpandedBytes(key));
  }

  PrivateKey jcaKey() {
    return key;
  }

  @Override
  public String toString() {
    return "MlKemDecapsulationKey[redacted]";
  }
}
