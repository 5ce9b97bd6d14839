package io.quantaseal.crypto.internal;

import io.quantaseal.crypto.CryptoException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import javax.crypto.KeyGenerator;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;
import org.bouncycastle.jcajce.interfaces.MLDSAPublicKey;
import org.bouncycastle.jcajce.interfaces.MLKEMPrivateKey;
import org.bouncycastle.jcajce.interfaces.MLKEMPublicKey;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
import org.bouncycastle.jcajce.spec.KEMExtractSpec;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;
import org.bouncycastle.jcajce.spec.MLDSAPrivateKeySpec;
import org.bouncycastle.jcajce.spec.MLDSAPublicKeySpec;
import org.bouncycastle.jcajce.spec.MLKEMParameterSpec;
import org.bouncycastle.jcajce.spec.MLKEMPrivateKeySpec;
import org.bouncycastle.jcajce.spec.MLKEMPublicKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The only place that touches BouncyCastle: ML-KEM-768 (FIPS 203) and ML-DSA-65 (FIPS 204) through
 * the provider's JCA names "ML-KEM", "ML-DSA" and "ML-DSA-EXTERNAL-MU".
 *
 * <p>The provider instance is passed explicitly to every {@code getInstance} and never installed
 * globally, so AES-GCM, HMAC and SHA keep coming from the JDK's own providers.
 */
public final class BouncyCastlePqc {
  private static final Provider PROVIDER = new BouncyCastleProvider();

  private static final String KEM = "ML-KEM";
  private static final String DSA = "ML-DSA";
  private static final String DSA_EXTERNAL_MU = "ML-DSA-EXTERNAL-MU";

  /** The raw FIPS 203 shared secret is 32 bytes; we ask for it as a 256-bit "AES" key, no KDF. */
  private static final String SECRET_ALGORITHM = "AES";

  private static final int SECRET_BITS = 256;

  private BouncyCastlePqc() {}

  // ---- ML-KEM-768 ------------------------------------------------------------------------------

  /** The private key from its 64-byte seed d || z (FIPS 203 ML-KEM.KeyGen_internal). */
  public static PrivateKey mlKemPrivateFromSeed(byte[] seed) {
    try {
      return KeyFactory.getInstance(KEM, PROVIDER)
          .generatePrivate(new MLKEMPrivateKeySpec(MLKEMParameterSpec.ml_kem_768, seed));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("invalid ML-KEM-768 seed");
    }
  }

  /** The private key from its 2400-byte expanded encoding (FIPS 203 section 7.3 checks apply). */
  public static PrivateKey mlKemPrivateFromExpanded(byte[] expanded) {
    try {
      return KeyFactory.getInstance(KEM, PROVIDER)
          .generatePrivate(new MLKEMPrivateKeySpec(MLKEMParameterSpec.ml_kem_768, expanded, null));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("invalid ML-KEM-768 decapsulation key");
    }
  }

  public static PublicKey mlKemPublicFromBytes(byte[] encoded) {
    try {
      return KeyFactory.getInstance(KEM, PROVIDER)
          .generatePublic(new MLKEMPublicKeySpec(MLKEMParameterSpec.ml_kem_768, encoded));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("invalid ML-KEM-768 encapsulation key");
    }
  }

  public static PublicKey mlKemPublicOf(PrivateKey privateKey) {
    return ((MLKEMPrivateKey) privateKey).getPublicKey();
  }

  public static byte[] mlKemPublicBytes(PublicKey key) {
    return ((MLKEMPublicKey) key).getPublicData();
  }

  /** The 2400-byte expanded decapsulation key. */
  public static byte[] mlKemExpandedBytes(PrivateKey key) {
    return ((MLKEMPrivateKey) key).getPrivateKey(false).getPrivateData();
  }

  /** The 64-byte seed d || z, or null if the key was not built from a seed. */
  public static byte[] mlKemSeedBytes(PrivateKey key) {
    return ((MLKEMPrivateKey) key).getSeed();
  }

