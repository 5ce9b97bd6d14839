package io.quantaseal.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits the sealer enforces on itself, and the skew check at the extremes of iat. */
class EnvelopeHardeningTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final MlDsaPrivateKey signing = MlDsa65.generateKeyPair(RANDOM);
  private final MlKemDecapsulationKey recipientKey = MlKem768.generateKeyPair(RANDOM);
  private final SecretBytes mac = SecretBytes.random(64, RANDOM);

  private EnvelopeRecipient recipient(String rkid) {
    return EnvelopeRecipient.create(rkid, recipientKey.encapsulationKey(), "hk_1", mac);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\uD800", "lone-surrogate-\uDC00-x"})
  void seal_refusesIdsNoOpenerAccepts(String badId) {
    EnvelopeSealer sealer = EnvelopeSealer.create("sk_1", signing, RANDOM, Clock.systemUTC());
    assertThrows(CryptoException.class, () -> sealer.seal(recipient(badId), "req_1", new byte[1]));
    assertThrows(CryptoException.class, () -> sealer.seal(recipient("ck_1"), badId, new byte[1]));
  }

  @Test
  void seal_refusesIdsOver256Utf8Bytes() {
    EnvelopeSealer sealer = EnvelopeSealer.create("sk_1", signing, RANDOM, Clock.systemUTC());
    String tooLong = "é".repeat(129); // 258 UTF-8 bytes
    assertThrows(CryptoException.class, () -> sealer.seal(recipient("ck_1"), tooLong, new byte[1]));
  }

  @Test
  void open_authenticEnvelopeAtExtremeIat_isRejectedWithoutOverflow() {
    EnvelopeSealer sealer = EnvelopeSealer.create("sk_1", signing, RANDOM, Clock.systemUTC());
    HybridCryptoEnvelope far =
        sealer.sealDeterministically(
            recipient("ck_1"), "req_1", Long.MAX_VALUE, new byte[] {1}, new byte[32], new byte[12]);
    EnvelopeOpener.Builder b =
        EnvelopeOpener.builder()
            .recipientKey("ck_1", recipientKey)
            .macKey("hk_1", mac)
            .serverKey("sk_1", signing.publicKey());
    EnvelopeOpener atEpoch = b.clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build();
    assertThrows(InvalidEnvelopeException.class, () -> atEpoch.open(far.toJson()));
    EnvelopeOpener atLatestInstant = b.clock(Clock.fixed(Instant.MAX, ZoneOffset.UTC)).build();
    assertThrows(InvalidEnvelopeException.class, () -> atLatestInstant.open(far.toJson()));
    EnvelopeOpener atIat =
        b.clock(Clock.fixed(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()), ZoneOffset.UTC))
            .maxClockSkew(
                java.time.Duration.ofSeconds(Long.MAX_VALUE - Instant.MAX.getEpochSecond()))
            .build();
    assertArrayEquals(new byte[] {1}, atIat.open(far.toJson()), "skew arithmetic is exact");
  }
}
