package io.quantaseal.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret key material that never prints and wipes itself.
 *
 * <p>The bytes are reachable only through {@link #reveal()}, whose name makes every use easy to
 * find in review. {@link #close()} (or {@link #destroy()}) overwrites them with zeros; any later
 * access fails. {@code toString()} never shows the content.
 */
public final class SecretBytes implements AutoCloseable, Destroyable {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies {@code bytes}; the caller keeps ownership of (and should wipe) its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /**
   * Takes ownership of {@code bytes} without copying: the caller must not use or keep the array.
   * Use for freshly derived secrets so that no second copy is left behind.
   */
  public static SecretBytes wrap(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  /** Fresh random bytes from {@code random}. */
  public static SecretBytes random(int length, java.security.SecureRandom random) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  public int length() {
    return bytes.length;
  }

  /**
   * The secret itself, not a copy. Do not keep, log or modify it; it is wiped when this object is
   * closed.
   */
  public byte[] reveal() {
    if (destroyed) {
      throw new IllegalStateException("secret has been destroyed");
    }
    return bytes;
  }

  /** A copy the caller owns and must wipe with {@link #wipe(byte[])}. */
  public byte[] copyBytes() {
    return reveal().clone();
  }

  /** Constant-time equality of contents. */
  public boolean contentEquals(SecretBytes other) {
    return MessageDigest.isEqual(reveal(), other.reveal());
  }

  @Override
  public void destroy() {
    wipe(bytes);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "SecretBytes[redacted, " + bytes.length + " bytes]";
  }

  /** Overwrites {@code b} with zeros; null is ignored. */
  public static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