  /** Returns {shared secret (32 bytes), ciphertext (1088 bytes)}. */
  public static byte[][] mlKemEncapsulate(PublicKey key, SecureRandom random) {
    try {
      KeyGenerator g = KeyGenerator.getInstance(KEM, PROVIDER);
      g.init(
          new KEMGenerateSpec.Builder(key, SECRET_ALGORITHM, SECRET_BITS).withNoKdf().build(),
          random);
      SecretKeyWithEncapsulation k = (SecretKeyWithEncapsulation) g.generateKey();
      return new byte[][] {k.getEncoded(), k.getEncapsulation()};
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-KEM-768 encapsulation failed");
    }
  }

  /** The 32-byte shared secret (FIPS 203 ML-KEM.Decaps, implicit rejection included). */
  public static byte[] mlKemDecapsulate(PrivateKey key, byte[] ciphertext) {
    try {
      KeyGenerator g = KeyGenerator.getInstance(KEM, PROVIDER);
      g.init(
          new KEMExtractSpec.Builder(key, ciphertext, SECRET_ALGORITHM, SECRET_BITS)
              .withNoKdf()
              .build());
      return g.generateKey().getEncoded();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-KEM-768 decapsulation failed");
    }
  }

  // ---- ML-DSA-65 -------------------------------------------------------------------------------

  /** The private key from its 32-byte seed xi (FIPS 204 ML-DSA.KeyGen_internal). */
  public static PrivateKey mlDsaPrivateFromSeed(byte[] seed) {
    try {
      return KeyFactory.getInstance(DSA, PROVIDER)
          .generatePrivate(new MLDSAPrivateKeySpec(MLDSAParameterSpec.ml_dsa_65, seed));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("invalid ML-DSA-65 seed");
    }
  }

  public static PublicKey mlDsaPublicFromBytes(byte[] encoded) {
    try {
      return KeyFactory.getInstance(DSA, PROVIDER)
          .generatePublic(new MLDSAPublicKeySpec(MLDSAParameterSpec.ml_dsa_65, encoded));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("invalid ML-DSA-65 public key");
    }
  }

  public static PublicKey mlDsaPublicOf(PrivateKey key) {
    return ((MLDSAPrivateKey) key).getPublicKey();
  }

  public static byte[] mlDsaPublicBytes(PublicKey key) {
    return ((MLDSAPublicKey) key).getPublicData();
  }

  public static byte[] mlDsaSeedBytes(PrivateKey key) {
    return ((MLDSAPrivateKey) key).getSeed();
  }

  /**
   * Pure ML-DSA signing with a context string. {@code random} supplies the 32-byte {@code rnd}
   * (FIPS 204 Algorithm 2): a {@link SecureRandom} for the hedged variant, 32 zero bytes for the
   * deterministic one.
   */
  public static byte[] mlDsaSign(PrivateKey key, byte[] message, byte[] context, SecureRandom rnd) {
    try {
      Signature s = Signature.getInstance(DSA, PROVIDER);
      s.setParameter(new ContextParameterSpec(context));
      s.initSign(key, rnd);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-DSA-65 signing failed");
    }
  }

  public static boolean mlDsaVerify(
      PublicKey key, byte[] message, byte[] context, byte[] signature) {
    try {
      Signature s = Signature.getInstance(DSA, PROVIDER);
      // The context first: set after init, BouncyCastle re-initialises and hashes the key again.
      s.setParameter(new ContextParameterSpec(context));
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Signs a precomputed 64-byte mu (FIPS 204 Algorithm 7 from line 6, "external mu"). */
  public static byte[] mlDsaSignMu(PrivateKey key, byte[] mu, SecureRandom rnd) {
    try {
      Signature s = Signature.getInstance(DSA_EXTERNAL_MU, PROVIDER);
      s.initSign(key, rnd);
      s.update(mu);
      return s.sign();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CryptoException("ML-DSA-65 signing failed");
    }
  }

  public static boolean mlDsaVerifyMu(PublicKey key, byte[] mu, byte[] signature) {
    try {
      Signature s = Signature.getInstance(DSA_EXTERNAL_MU, PROVIDER);
      s.initVerify(key);
      s.update(mu);
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
