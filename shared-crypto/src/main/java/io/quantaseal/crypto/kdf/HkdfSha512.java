package io.quantaseal.crypto.kdf;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-512 (RFC 5869), built on the JDK's HMAC exactly as the RFC composes it (the
 * JDK 17 API has no HKDF; Tink's {@code Hkdf} is built the same way).
 */
public final class HkdfSha512 {
  /** RFC 5869 section 2.3: L is at most 255 * HashLen. */
  public static final int MAX_OUTPUT_LENGTH = 255 * 64;

  private static final String HMAC = "HmacSHA512";
  private static final int HASH_LENGTH = 64;

  private HkdfSha512() {}

  /**
   * HKDF-Extract then HKDF-Expand. An empty or null {@code salt} means HashLen zero bytes (RFC 5869
   * section 2.2).
   *
   * @throws CryptoException if {@code length} is not 1 to {@link #MAX_OUTPUT_LENGTH}
   */
  public static SecretBytes derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length <= 0 || length > MAX_OUTPUT_LENGTH) {
      throw new CryptoException("HKDF-SHA-512 output length must be 1 to 16320 bytes");
    }
    byte[] prk = null;
    try {
      Mac mac = Mac.getInstance(HMAC);
      byte[] effectiveSalt = (salt == null || salt.length == 0) ? new byte[HASH_LENGTH] : salt;
      mac.init(new SecretKeySpec(effectiveSalt, HMAC));
      prk = mac.doFinal(ikm);

      mac.init(new SecretKeySpec(prk, HMAC));
      byte[] okm = new byte[length];
      byte[] t = new byte[0];
      int written = 0;
      for (int counter = 1; written < length; counter++) {
        mac.update(t);
        mac.update(info == null ? new byte[0] : info);
        mac.update((byte) counter);
        SecretBytes.wipe(t);
        t = mac.doFinal();
        int n = Math.min(t.length, length - written);
        System.arraycopy(t, 0, okm, written, n);
        written += n;
      }
      SecretBytes.wipe(t);
      return SecretBytes.wrap(okm);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("HKDF-SHA-512 failed", e);
    } finally {
      SecretBytes.wipe(prk);
    }
  }
}
