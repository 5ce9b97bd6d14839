package io.quantaseal.crypto.internal;

import java.security.SecureRandom;

/**
 * A {@link SecureRandom} that hands out exactly the bytes it was given, then refuses.
 *
 * <p>Only for known-answer tests and test-vector generation: it lets a caller supply the {@code m}
 * of ML-KEM.Encaps_internal or the {@code rnd} of ML-DSA.Sign_internal through the standard JCA
 * entry points. Asking for more bytes than were supplied is an error, so a change in how the
 * provider consumes randomness fails loudly instead of silently producing other output.
 */
public final class FixedBytesRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private int offset;

  public FixedBytesRandom(byte[] bytes) {
    super(new byte[0]);
    this.bytes = bytes.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (bytes == null) {
      // Called by the SecureRandom constructor before our field is set.
      return;
    }
    if (out.length > bytes.length - offset) {
      throw new IllegalStateException("fixed randomness exhausted");
    }
    System.arraycopy(bytes, offset, out, 0, out.length);
    offset += out.length;
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] b = new byte[numBytes];
    nextBytes(b);
    return b;
  }

  @Override
  public void setSeed(byte[] seed) {
    // Fixed output: seeding is ignored.
  }

  @Override
  public void setSeed(long seed) {
    // Fixed output: seeding is ignored (also called from the SecureRandom constructor).
  }

  /** Whether every supplied byte has been consumed. */
  public synchronized boolean isExhausted() {
    return offset == bytes.length;
  }
}
