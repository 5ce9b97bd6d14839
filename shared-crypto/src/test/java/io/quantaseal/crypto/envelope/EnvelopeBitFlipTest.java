package io.quantaseal.crypto.envelope;

import static io.quantaseal.crypto.envelope.EnvelopeFixtures.B64;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.assertInvalid;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.binary;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.withBinary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flips single bits of the binary members kem, iv, ct, sig and mac of three envelopes (empty, 1 KiB
 * and 64 KiB plaintext) and checks, for every flipped bit, that the envelope is rejected with the
 * one uniform error AND which authenticity check caught it: a bit of kem, iv or ct changes S, so
 * both the signature and the MAC must fail; a bit of sig fails only the signature, a bit of mac
 * only the MAC (docs/envelope.md#verification, step 3).
 *
 * <p>Every bit of kem, iv and mac is flipped in every envelope, and every bit of sig and ct in the
 * empty and 1 KiB envelopes. For sig and ct of the 64 KiB envelope, where each check hashes 64 KiB,
 * a fixed stratified subset keeps the run short: every bit of the first and last {@value #EDGE}
 * bytes and every bit of every {@value #CT_STRIDE}th (ct) or {@value #SIG_STRIDE}th (sig) byte.
 *
 * <p>A second family of tests replaces the authenticity checks with ones that accept everything and
 * shows that the inner layers reject each flipped bit of kem, iv and ct on their own: ML-KEM's
 * implicit rejection gives a wrong key, and AES-GCM's tag fails.
 */
@Execution(ExecutionMode.CONCURRENT)
class EnvelopeBitFlipTest {
  static final int EDGE = 32;
  static final int CT_STRIDE = 127;
  static final int SIG_STRIDE = 11;
  static final int LARGE = 64 * 1024;

  record Sample(String name, byte[] plaintext, HybridCryptoEnvelope envelope) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Sample> SAMPLES =
      List.of(sample("empty", 0), sample("1KiB", 1024), sample("64KiB", LARGE));

  static List<Sample> samples() {
    return SAMPLES;
  }

  private static Sample sample(String name, int length) {
    byte[] plaintext = EnvelopeFixtures.plaintext(length);
    return new Sample(name, plaintext, EnvelopeFixtures.seal("req_bitflip_" + name, plaintext));
  }

  /** The bit indexes of {@code member} that the tests flip (see the class comment). */
  static int[] bitsToFlip(Sample s, String member, int lengthBytes) {
    boolean large = s.plaintext().length >= LARGE;
    int stride;
    if (large && member.equals("ct")) {
      stride = CT_STRIDE;
    } else if (large && member.equals("sig")) {
      stride = SIG_STRIDE;
    } else {
      return IntStream.range(0, lengthBytes * 8).toArray();
    }
    return IntStream.range(0, lengthBytes)
        .filter(b -> b < EDGE || b >= lengthBytes - EDGE || b % stride == 0)
        .flatMap(b -> IntStream.range(b * 8, b * 8 + 8))
        .toArray();
  }

  static byte[] flip(byte[] original, int bit) {
    byte[] v = original.clone();
    v[bit >>> 3] ^= (byte) (1 << (bit & 7));
    return v;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_acceptsUnmodifiedSample(Sample s) {
    assertArrayEquals(s.plaintext(), EnvelopeFixtures.opener().open(s.envelope()));
    assertArrayEquals(s.plaintext(), EnvelopeFixtures.opener().open(s.envelope().toJson()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inKem(Sample s) {
    assertEveryFlippedBitRejected(s, "kem", false, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inIv(Sample s) {
    assertEveryFlippedBitRejected(s, "iv", false, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inCt(Sample s) {
    assertEveryFlippedBitRejected(s, "ct", false, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inSig(Sample s) {
    assertEveryFlippedBitRejected(s, "sig", false, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inMac(Sample s) {
    assertEveryFlippedBitRejected(s, "mac", true, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inIv_throughJson(Sample s) {
    assertEveryFlippedBitRejectedThroughJson(s, "iv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inMac_throughJson(Sample s) {
    assertEveryFlippedBitRejectedThroughJson(s, "mac");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inKem_evenWithoutAuthenticityChecks(Sample s) {
    assertEveryFlippedBitRejectedByInnerLayers(s, "kem");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inIv_evenWithoutAuthenticityChecks(Sample s) {
    assertEveryFlippedBitRejectedByInnerLayers(s, "iv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void open_rejectsFlippedBit_inCt_evenWithoutAuthenticityChecks(Sample s) {
    assertEveryFlippedBitRejectedByInnerLayers(s, "ct");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void bitsToFlip_coverEveryBitOfKemIvMac_andTheStratifiedSubsetOtherwise(Sample s) {
    HybridCryptoEnvelope e = s.envelope();
    assertEquals(1088 * 8, bitsToFlip(s, "kem", e.kem().length).length);
    assertEquals(12 * 8, bitsToFlip(s, "iv", e.iv().length).length);
    assertEquals(64 * 8, bitsToFlip(s, "mac", e.mac().length).length);
    int[] ct = bitsToFlip(s, "ct", e.ct().length);
    int[] sig = bitsToFlip(s, "sig", e.sig().length);
    if (s.plaintext().length < LARGE) {
      assertEquals(e.ct().length * 8, ct.length);
      assertEquals(3309 * 8, sig.length);
    } else {
      // The whole tag, the whole first block, and more than 4000 bits spread over the rest.
      assertTrue(IntStream.of(ct).anyMatch(b -> b == e.ct().length * 8 - 1));
      assertTrue(IntStream.of(ct).anyMatch(b -> b == 0));
      assertTrue(ct.length > 4000, "ct bits: " + ct.length);
      assertTrue(sig.length > 2400, "sig bits: " + sig.length);
    }
  }

  /**
   * For every selected bit: rejected with the uniform error, both checks ran, and each returned the
   * expected verdict.
   */
  private static void assertEveryFlippedBitRejected(
      Sample s, String member, boolean expectedSignatureOk, boolean expectedMacOk) {
    EnvelopeOpener real = EnvelopeFixtures.opener();
    RecordingChecks checks = RecordingChecks.around(real);
    EnvelopeOpener opener = checks.wrap(real);
    byte[] original = binary(s.envelope(), member);
    int[] bits = bitsToFlip(s, member, original.length);
    for (int bit : bits) {
      HybridCryptoEnvelope tampered = withBinary(s.envelope(), member, flip(original, bit));
      Supplier<String> what = () -> s + ": " + member + " bit " + bit;
      checks.reset();
      assertInvalid(() -> opener.open(tampered), what);
      assertEquals(1, checks.signatureCalls.get(), what);
      assertEquals(1, checks.macCalls.get(), what);
      assertEquals(expectedSignatureOk, checks.lastSignatureVerdict(), what);
      assertEquals(expectedMacOk, checks.lastMacVerdict(), what);
    }
    assertTrue(bits.length > 0);
  }

  private static void assertEveryFlippedBitRejectedThroughJson(Sample s, String member) {
    EnvelopeOpener opener = EnvelopeFixtures.opener();
    ObjectNode tree = EnvelopeFixtures.tree(s.envelope().toJson());
    byte[] original = binary(s.envelope(), member);
    for (int bit = 0; bit < original.length * 8; bit++) {
      tree.put(member, B64.encodeToString(flip(original, bit)));
      String json = EnvelopeFixtures.json(tree);
      int b = bit;
      assertInvalid(() -> opener.open(json), () -> s + ": JSON " + member + " bit " + b);
    }
  }

  private static void assertEveryFlippedBitRejectedByInnerLayers(Sample s, String member) {
    EnvelopeOpener opener = EnvelopeFixtures.opener().withChecks(RecordingChecks.acceptAll());
    // Sanity: with the checks switched off, the unmodified envelope still opens.
    assertArrayEquals(s.plaintext(), opener.open(s.envelope()));
    byte[] original = binary(s.envelope(), member);
    for (int bit : bitsToFlip(s, member, original.length)) {
      HybridCryptoEnvelope tampered = withBinary(s.envelope(), member, flip(original, bit));
      assertInvalid(
          () -> opener.open(tampered), () -> s + ": " + member + " bit " + bit + " (no checks)");
    }
  }
}
