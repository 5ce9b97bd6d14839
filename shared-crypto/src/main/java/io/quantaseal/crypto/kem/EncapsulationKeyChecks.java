package io.quantaseal.crypto.kem;

import java.util.Arrays;

/**
 * The checks an ML-KEM-768 encapsulation key gets before anything is encrypted to it, on its
 * 1184-byte encoding {@code ek = ByteEncode12(t) ‖ ρ} (FIPS 203, Algorithm 13: 384·k bytes of t, k
 * = 3, then the 32-byte seed ρ of the matrix A).
 *
 * <ul>
 *   <li>{@link #passesModulusCheck}: FIPS 203 section 7.2 — {@code ByteEncode12(ByteDecode12(t))}
 *       must give back the same 1152 bytes, i.e. every 12-bit coefficient is below q = 3329.
 *   <li>{@link #degeneracy}: a key that is valid by section 7.2 but whose t does not look like
 *       {@code A·s + e} at all. ML-KEM's security rests on t being indistinguishable from uniform
 *       (Module-LWE). With t = 0, or t small, {@code v = tᵀ·y + e2 + Decompress(m)} carries the
 *       message under small noise only, so anyone who sees the ciphertext reads it. Two tests, each
 *       with a false-rejection probability for an honest key below 2^-160:
 *       <ul>
 *         <li>more than half of the 768 coefficients are "small" (|c| ≤ ⌊q/8⌋ = 416, centred): an
 *             honest key has about a quarter (the binomial tail beyond 384 is 2^-165); this catches
 *             t = 0 and t = e;
 *         <li>fewer than 384 distinct coefficient values: an honest key has about 686 (the union
 *             bound gives below 2^-600); this catches constant and low-entropy t.
 *       </ul>
 *       ρ is not judged: A = SampleNTT(XOF(ρ ‖ j ‖ i)) is pseudo-random for every ρ, and A is
 *       public anyway.
 * </ul>
 */
final class EncapsulationKeyChecks {
  static final int K = 3;
  static final int N = 256;
  static final int Q = 3329;
  static final int T_BYTES = 384 * K;
  static final int COEFFICIENTS = N * K;

  /** Largest centred |c| counted as small: ⌊q/8⌋. */
  static final int SMALL = Q / 8;

  /** More small coefficients than this is degenerate (honest: about 192). */
  static final int MAX_SMALL = COEFFICIENTS / 2;

  /** Fewer distinct coefficient values than this is degenerate (honest: about 686). */
  static final int MIN_DISTINCT = COEFFICIENTS / 2;

  private EncapsulationKeyChecks() {}

  /** FIPS 203 Algorithm 6, ByteDecode12, without the reduction mod q: the raw 12-bit values. */
  static int[] rawCoefficients(byte[] ek) {
    int[] c = new int[COEFFICIENTS];
    for (int i = 0, j = 0; j < COEFFICIENTS; i += 3, j += 2) {
      int b0 = ek[i] & 0xff;
      int b1 = ek[i + 1] & 0xff;
      int b2 = ek[i + 2] & 0xff;
      c[j] = b0 | ((b1 & 0x0f) << 8);
      c[j + 1] = (b1 >> 4) | (b2 << 4);
    }
    return c;
  }

  /** FIPS 203 Algorithm 5, ByteEncode12, of values in [0, 4096). */
  static byte[] encode12(int[] c) {
    byte[] out = new byte[T_BYTES];
    for (int i = 0, j = 0; j < COEFFICIENTS; i += 3, j += 2) {
      out[i] = (byte) c[j];
      out[i + 1] = (byte) ((c[j] >> 8) | (c[j + 1] << 4));
      out[i + 2] = (byte) (c[j + 1] >> 4);
    }
    return out;
  }

  /**
   * FIPS 203 section 7.2, "Encapsulation key check", item 2 (item 1, the length, is the caller's):
   * {@code ek[0:384k] == ByteEncode12(ByteDecode12(ek[0:384k]))}, where ByteDecode12 reduces mod q.
   */
  static boolean passesModulusCheck(byte[] ek) {
    int[] decoded = rawCoefficients(ek);
    for (int j = 0; j < decoded.length; j++) {
      decoded[j] %= Q;
    }
    return Arrays.equals(encode12(decoded), 0, T_BYTES, ek, 0, T_BYTES);
  }

  /**
   * Why the key's t is degenerate, or null if it is not. Call only on a key that passed {@link
   * #passesModulusCheck}.
   */
  static String degeneracy(byte[] ek) {
    int[] t = rawCoefficients(ek);
    boolean zero = true;
    int small = 0;
    boolean[] seen = new boolean[Q];
    int distinct = 0;
    for (int c : t) {
      zero &= c == 0;
      if (Math.min(c, Q - c) <= SMALL) {
        small++;
      }
      if (!seen[c]) {
        seen[c] = true;
        distinct++;
      }
    }
    if (zero) {
      return "t is zero";
    }
    if (small > MAX_SMALL) {
      return "t is small";
    }
    if (distinct < MIN_DISTINCT) {
      return "t has too few distinct coefficients";
    }
    return null;
  }
}
