package io.quantaseal.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Byte helpers used across the crypto layer. */
public final class Bytes {
  private Bytes() {}

  /** Constant-time comparison (the JDK's {@link MessageDigest#isEqual} is constant-time). */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Builds {@code lp(x1) || lp(x2) || ...} where {@code lp(x)} is the 4-byte unsigned big-endian
   * length of x followed by x (docs/envelope.md#encoding).
   */
  public static byte[] lengthPrefixed(byte[]... parts) {
    int total = 0;
    for (byte[] p : parts) {
      total = Math.addExact(total, Math.addExact(4, p.length));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(total);
    for (byte[] p : parts) {
      int n = p.length;
      out.write(n >>> 24);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
      out.write(p, 0, n);
    }
    return out.toByteArray();
  }

  public static byte[] concat(byte[] a, byte[] b) {
    byte[] r = new byte[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
