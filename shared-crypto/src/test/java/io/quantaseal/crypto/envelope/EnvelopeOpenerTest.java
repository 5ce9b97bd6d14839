package io.quantaseal.crypto.envelope;

import static io.quantaseal.crypto.envelope.EnvelopeFixtures.HKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.NOW;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.OTHER_HKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.OTHER_RKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.OTHER_SKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.RKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.SKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.assertInvalid;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.json;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/envelope.md#verification, steps 2 to 5: header binding, both authenticity checks, key
 * lookup, freshness and decryption, each failing with the one uniform error.
 */
class EnvelopeOpenerTest {
  private static final byte[] PLAINTEXT =
      "{\"integration_id\":\"int_7\",\"operation\":\"send_event\",\"upstream\":{\"status\":202}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final HybridCryptoEnvelope ENVELOPE =
      EnvelopeFixtures.seal("req_opener", PLAINTEXT);
  private static final String VALID = ENVELOPE.toJson();

  private static String changed(Consumer<ObjectNode> change) {
    ObjectNode t = tree(VALID);
    change.accept(t);
    return json(t);
  }

  @Test
  void open_acceptsTheUnchangedEnvelope() {
    assertArrayEquals(PLAINTEXT, EnvelopeFixtures.opener().open(VALID));
  }

  // ---- every header member is bound ---------------------------------------------------------

