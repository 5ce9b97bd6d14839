package io.quantaseal.crypto.signature;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.BouncyCastlePqc;
import io.quantaseal.crypto.internal.FixedBytesRandom;
import java.security.SecureRandom;

/**
 * ML-DSA-65 (FIPS 204), pure mode with a context string: hedged signing by default, deterministic
 * signing (rnd = 32 zero bytes) for test vectors, and external-mu signing and verification.
 */
public final class MlDsa65 {
  public static final int SIGNATURE_LENGTH = 3309;
  public static final int MAX_CONTEXT_LENGTH = 255;
  public static final int MU_LENGTH = 64;
  public static final int RND_LENGTH = 32;

  private MlDsa65() {}

  public static MlDsaPrivateKey generateKeyPair(SecureRandom random) {
    try (SecretBytes seed = SecretBytes.random(MlDsaPrivateKey.SEED_LENGTH, random)) {
      return MlDsaPrivateKey.fromSeed(seed);
    }
  }

  /** Hedged signing (FIPS 204 Algorithm 2 with a fresh random rnd). */
  public static byte[] sign(
      MlDsaPrivateKey key, byte[] message, byte[] context, SecureRandom random) {
    checkContext(context);
    return BouncyCastlePqc.mlDsaSign(key.jcaKey(), message, context, random);
  }

  /** Deterministic signing (rnd = 32 zero bytes): the same inputs give the same signature. */
  public static byte[] signDeterministically(MlDsaPrivateKey key, byte[] message, byte[] context) {
    return signWithRnd(key, message, context, new byte[RND_LENGTH]);
  }

  /** Signing with a caller-supplied rnd: only for known-answer tests. */
  public static byte[] signWithRnd(
      MlDsaPrivateKey key, byte[] message, byte[] context, byte[] rnd) {
    checkContext(context);
    return BouncyCastlePqc.mlDsaSign(key.jcaKey(), message, context, fixedRnd(rnd));
  }

  /** Verification; false for any invalid signature, wrong length or over-long context. */
  public static boolean verify(
      MlDsaPublicKey key, byte[] message, byte[] context, byte[] signature) {
    if (context == null
        || context.length > MAX_CONTEXT_LENGTH
        || signature == null
        || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return BouncyCastlePqc.mlDsaVerify(key.jcaKey(), message, context, signature);
  }

  /** Signs a precomputed 64-byte mu with the given rnd (32 zero bytes: deterministic). */
  public static byte[] signExternalMu(MlDsaPrivateKey key, byte[] mu, byte[] rnd) {
    if (mu == null || mu.length != MU_LENGTH) {
      throw new CryptoException("ML-DSA mu must be 64 bytes");
    }
    return BouncyCastlePqc.mlDsaSignMu(key.jcaKey(), mu, fixedRnd(rnd));
  }

  public static boolean verifyExternalMu(MlDsaPublicKey key, byte[] mu, byte[] signature) {
    if (mu == null
        || mu.length != MU_LENGTH
        || signature == null
        || signature.length != SIGNATURE_LENGTH) {
      return false;
    }
    return BouncyCastlePqc.mlDsaVerifyMu(key.jcaKey(), mu, signature);
  }

  private static void checkContext(byte[] context) {
    if (context == null || context.length > MAX_CONTEXT_LENGTH) {
      throw new CryptoException("ML-DSA context must be at most 255 bytes");
    }
  }

  private static SecureRandom fixedRnd(byte[] rnd) {
    if (rnd == null || rnd.length != RND_LENGTH) {
      throw new CryptoException("ML-DSA rnd must be 32 bytes");
    }
    return new FixedBytesRandom(rnd);
  }
}
