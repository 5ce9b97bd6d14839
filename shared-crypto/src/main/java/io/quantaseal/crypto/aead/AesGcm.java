package io.quantaseal.crypto.aead;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM (NIST SP 800-38D) with a 128-bit tag, on the JDK's own provider.
 *
 * <p>Keys of 16, 24 or 32 bytes are accepted (QuantaSeal itself uses 32: AES-256-GCM). The IV is
 * supplied by the caller and must be at least one byte long; QuantaSeal uses random 12-byte IVs
 * ({@link #IV_LENGTH}). Ciphertexts are {@code ciphertext || tag}. Every decryption failure is the
 * same {@link CryptoException}.
 *
 * <p>Instances are immutable and thread-safe. The key is copied in; {@link #close()} wipes it.
 */
public final class AesGcm implements AutoCloseable {
  public static final int KEY_LENGTH = 32;
  public static final int IV_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance(TRANSFORMATION);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
            }
          });

  private final SecretKeySpec key;
  private final byte[] keyBytes;

  private AesGcm(byte[] keyBytes) {
    this.keyBytes = keyBytes;
    this.key = new SecretKeySpec(keyBytes, "AES");
  }

  /** An AES-GCM instance for a 16-, 24- or 32-byte key. */
  public static AesGcm create(SecretBytes key) {
    int n = key.length();
    if (n != 16 && n != 24 && n != 32) {
      throw new CryptoException("AES key must be 16, 24 or 32 bytes");
    }
    return new AesGcm(key.copyBytes());
  }

  /** Encrypts under a fresh random 12-byte IV; returns {@code iv || ciphertext || tag}. */
  public byte[] encryptWithRandomIv(byte[] plaintext, byte[] aad, SecureRandom random) {
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    byte[] ct = encrypt(iv, plaintext, aad);
    byte[] out = new byte[IV_LENGTH + ct.length];
    System.arraycopy(iv, 0, out, 0, IV_LENGTH);
    System.arraycopy(ct, 0, out, IV_LENGTH, ct.length);
    return out;
  }

  /** Opens what {@link #encryptWithRandomIv} produced. */
  public byte[] decryptWithPrefixedIv(byte[] ivAndCiphertext, byte[] aad) {
    if (ivAndCiphertext.length < IV_LENGTH + TAG_LENGTH) {
      throw decryptionFailed(null);
    }
    byte[] iv = java.util.Arrays.copyOfRange(ivAndCiphertext, 0, IV_LENGTH);
    byte[] ct = java.util.Arrays.copyOfRange(ivAndCiphertext, IV_LENGTH, ivAndCiphertext.length);
    return decrypt(iv, ct, aad);
  }

  /** Returns {@code ciphertext || tag}. Never reuse an IV under the same key. */
  public byte[] encrypt(byte[] iv, byte[] plaintext, byte[] aad) {
    checkIv(iv);
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      if (aad != null && aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("encryption failed", e);
    }
  }

  /** Returns the plaintext, or throws one uniform {@link CryptoException}. */
  public byte[] decrypt(byte[] iv, byte[] ciphertextAndTag, byte[] aad) {
    if (iv.length == 0 || ciphertextAndTag.length < TAG_LENGTH) {
      throw decryptionFailed(null);
    }
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      if (aad != null && aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw decryptionFailed(null);
    } catch (GeneralSecurityException | IllegalStateException e) {
      throw decryptionFailed(e);
    }
  }

  private static void checkIv(byte[] iv) {
    if (iv == null || iv.length == 0) {
      throw new CryptoException("IV must not be empty");
    }
  }

  private static CryptoException decryptionFailed(Throwable cause) {
    // No cause for tag failures: nothing distinguishes a bad tag from a bad key or IV.
    return cause == null
        ? new CryptoException("decryption failed")
        : new CryptoException("decryption failed", cause);
  }

  @Override
  public void close() {
    SecretBytes.wipe(keyBytes);
  }

  @Override
  public String toString() {
    return "AesGcm[key redacted]";
  }
}
