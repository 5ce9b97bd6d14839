package io.quantaseal.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.kem.MlKemEncapsulation;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/vectors/envelope-v1.json} checked in both directions
 * (docs/envelope.md#golden-vectors): the file is exactly what the generator writes; every vector is
 * rebuilt byte for byte from its inputs; every vector agrees with an independent reading of the
 * spec (JDK HMAC, HKDF by hand, JDK AES-GCM); and every envelope opens, with the clock at its iat,
 * to its plaintext.
 */
class EnvelopeGoldenVectorTest {
  static final List<String> ENVELOPE_MEMBERS = EnvelopeParseTest.MEMBERS;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");
  private static final byte[] CONTEXT = "quantaseal/envelope/v1".getBytes(StandardCharsets.UTF_8);

  static List<GoldenVector> vectors() {
    return GoldenVectors.load();
  }

  @Test
  void vectorsFile_isExactlyWhatTheGeneratorWrites() throws IOException {
    byte[] onDisk = Files.readAllBytes(GoldenVectors.file());
    byte[] generated = EnvelopeVectorGenerator.render().getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new String(generated, StandardCharsets.UTF_8),
        new String(onDisk, StandardCharsets.UTF_8),
        "docs/vectors/envelope-v1.json is stale: regenerate it (docs/envelope.md)");
    assertArrayEquals(generated, onDisk);
  }

  @Test
  void vectorsFile_hasTheFormatOfEnvelopeMd() throws IOException {
    ObjectNode root = GoldenVectors.tree(Files.readString(GoldenVectors.file()));
    assertEquals(List.of("suite", "vectors"), names(root));
    assertEquals(
        EnvelopeSuite.QS1_MLKEM768_HKDFSHA512_A256GCM_MLDSA65_HS512.id(),
        root.get("suite").textValue());
    assertTrue(root.get("vectors").isArray());
    for (JsonNode v : root.get("vectors")) {
      assertEquals(GoldenVectors.VECTOR_MEMBERS, names(v));
      assertBase64url(v, "recipient_seed", 64);
      assertBase64url(v, "signer_seed", 32);
      assertBase64url(v, "mac_key", 64);
      assertBase64url(v, "encaps_m", 32);
      assertBase64url(v, "iv", 12);
      assertBase64url(v, "plaintext", -1);
      assertBase64url(v, "H", -1);
      assertBase64url(v, "S", -1);
      assertTrue(v.get("iat").isIntegralNumber() && v.get("iat").longValue() >= 0);
      JsonNode e = v.get("envelope");
      assertEquals(ENVELOPE_MEMBERS, names(e));
      assertEquals(1, e.get("v").intValue());
      assertTrue(e.get("v").isInt());
      assertBase64url(e, "kem", 1088);
      assertBase64url(e, "iv", 12);
      assertBase64url(e, "sig", 3309);
      assertBase64url(e, "mac", 64);
      assertBase64url(e, "ct", -1);
      assertEquals(root.get("suite"), e.get("suite"));
      for (String m : List.of("rid", "iat", "rkid", "skid", "hkid", "iv")) {
        assertEquals(v.get(m), e.get(m), v.get("name") + ": " + m + " agrees with the inputs");
      }
    }
  }

  @Test
  void vectorsFile_coversTheRequiredCases() {
    List<GoldenVector> all = vectors();
    assertTrue(all.size() >= 4);
    assertTrue(all.stream().anyMatch(v -> v.plaintext().length == 0), "empty plaintext");
    assertTrue(all.stream().anyMatch(v -> v.plaintext().length == 64 * 1024), "64 KiB plaintext");
    assertTrue(
        all.stream()
            .anyMatch(
                v ->
                    List.of(v.rid(), v.rkid(), v.skid(), v.hkid()).stream()
                        .allMatch(id -> id.chars().anyMatch(c -> c > 0x7f))),
        "non-ASCII ids");
    assertTrue(all.stream().anyMatch(EnvelopeGoldenVectorTest::isProxyAnswer), "proxy answer");
    assertEquals(all.size(), all.stream().map(GoldenVector::name).distinct().count());
  }

  private static boolean isProxyAnswer(GoldenVector v) {
    try {
      JsonNode p = EnvelopeFixtures.JSON.readTree(v.plaintext());
      return p.isObject()
          && p.path("integration_id").textValue().startsWith("int_")
          && p.path("operation").isTextual()
          && p.path("upstream").path("status").isInt()
          && p.path("upstream").has("body")
          && p.path("upstream").path("latency_ms").isInt()
          && p.path("audit_id").textValue().startsWith("aud_");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vector_rebuildsByteForByte_fromItsInputs(GoldenVector v) {
    GoldenVector rebuilt = EnvelopeVectorGenerator.rebuild(v);
    assertArrayEquals(v.header(), rebuilt.header(), "H");
    assertArrayEquals(v.signed(), rebuilt.signed(), "S");
    for (String m : ENVELOPE_MEMBERS) {
      assertEquals(v.envelope().get(m), rebuilt.envelope().get(m), "envelope member " + m);
    }
    assertEquals(v.envelopeJson(), rebuilt.envelopeJson());
    assertEquals(v.envelopeJson(), HybridCryptoEnvelope.parse(v.envelopeJson()).toJson());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vector_opens_withClockAtItsIat(GoldenVector v) {
    EnvelopeOpener opener = openerFor(v, v.iat());
    assertArrayEquals(v.plaintext(), opener.open(v.envelopeJson()));
    HybridCryptoEnvelope parsed = HybridCryptoEnvelope.parse(v.envelopeJson());
    assertArrayEquals(v.header(), parsed.headerBytes(), "H rebuilt from the envelope");
    assertArrayEquals(v.signed(), parsed.signedBytes(), "S rebuilt from the envelope");
    assertArrayEquals(v.plaintext(), opener.open(parsed));
    // ... and only within the allowed clock skew of its iat.
    EnvelopeFixtures.assertInvalid(
        () -> openerFor(v, v.iat() + 301).open(v.envelopeJson()), v.name() + " 301 s later");
  }

  /**
   * The spec's construction redone by hand with the JDK (HMAC-SHA-512, HKDF composed from it,
   * AES-GCM), reusing only the ML-KEM and ML-DSA primitives that the Wycheproof tests check.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vector_agreesWithAnIndependentReadingOfTheSpec(GoldenVector v) throws Exception {
    JsonNode e = v.envelope();
    byte[] kem = b64(e, "kem");
    byte[] iv = b64(e, "iv");
    byte[] ct = b64(e, "ct");
    byte[] sig = b64(e, "sig");
    byte[] mac = b64(e, "mac");

    byte[] h =
        lp(
            utf8("QSENV1"),
            utf8(e.get("suite").textValue()),
            utf8(v.rid()),
            Long.toString(v.iat()).getBytes(StandardCharsets.US_ASCII),
            utf8(v.rkid()),
            utf8(v.skid()),
            utf8(v.hkid()));
    assertArrayEquals(h, v.header(), "H");
    byte[] s = lp(utf8("QSENV1-SIGNED"), h, kem, iv, ct);
    assertArrayEquals(s, v.signed(), "S");
    assertArrayEquals(v.iv(), iv);

    // kem and ss: ML-KEM-768.Encaps_internal(ek, m).
    MlKemDecapsulationKey dk;
    try (SecretBytes seed = SecretBytes.copyOf(v.recipientSeed())) {
      dk = MlKem768.keyPairFromSeed(seed);
    }
    byte[] ss;
    try (MlKemEncapsulation enc =
        MlKem768.encapsulateDeterministically(dk.encapsulationKey(), v.encapsM())) {
      assertArrayEquals(enc.ciphertext(), kem, "kem");
      ss = enc.sharedSecret().copyBytes();
    }
    try (SecretBytes decapsulated = MlKem768.decapsulate(dk, kem)) {
      assertArrayEquals(ss, decapsulated.reveal(), "Decaps(kem) = ss");
    }

    // K = HKDF-SHA-512(salt = empty, IKM = ss, info = label || H, L = 32), by RFC 5869.
    Mac hmac = Mac.getInstance("HmacSHA512");
    hmac.init(new SecretKeySpec(new byte[64], "HmacSHA512"));
    byte[] prk = hmac.doFinal(ss);
    hmac.init(new SecretKeySpec(prk, "HmacSHA512"));
    hmac.update(utf8("quantaseal/envelope/v1/aes-256-gcm"));
    hmac.update(h);
    hmac.update((byte) 1);
    byte[] k = java.util.Arrays.copyOf(hmac.doFinal(), 32);

    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, iv));
    gcm.updateAAD(h);
    assertArrayEquals(gcm.doFinal(v.plaintext()), ct, "ct = AES-256-GCM(K, iv, plaintext, H)");

    // sig: deterministic ML-DSA-65 over S with the context string; it verifies.
    MlDsaPrivateKey signer;
    try (SecretBytes seed = SecretBytes.copyOf(v.signerSeed())) {
      signer = MlDsaPrivateKey.fromSeed(seed);
    }
    assertArrayEquals(MlDsa65.signDeterministically(signer, s, CONTEXT), sig, "sig");
    assertTrue(MlDsa65.verify(signer.publicKey(), s, CONTEXT, sig));

    // mac = HMAC-SHA-512(mac_key, S).
    hmac.init(new SecretKeySpec(v.macKey(), "HmacSHA512"));
    assertArrayEquals(hmac.doFinal(s), mac, "mac");
  }

  static EnvelopeOpener openerFor(GoldenVector v, long nowSeconds) {
    try (SecretBytes kemSeed = SecretBytes.copyOf(v.recipientSeed());
        SecretBytes dsaSeed = SecretBytes.copyOf(v.signerSeed());
        SecretBytes mac = SecretBytes.copyOf(v.macKey())) {
      return EnvelopeOpener.builder()
          .recipientKey(v.rkid(), MlKem768.keyPairFromSeed(kemSeed))
          .serverKey(v.skid(), MlDsaPrivateKey.fromSeed(dsaSeed).publicKey())
          .macKey(v.hkid(), mac)
          .clock(Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC))
          .build();
    }
  }

  private static List<String> names(JsonNode o) {
    List<String> n = new ArrayList<>();
    o.fieldNames().forEachRemaining(n::add);
    return n;
  }

  private static void assertBase64url(JsonNode o, String member, int length) {
    String s = o.get(member).textValue();
    assertTrue(BASE64URL.matcher(s).matches(), member + " is unpadded base64url");
    byte[] b = Base64.getUrlDecoder().decode(s);
    assertEquals(s, Base64.getUrlEncoder().withoutPadding().encodeToString(b), member);
    if (length >= 0) {
      assertEquals(length, b.length, member + " length");
    }
  }

  private static byte[] b64(JsonNode o, String member) {
    return Base64.getUrlDecoder().decode(o.get(member).textValue());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** lp(x) = 4-byte unsigned big-endian length of x, then x (docs/envelope.md#encoding). */
  private static byte[] lp(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(p.length).array());
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
