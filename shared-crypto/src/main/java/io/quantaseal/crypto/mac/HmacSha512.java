package io.quantaseal.crypto.mac;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.Bytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-512 (RFC 2104, FIPS 198-1) on the JDK's own provider, with an optional truncated tag.
 *
 * <p>QuantaSeal uses full 64-byte tags ({@link #TAG_LENGTH}) and 64-byte keys. Verification is
 * constant-time.
 */
public final class HmacSha512 implements AutoCloseable {
  public static final int TAG_LENGTH = 64;
  public static final int KEY_LENGTH = 64;

  /** Shortest tag accepted, as in NIST SP 800-107 and Tink. */
  public static final int MIN_TAG_LENGTH = 16;

  private static final String ALGORITHM = "HmacSHA512";
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(ALGORITHM);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA512 is not available", e);
            }
          });

  private final byte[] keyBytes;
  private final SecretKeySpec key;
  private final int tagLength;

  private HmacSha512(byte[] keyBytes, int tagLength) {
    this.keyBytes = keyBytes;
    this.key = new SecretKeySpec(keyBytes, ALGORITHM);
    this.tagLength = tagLength;
  }

  /** Full 64-byte tags. */
  public static HmacSha512 create(SecretBytes key) {
    return create(key, TAG_LENGTH);
  }

  /** Tags truncated to {@code tagLength} bytes (16 to 64). */
  public static HmacSha512 create(SecretBytes key, int tagLength) {
    if (key.length() == 0) {
      throw new CryptoException("HMAC key must not be empty");
    }
    if (tagLength < MIN_TAG_LENGTH || tagLength > TAG_LENGTH) {
      throw new CryptoException("HMAC-SHA-512 tag length must be 16 to 64 bytes");
    }
    return new HmacSha512(key.copyBytes(), tagLength);
  }

  public int tagLength() {
    return tagLength;
  }

  public byte[] compute(byte[] data) {
    Mac mac = MACS.get();
    try {
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("HMAC initialisation failed", e);
    }
    byte[] full = mac.doFinal(data);
    if (tagLength == TAG_LENGTH) {
      return full;
    }
    byte[] t = Arrays.copyOf(full, tagLength);
    SecretBytes.wipe(full);
    return t;
  }

  /** Constant-time check of {@code tag} against the tag of {@code data}; false on any mismatch. */
  public boolean verify(byte[] tag, byte[] data) {
    byte[] expected = compute(data);
    // MessageDigest.isEqual also returns false, in constant time for equal lengths, on a length
    // mismatch; the length itself is public.
    return Bytes.constantTimeEquals(expected, tag);
  }

  @Override
  public void close() {
    SecretBytes.wipe(keyBytes);
  }

  @Override
  public String toString() {
    return "HmacSha512[key redacted, tag " + tagLength + " bytes]";
  }
}
