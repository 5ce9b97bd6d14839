package io.quantaseal.crypto.envelope;

import static io.quantaseal.crypto.envelope.EnvelopeFixtures.CLOCK;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.HKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.NOW_SECONDS;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.RKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.SKID;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.internal.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seal then open, through the object and through the JSON form (docs/envelope.md#construction). */
class EnvelopeRoundTripTest {

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 15, 16, 17, 1024, 65536})
  void open_returnsPlaintext_afterSeal(int length) {
    byte[] plaintext = EnvelopeFixtures.plaintext(length);
    HybridCryptoEnvelope e = EnvelopeFixtures.seal("req_roundtrip", plaintext);
    assertEquals(length + 16, e.ct().length, "ct = ciphertext || 16-byte tag");
    EnvelopeOpener opener = EnvelopeFixtures.opener();
    assertArrayEquals(plaintext, opener.open(e));
    assertArrayEquals(plaintext, opener.open(e.toJson()));
    assertArrayEquals(plaintext, opener.open(HybridCryptoEnvelope.parse(e.toJson())));
  }

  @Test
  void open_returnsPlaintext_forNonAsciiIds() {
    String rid = "req_é漢字🔐";
    String rkid = "ck_ключ_🔑";
    String skid = "sk_署名鍵";
    String hkid = "hk_κλειδί";
    byte[] plaintext = "é漢字🔐 payload".getBytes(StandardCharsets.UTF_8);
    EnvelopeRecipient recipient;
    try (SecretBytes mac = SecretBytes.copyOf(EnvelopeFixtures.MAC_KEY)) {
      recipient =
          EnvelopeRecipient.create(
              rkid, EnvelopeFixtures.RECIPIENT_KEY.encapsulationKey(), hkid, mac);
    }
    EnvelopeSealer sealer =
        EnvelopeSealer.create(skid, EnvelopeFixtures.SIGNING_KEY, new SecureRandom(), CLOCK);
    HybridCryptoEnvelope e = sealer.seal(recipient, rid, plaintext.clone());
    String json = e.toJson();
    // Written as UTF-8 text, not as \\u escapes, and read back unchanged.
    assertTrue(json.contains("\"rid\":\"" + rid + "\""), json.substring(0, 200));
    HybridCryptoEnvelope parsed = HybridCryptoEnvelope.parse(json);
    assertEquals(rid, parsed.rid());
    assertEquals(rkid, parsed.rkid());
    assertEquals(skid, parsed.skid());
    assertEquals(hkid, parsed.hkid());

    EnvelopeOpener opener;
    try (SecretBytes mac = SecretBytes.copyOf(EnvelopeFixtures.MAC_KEY)) {
      opener =
          EnvelopeOpener.builder()
              .recipientKey(rkid, EnvelopeFixtures.RECIPIENT_KEY)
              .serverKey(skid, EnvelopeFixtures.SIGNING_KEY.publicKey())
              .macKey(hkid, mac)
              .clock(CLOCK)
              .build();
    }
    assertArrayEquals(plaintext, opener.open(json));
    // The ASCII-named keys of the default opener do not match these ids.
    assertInvalid(() -> EnvelopeFixtures.opener().open(json), "ids unknown to the opener");
  }

  @Test
  void headerBytes_followTheSpecLayout() {
    HybridCryptoEnvelope e = EnvelopeFixtures.seal("req_layout", new byte[0]);
    ByteBuffer h = ByteBuffer.wrap(e.headerBytes());
    for (String expected :
        new String[] {
          "QSENV1",
          EnvelopeSuite.QS1_MLKEM768_HKDFSHA512_A256GCM_MLDSA65_HS512.id(),
          "req_layout",
          Long.toString(NOW_SECONDS),
          RKID,
          SKID,
          HKID
        }) {
      byte[] field = new byte[h.getInt()];
      h.get(field);
      assertEquals(expected, new String(field, StandardCharsets.UTF_8));
    }
    assertFalse(h.hasRemaining());
    assertArrayEquals(
        Bytes.lengthPrefixed(Bytes.utf8("QSENV1-SIGNED"), e.headerBytes(), e.kem(), e.iv(), e.ct()),
        e.signedBytes());
  }

  @Test
  void seal_usesFreshRandomness_everyTime() {
    byte[] plaintext = EnvelopeFixtures.plaintext(100);
    HybridCryptoEnvelope a = EnvelopeFixtures.seal("req_same", plaintext);
    HybridCryptoEnvelope b = EnvelopeFixtures.seal("req_same", plaintext);
    assertArrayEquals(a.headerBytes(), b.headerBytes());
    assertFalse(Arrays.equals(a.kem(), b.kem()), "fresh ML-KEM encapsulation");
    assertFalse(Arrays.equals(a.iv(), b.iv()), "fresh IV");
    assertFalse(Arrays.equals(a.ct(), b.ct()));
    assertFalse(Arrays.equals(a.sig(), b.sig()), "hedged ML-DSA");
    assertFalse(Arrays.equals(a.mac(), b.mac()));
    assertNotEquals(a.toJson(), b.toJson());
  }

  @Test
  void seal_wipesTheCallersPlaintextBuffer() {
    byte[] buffer = EnvelopeFixtures.plaintext(64);
    byte[] copy = buffer.clone();
    HybridCryptoEnvelope e =
        EnvelopeFixtures.sealer().seal(EnvelopeFixtures.recipient(), "req_wipe", buffer);
    assertArrayEquals(new byte[64], buffer);
    assertArrayEquals(copy, EnvelopeFixtures.opener().open(e));
  }

  @Test
  void open_returnsACallerOwnedCopy() {
    byte[] plaintext = EnvelopeFixtures.plaintext(32);
    HybridCryptoEnvelope e = EnvelopeFixtures.seal("req_copy", plaintext);
    EnvelopeOpener opener = EnvelopeFixtures.opener();
    byte[] first = opener.open(e);
    Arrays.fill(first, (byte) 0);
    assertArrayEquals(plaintext, opener.open(e));
  }

  @Test
  void envelope_isImmutable() {
    HybridCryptoEnvelope e = EnvelopeFixtures.seal("req_immutable", new byte[] {1, 2, 3});
    String before = e.toJson();
    e.kem()[0] ^= 1;
    e.iv()[0] ^= 1;
    e.ct()[0] ^= 1;
    e.sig()[0] ^= 1;
    e.mac()[0] ^= 1;
    assertEquals(before, e.toJson());
    assertArrayEquals(new byte[] {1, 2, 3}, EnvelopeFixtures.opener().open(e));
  }

  @Test
  void toJson_writesMembersInSpecOrder() {
    String json = EnvelopeFixtures.seal("req_order", new byte[0]).toJson();
    int last = -1;
    for (String m : EnvelopeParseTest.MEMBERS) {
      int at = json.indexOf("\"" + m + "\":");
      assertTrue(at > last, m + " after the previous member");
      last = at;
    }
    assertTrue(json.startsWith("{\"v\":1,\"suite\":\"" + EnvelopeSuite.values()[0].id() + "\""));
  }
}
