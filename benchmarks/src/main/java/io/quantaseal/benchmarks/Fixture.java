package io.quantaseal.benchmarks;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeOpener;
import io.quantaseal.crypto.envelope.EnvelopeRecipient;
import io.quantaseal.crypto.envelope.EnvelopeSealer;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The keys, ids and objects every benchmark shares, built the way a service and a client build
 * them. Keys come from fixed seeds so that every run signs and encrypts under the same keys; the
 * randomness of sealing (KEM m, IV, ML-DSA rnd) comes from one {@link SecureRandom}, as in the
 * service.
 */
final class Fixture {
  /** docs/envelope.md#construction: the labels, needed to rebuild what the envelope passes. */
  static final byte[] KDF_INFO_PREFIX = utf8("quantaseal/envelope/v1/aes-256-gcm");

  static final byte[] SIGNATURE_CONTEXT = utf8("quantaseal/envelope/v1");

  // Ids shaped like the service's (26-character ULIDs after a prefix).
  static final String RID = "req_01JD3Z8Q4V6N2P7K9M5X1T0ABC";
  static final String RKID = "ck_01JD3Z8Q4V6N2P7K9M5X1T0DEF";
  static final String SKID = "sk_01JD3Z8Q4V6N2P7K9M5X1T0GHJ";
  static final String HKID = "hk_01JD3Z8Q4V6N2P7K9M5X1T0KMN";

  final SecureRandom random = new SecureRandom();
  final MlKemDecapsulationKey recipientKey;
  final MlDsaPrivateKey signingKey;
  final SecretBytes macKey;
  final EnvelopeRecipient recipient;
  final EnvelopeSealer sealer;
  final EnvelopeOpener opener;

  Fixture() {
    recipientKey = MlKem768.keyPairFromSeed(SecretBytes.wrap(seed(64, 1)));
    signingKey = MlDsaPrivateKey.fromSeed(SecretBytes.wrap(seed(32, 2)));
    macKey = SecretBytes.wrap(seed(64, 3));
    recipient = EnvelopeRecipient.create(RKID, recipientKey.encapsulationKey(), HKID, macKey);
    Clock clock = Clock.systemUTC();
    sealer = EnvelopeSealer.create(SKID, signingKey, random, clock);
    opener =
        EnvelopeOpener.builder()
            .recipientKey(RKID, recipientKey)
            .serverKey(SKID, signingKey.publicKey())
            .macKey(HKID, macKey)
            .clock(clock)
            .build();
  }

  /**
   * How many distinct envelopes the size-dependent benchmarks cycle through. With one fixed input,
   * the CPU's branch predictor learns data-dependent branches (such as a per-character base64
   * check) and a 1 KiB input looks several times cheaper than fresh data would be.
   */
  static final int DISTINCT_INPUTS = 32;

  /**
   * {@code n} envelopes of the same plaintext, each sealed afresh (own KEM ciphertext, IV, sig).
   */
  HybridCryptoEnvelope[] envelopes(int size, int n) {
    HybridCryptoEnvelope[] e = new HybridCryptoEnvelope[n];
    for (int i = 0; i < n; i++) {
      e[i] = sealer.seal(recipient, RID, plaintext(size));
    }
    return e;
  }

  /** A plaintext of {@code size} bytes: JSON-like text, like a proxy answer (content is moot). */
  static byte[] plaintext(int size) {
    byte[] unit =
        utf8(
            "{\"integration_id\":\"int_01JD3Z\",\"operation\":\"send_event\",\"upstream\":"
                + "{\"status\":202,\"body\":{\"ok\":true},\"latency_ms\":41},\"audit_id\":\"aud_1\"}");
    byte[] p = new byte[size];
    for (int i = 0; i < size; i++) {
      p[i] = unit[i % unit.length];
    }
    return p;
  }

  /** Deterministic, distinct filler for key seeds. */
  static byte[] seed(int length, long stream) {
    byte[] b = new byte[length];
    SplittableRandom r = new SplittableRandom(0x5EA1L * 31 + stream);
    for (int i = 0; i < length; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark fixture is wrong: " + what);
    }
  }
}