  static Stream<Arguments> headerChanges() {
    return Stream.of(
        Arguments.of("v", (Consumer<ObjectNode>) t -> t.put("v", 2)),
        Arguments.of("v", (Consumer<ObjectNode>) t -> t.put("v", 0)),
        Arguments.of("suite", (Consumer<ObjectNode>) t -> t.put("suite", "QS1-OTHER")),
        Arguments.of("rid", (Consumer<ObjectNode>) t -> t.put("rid", "req_opener2")),
        Arguments.of("rid", (Consumer<ObjectNode>) t -> t.put("rid", "req_openeR")),
        Arguments.of("iat", (Consumer<ObjectNode>) t -> t.put("iat", NOW.getEpochSecond() + 1)),
        Arguments.of("iat", (Consumer<ObjectNode>) t -> t.put("iat", NOW.getEpochSecond() - 1)),
        Arguments.of("rkid", (Consumer<ObjectNode>) t -> t.put("rkid", OTHER_RKID)),
        Arguments.of("rkid", (Consumer<ObjectNode>) t -> t.put("rkid", "ck_unknown")),
        Arguments.of("skid", (Consumer<ObjectNode>) t -> t.put("skid", OTHER_SKID)),
        Arguments.of("skid", (Consumer<ObjectNode>) t -> t.put("skid", "sk_unknown")),
        Arguments.of("hkid", (Consumer<ObjectNode>) t -> t.put("hkid", OTHER_HKID)),
        Arguments.of("hkid", (Consumer<ObjectNode>) t -> t.put("hkid", "hk_unknown")));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("headerChanges")
  void open_rejectsEnvelope_whenHeaderMemberChanged(String member, Consumer<ObjectNode> change) {
    String json = changed(change);
    assertFalse(json.equals(VALID), member + " changed");
    assertInvalid(() -> EnvelopeFixtures.opener().open(json), "changed " + member);
  }

  @ParameterizedTest
  @ValueSource(strings = {"rid", "iat", "rkid", "skid", "hkid"})
  void open_rejectsChangedHeaderMember_throughBothChecks(String member) {
    // Changes that still parse, to ids the opener knows: both checks must run and both must fail,
    // because H is part of S.
    String json =
        changed(
            t -> {
              switch (member) {
                case "iat":
                  t.put("iat", NOW.getEpochSecond() + 1);
                  break;
                case "rkid":
                  t.put("rkid", OTHER_RKID);
                  break;
                case "skid":
                  t.put("skid", OTHER_SKID);
                  break;
                case "hkid":
                  t.put("hkid", OTHER_HKID);
                  break;
                default:
                  t.put("rid", "req_other");
              }
            });
    EnvelopeOpener real = EnvelopeFixtures.opener();
    RecordingChecks checks = RecordingChecks.around(real);
    assertInvalid(() -> checks.wrap(real).open(json), member);
    assertEquals(1, checks.signatureCalls.get());
    assertEquals(1, checks.macCalls.get());
    assertEquals(false, checks.lastSignatureVerdict(), member + ": signature");
    assertEquals(false, checks.lastMacVerdict(), member + ": MAC");
  }

  // ---- both checks always run ----------------------------------------------------------------

  @Test
  void open_runsBothChecks_whenSignatureFailsFirst() {
    byte[] sig = ENVELOPE.sig();
    sig[100] ^= 0x10;
    assertBothChecksRan(EnvelopeFixtures.withBinary(ENVELOPE, "sig", sig), false, true, false);
  }

  @Test
  void open_runsBothChecks_whenOnlyMacFails() {
    byte[] mac = ENVELOPE.mac();
    mac[63] ^= 0x01;
    assertBothChecksRan(EnvelopeFixtures.withBinary(ENVELOPE, "mac", mac), true, false, false);
  }

  @Test
  void open_runsBothChecks_whenBothFail() {
    byte[] ct = ENVELOPE.ct();
    ct[0] ^= 0x01;
    assertBothChecksRan(EnvelopeFixtures.withBinary(ENVELOPE, "ct", ct), false, false, false);
  }

  @Test
  void open_runsBothChecks_whenBothPass() {
    assertBothChecksRan(ENVELOPE, true, true, true);
  }

  @Test
  void open_runsBothChecks_whenSignatureKeyIsUnknown() {
    EnvelopeOpener real = openerWithout("skid");
    RecordingChecks checks = RecordingChecks.around(real);
    assertInvalid(() -> checks.wrap(real).open(ENVELOPE), "unknown skid");
    assertEquals(1, checks.signatureCalls.get());
    assertEquals(1, checks.macCalls.get());
    assertEquals(false, checks.lastSignatureVerdict());
    assertEquals(true, checks.lastMacVerdict());
  }

  @Test
  void open_neverShortCircuits_evenWhenTheFirstCheckAlwaysFails() {
    // A signature check that always fails, around the real MAC check: the MAC is still computed.
    EnvelopeOpener real = EnvelopeFixtures.opener();
    EnvelopeOpener.AuthenticityChecks realChecks = real.checks();
    int[] macCalls = {0};
    EnvelopeOpener opener =
        real.withChecks(
            new EnvelopeOpener.AuthenticityChecks() {
              @Override
              public boolean signatureValid(String skid, byte[] signed, byte[] sig) {
                return false;
              }

              @Override
              public boolean macValid(String hkid, byte[] signed, byte[] mac) {
                macCalls[0]++;
                return realChecks.macValid(hkid, signed, mac);
              }
            });
    for (int i = 1; i <= 3; i++) {
      assertInvalid(() -> opener.open(ENVELOPE), "signature forced false");
      assertEquals(i, macCalls[0]);
    }
  }

  private static void assertBothChecksRan(
      HybridCryptoEnvelope e, boolean sigOk, boolean macOk, boolean opens) {
    EnvelopeOpener real = EnvelopeFixtures.opener();
    RecordingChecks checks = RecordingChecks.around(real);
    EnvelopeOpener opener = checks.wrap(real);
    assertNotSame(real.checks(), opener.checks());
    if (opens) {
      assertArrayEquals(PLAINTEXT, opener.open(e));
    } else {
      assertInvalid(() -> opener.open(e), "sigOk=" + sigOk + " macOk=" + macOk);
    }
    assertEquals(1, checks.signatureCalls.get(), "signature checked once");
    assertEquals(1, checks.macCalls.get(), "MAC checked once");
    assertEquals(sigOk, checks.lastSignatureVerdict());
    assertEquals(macOk, checks.lastMacVerdict());
  }

  // ---- keys ----------------------------------------------------------------------------------

  /** The default opener minus the key for one of rkid, skid or hkid. */
  private static EnvelopeOpener openerWithout(String which) {
    try (SecretBytes mac = SecretBytes.copyOf(EnvelopeFixtures.MAC_KEY);
        SecretBytes otherMac = SecretBytes.copyOf(EnvelopeFixtures.OTHER_MAC_KEY)) {
      EnvelopeOpener.Builder b = EnvelopeOpener.builder().clock(EnvelopeFixtures.CLOCK);
      b.recipientKey(OTHER_RKID, EnvelopeFixtures.OTHER_RECIPIENT_KEY);
      b.serverKey(OTHER_SKID, EnvelopeFixtures.OTHER_SIGNING_KEY.publicKey());
      b.macKey(OTHER_HKID, otherMac);
      if (!which.equals("rkid")) {
        b.recipientKey(RKID, EnvelopeFixtures.RECIPIENT_KEY);
      }
      if (!which.equals("skid")) {
        b.serverKey(SKID, EnvelopeFixtures.SIGNING_KEY.publicKey());
      }
      if (!which.equals("hkid")) {
        b.macKey(HKID, mac);
      }
      return b.build();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rkid", "skid", "hkid"})
  void open_rejectsEnvelope_whenKeyIdIsUnknown(String which) {
    assertInvalid(() -> openerWithout(which).open(VALID), "unknown " + which);
  }

  @Test
  void open_rejectsEnvelope_whenRecipientKeyIsUnknown_afterBothChecksPass() {
    EnvelopeOpener real = openerWithout("rkid");
    RecordingChecks checks = RecordingChecks.around(real);
    assertInvalid(() -> checks.wrap(real).open(VALID), "unknown rkid");
    assertEquals(true, checks.lastSignatureVerdict());
    assertEquals(true, checks.lastMacVerdict());
  }

  @Test
  void open_rejectsEnvelope_withWrongRecipientKey() {
    // Authentic (both checks pass), but our decapsulation key under rkid is not the one the
    // envelope was encrypted to: ML-KEM's implicit rejection yields another key, AES-GCM fails.
    EnvelopeOpener real;
    try (SecretBytes mac = SecretBytes.copyOf(EnvelopeFixtures.MAC_KEY)) {
      real =
          EnvelopeOpener.builder()
              .recipientKey(RKID, EnvelopeFixtures.OTHER_RECIPIENT_KEY)
              .serverKey(SKID, EnvelopeFixtures.SIGNING_KEY.publicKey())
              .macKey(HKID, mac)
              .clock(EnvelopeFixtures.CLOCK)
              .build();
    }
    RecordingChecks checks = RecordingChecks.around(real);
    assertInvalid(() -> checks.wrap(real).open(VALID), "wrong recipient key");
    assertEquals(true, checks.lastSignatureVerdict());
    assertEquals(true, checks.lastMacVerdict());
  }

  @Test
  void open_rejectsEnvelope_withWrongMacKey() {
    EnvelopeOpener real;
    try (SecretBytes wrong = SecretBytes.copyOf(EnvelopeFixtures.OTHER_MAC_KEY)) {
      real =
          EnvelopeOpener.builder()
              .recipientKey(RKID, EnvelopeFixtures.RECIPIENT_KEY)
              .serverKey(SKID, EnvelopeFixtures.SIGNING_KEY.publicKey())
              .macKey(HKID, wrong)
              .clock(EnvelopeFixtures.CLOCK)
              .build();
    }
    RecordingChecks checks = RecordingChecks.around(real);
    assertInvalid(() -> checks.wrap(real).open(VALID), "wrong MAC key");
    assertEquals(true, checks.lastSignatureVerdict());
    assertEquals(false, checks.lastMacVerdict());
  }

  @Test
  void open_rejectsEnvelope_withWrongServerKey() {
    EnvelopeOpener real;
    try (SecretBytes mac = SecretBytes.copyOf(EnvelopeFixtures.MAC_KEY)) {
      real =
          EnvelopeOpener.builder()
              .recipientKey(RKID, EnvelopeFixtures.RECIPIENT_KEY)
              .serverKey(SKID, EnvelopeFixtures.OTHER_SIGNING_KEY.publicKey())
              .macKey(HKID, mac)
              .clock(EnvelopeFixtures.CLOCK)
              .build();
    }
    RecordingChecks checks = RecordingChecks.around(real);
    assertInvalid(() -> checks.wrap(real).open(VALID), "wrong server key");
    assertEquals(false, checks.lastSignatureVerdict());
    assertEquals(true, checks.lastMacVerdict());
  }

  @Test
  void open_rejectsEnvelope_signedByAnotherServerKey_underTheRightSkid() {
    // A forger with another ML-DSA key and the right MAC key cannot pass as the service.
    EnvelopeSealer forger =
        EnvelopeSealer.create(
            SKID,
            EnvelopeFixtures.OTHER_SIGNING_KEY,
            new java.security.SecureRandom(),
            EnvelopeFixtures.CLOCK);
    HybridCryptoEnvelope forged =
        forger.seal(EnvelopeFixtures.recipient(), "req_forged", PLAINTEXT.clone());
    assertInvalid(() -> EnvelopeFixtures.opener().open(forged), "forged signature");
  }

  @Test
  void builder_rejectsMacKey_ofWrongLength() {
    for (int n : new int[] {0, 32, 63, 65}) {
      try (SecretBytes k = SecretBytes.wrap(new byte[n])) {
        assertThrows(CryptoException.class, () -> EnvelopeOpener.builder().macKey("hk", k));
      }
    }
  }

  // ---- freshness -----------------------------------------------------------------------------

  private static EnvelopeOpener openerAt(long offsetSeconds, Duration skew) {
    EnvelopeOpener.Builder b =
        EnvelopeFixtures.openerBuilder()
            .clock(Clock.fixed(NOW.plusSeconds(offsetSeconds), ZoneOffset.UTC));
    if (skew != null) {
      b.maxClockSkew(skew);
    }
    return b.build();
  }

  @ParameterizedTest(name = "now = iat {0} s")
  @ValueSource(longs = {-300, -299, -1, 0, 1, 299, 300})
  void open_acceptsEnvelope_withinDefaultSkew(long offset) {
    assertArrayEquals(PLAINTEXT, openerAt(offset, null).open(VALID));
  }

  @ParameterizedTest(name = "now = iat {0} s")
  @ValueSource(longs = {-301, 301, -3600, 3600, 86_400, -1_764_115_200L})
  void open_rejectsEnvelope_staleOrFromTheFuture(long offset) {
    // offset > 0: the envelope is stale; offset < 0: it claims to come from the future.
    EnvelopeOpener real = openerAt(offset, null);
    RecordingChecks checks = RecordingChecks.around(real);
    assertInvalid(() -> checks.wrap(real).open(VALID), "now = iat " + offset);
    assertEquals(true, checks.lastSignatureVerdict(), "authentic, only out of date");
    assertEquals(true, checks.lastMacVerdict());
  }

  @Test
  void open_honoursConfiguredSkew() {
    assertArrayEquals(PLAINTEXT, openerAt(60, Duration.ofSeconds(60)).open(VALID));
    assertInvalid(() -> openerAt(61, Duration.ofSeconds(60)).open(VALID), "61 s, skew 60 s");
    assertInvalid(() -> openerAt(-61, Duration.ofSeconds(60)).open(VALID), "-61 s, skew 60 s");
    assertArrayEquals(PLAINTEXT, openerAt(0, Duration.ZERO).open(VALID));
    assertInvalid(() -> openerAt(1, Duration.ZERO).open(VALID), "1 s, skew 0");
    assertThrows(
        IllegalArgumentException.class,
        () -> EnvelopeOpener.builder().maxClockSkew(Duration.ofSeconds(-1)));
  }

  @Test
  void open_usesTheInjectedClock_notTheSystemClock() {
    // Sealed "now" by the system clock: the fixed test clock (2025-11-26) is far away.
    EnvelopeSealer sealer =
        EnvelopeSealer.create(
            SKID,
            EnvelopeFixtures.SIGNING_KEY,
            new java.security.SecureRandom(),
            Clock.systemUTC());
    HybridCryptoEnvelope e = sealer.seal(EnvelopeFixtures.recipient(), "req_now", new byte[] {7});
    long iat = e.iat();
    assertTrue(Math.abs(iat - Instant.now().getEpochSecond()) < 60);
    assertInvalid(() -> EnvelopeFixtures.opener().open(e), "fixed clock far from iat");
    EnvelopeOpener atIat =
        EnvelopeFixtures.openerBuilder()
            .clock(Clock.fixed(Instant.ofEpochSecond(iat), ZoneOffset.UTC))
            .build();
    assertArrayEquals(new byte[] {7}, atIat.open(e));
  }

  @Test
  void open_acceptsIatZero_andHugeIat_onlyAtTheirOwnTime() {
    for (long iat : new long[] {0L, 4_102_444_800L}) {
      Clock at = Clock.fixed(Instant.ofEpochSecond(iat), ZoneOffset.UTC);
      HybridCryptoEnvelope e =
          EnvelopeFixtures.sealer(at).seal(EnvelopeFixtures.recipient(), "req_t", new byte[] {9});
      assertEquals(iat, e.iat());
      assertArrayEquals(new byte[] {9}, EnvelopeFixtures.openerBuilder().clock(at).build().open(e));
      assertInvalid(() -> EnvelopeFixtures.opener().open(e.toJson()), "iat " + iat + " at NOW");
    }
  }

  // ---- ciphertext size limit -----------------------------------------------------------------

  @Test
  void open_rejectsCt_longerThanTheConfiguredMaximum() {
    EnvelopeOpener small = EnvelopeFixtures.openerBuilder().maxCiphertextLength(1024).build();
    HybridCryptoEnvelope atLimit = EnvelopeFixtures.seal("req_limit", new byte[1024 - 16]);
    HybridCryptoEnvelope over = EnvelopeFixtures.seal("req_limit", new byte[1024 - 15]);
    assertArrayEquals(new byte[1008], small.open(atLimit));
    assertArrayEquals(new byte[1008], small.open(atLimit.toJson()));
    assertInvalid(() -> small.open(over), "1025-byte ct, object");
    assertInvalid(() -> small.open(over.toJson()), "1025-byte ct, JSON");
    assertArrayEquals(new byte[1009], EnvelopeFixtures.opener().open(over));
    assertThrows(
        IllegalArgumentException.class, () -> EnvelopeOpener.builder().maxCiphertextLength(15));
  }

  @Test
  void open_acceptsCt_ofExactly8MiB_andParseRejectsOneByteMore() {
    int max = EnvelopeJson.DEFAULT_MAX_CIPHERTEXT_LENGTH;
    assertEquals(8 * 1024 * 1024, max);
    byte[] plaintext = new byte[max - 16];
    plaintext[12345] = 1;
    HybridCryptoEnvelope e = EnvelopeFixtures.seal("req_8mib", plaintext);
    String json = e.toJson();
    assertArrayEquals(plaintext, EnvelopeFixtures.opener().open(json));

    byte[] tooLong = java.util.Arrays.copyOf(e.ct(), max + 1);
    ObjectNode t = tree(json);
    t.put("ct", EnvelopeFixtures.B64.encodeToString(tooLong));
    String over = json(t);
    assertInvalid(() -> HybridCryptoEnvelope.parse(over), "8 MiB + 1 ct, parse");
    assertInvalid(() -> EnvelopeFixtures.opener().open(over), "8 MiB + 1 ct, open");
  }

  // ---- one error, always the same ------------------------------------------------------------

  @Test
  void everyFailure_isTheSameExceptionWithTheSameMessageAndNoCause() {
    List<Runnable> failures = new ArrayList<>();
    EnvelopeOpener opener = EnvelopeFixtures.opener();
    failures.add(() -> opener.open("not json"));
    failures.add(() -> opener.open(changed(t -> t.put("v", 2))));
    failures.add(() -> opener.open(changed(t -> t.put("rid", "req_x"))));
    failures.add(() -> openerWithout("skid").open(VALID));
    failures.add(() -> openerWithout("hkid").open(VALID));
    failures.add(() -> openerWithout("rkid").open(VALID));
    failures.add(() -> openerAt(301, null).open(VALID));
    byte[] mac = ENVELOPE.mac();
    mac[0] ^= 1;
    failures.add(() -> opener.open(EnvelopeFixtures.withBinary(ENVELOPE, "mac", mac)));
    List<InvalidEnvelopeException> seen = new ArrayList<>();
    for (Runnable r : failures) {
      seen.add(assertThrows(InvalidEnvelopeException.class, r::run));
    }
    for (InvalidEnvelopeException e : seen) {
      assertEquals("invalid envelope", e.getMessage());
      assertEquals("invalid envelope", e.getLocalizedMessage());
      assertEquals(null, e.getCause());
      assertEquals(0, e.getSuppressed().length);
      assertEquals(InvalidEnvelopeException.class.getName() + ": invalid envelope", e.toString());
    }
    assertEquals(failures.size(), seen.size());
  }
}
