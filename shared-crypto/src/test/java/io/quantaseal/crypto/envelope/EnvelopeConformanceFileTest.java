package io.quantaseal.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.ConformanceCase.Rejection;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code docs/vectors/envelope-v1-conformance.json} checked both ways (docs/envelope.md,
 * "Conformance"): the file is exactly what the generator writes; every valid case opens in the
 * production {@link EnvelopeOpener}, given only the case's three keys and clock, to its plaintext;
 * every invalid case is rejected by it; and every invalid case is rejected at the step the
 * generator says, so that a name such as {@code mac-bit-flipped} really is an envelope whose
 * signature is right and whose MAC is not.
 */
class EnvelopeConformanceFileTest {
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

  static List<ConformanceCase> fileCases() throws IOException {
    return ConformanceFile.parse(Files.readString(ConformanceFile.file()));
  }

  static List<ConformanceCase> generatedCases() {
    return EnvelopeConformanceGenerator.cases();
  }

  @Test
  void file_isExactlyWhatTheGeneratorWrites(@TempDir Path dir) throws IOException {
    Path regenerated = dir.resolve("envelope-v1-conformance.json");
    EnvelopeConformanceGenerator.main(new String[] {regenerated.toString()});
    byte[] generated = Files.readAllBytes(regenerated);
    byte[] shipped = Files.readAllBytes(ConformanceFile.file());
    assertTrue(
        java.util.Arrays.equals(generated, shipped),
        ConformanceFile.RELATIVE_PATH + " is stale: regenerate it (docs/envelope.md, Conformance)");
    // ... and generating twice in one JVM gives the same text: nothing depends on state or time.
    assertEquals(
        new String(generated, StandardCharsets.UTF_8), EnvelopeConformanceGenerator.render());
  }

  @Test
  void file_hasTheFormatOfClientsMd() throws IOException {
    ObjectNode root = ConformanceFile.tree(Files.readString(ConformanceFile.file()));
    assertEquals(List.of("suite", "vectors"), names(root));
    assertEquals(ConformanceEnvelopes.SUITE, root.get("suite").textValue());
    for (JsonNode c : root.get("vectors")) {
      String name = c.get("name").textValue();
      boolean valid = c.get("result").textValue().equals("valid");
      List<String> expected = new ArrayList<>(ConformanceFile.CASE_MEMBERS);
      if (!valid) {
        expected.remove("plaintext");
        assertEquals("invalid", c.get("result").textValue(), name);
      }
      assertEquals(expected, names(c), name);
      assertBase64url(c, "recipient_seed", 64, name);
      assertBase64url(c, "server_public_key", MlDsaPublicKey.LENGTH, name);
      assertBase64url(c, "mac_key", 64, name);
      if (valid) {
        assertBase64url(c, "plaintext", -1, name);
      }
      for (String id : List.of("rkid", "skid", "hkid")) {
        assertTrue(EnvelopeJson.validId(c.get(id).textValue()), name + ": " + id);
      }
      assertTrue(c.get("now").isIntegralNumber() && c.get("now").longValue() >= 0, name);
      // Every runner's JSON reader must read `now` exactly, JavaScript's included.
      assertTrue(c.get("now").longValue() <= (1L << 53), name);
      assertTrue(c.get("envelope").isTextual(), name);
    }
  }

  @Test
  void file_coversWhatClientsMdAndTheEnvelopeSpecName() throws IOException {
    List<ConformanceCase> all = fileCases();
    Set<String> names = all.stream().map(ConformanceCase::name).collect(Collectors.toSet());
    assertEquals(all.size(), names.size(), "case names are unique");
    assertTrue(all.size() >= 40, "at least 40 cases");
    for (ConformanceCase c : all) {
      assertTrue(c.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), c.name());
      assertEquals(c.valid(), c.name().startsWith("valid-"), c.name() + ": valid iff valid-*");
    }
    assertTrue(all.stream().anyMatch(c -> c.valid() && c.plaintext().length == 0), "empty");
    assertTrue(all.stream().anyMatch(c -> c.valid() && c.plaintext().length >= 256 * 1024));
    assertTrue(all.stream().anyMatch(c -> c.valid() && c.envelope().endsWith("\n")));
    assertTrue(
        all.stream().anyMatch(c -> c.valid() && c.rkid().chars().anyMatch(ch -> ch > 0x7f)),
        "non-ASCII ids");
    // Each member altered, each missing, and the two checks each failing alone.
    for (String m :
        List.of("rid", "iat", "rkid", "skid", "hkid", "kem", "iv", "ct", "tag", "sig", "mac")) {
      assertTrue(
          names.contains(m + "-altered")
              || names.contains(m + "-bit-flipped")
              || names.contains(m + "-altered-by-one-second"),
          m + " altered");
    }
    for (String m : EnvelopeParseTest.MEMBERS) {
      assertTrue(names.contains(m + "-missing"), m + " missing");
    }
    for (String n :
        List.of(
            "sig-bit-flipped",
            "mac-bit-flipped",
            "signed-by-another-server-key",
            "mac-with-another-tenants-key",
            "sealed-to-another-recipient-key",
            "iat-301-seconds-old",
            "iat-301-seconds-ahead",
            "valid-iat-300-seconds-old",
            "valid-iat-300-seconds-ahead",
            "valid-unknown-members-ignored",
            "valid-members-in-shuffled-order",
            "duplicate-member-with-the-same-value",
            "kem-padded-base64",
            "sig-in-the-standard-base64-alphabet",
            "iat-is-a-string",
            "iat-negative",
            "iat-with-a-leading-zero",
            "iat-is-a-float",
            "ct-15-bytes",
            "json-null",
            "truncated-in-the-middle")) {
      assertTrue(names.contains(n), n);
    }
  }

  @Test
  void generatedCases_rejectAtEveryStepOfTheOpener() {
    Set<Rejection> steps = EnumSet.noneOf(Rejection.class);
    generatedCases().forEach(c -> steps.add(c.rejection()));
    assertEquals(EnumSet.allOf(Rejection.class), steps);
  }

  /** Both ways: valid cases open to their plaintext, invalid ones are rejected. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fileCases")
  void fileCase_opensOrIsRejected_byTheProductionOpener(ConformanceCase c) {
    EnvelopeOpener opener = openerFor(c, Duration.ofSeconds(300));
    if (c.valid()) {
      assertArrayEquals(c.plaintext(), opener.open(c.envelope()), c.name());
    } else {
      EnvelopeFixtures.assertInvalid(() -> opener.open(c.envelope()), c.name());
    }
  }

  /**
   * Each invalid case fails exactly where the generator says, and passes every step before it: a
   * PARSE case does not parse; a SIGNATURE (MAC) case parses and has a right MAC (signature) and a
   * wrong signature (MAC); a CLOCK case is authentic and opens with the clock at its iat; a
   * DECRYPTION case is authentic, fresh, and still does not open.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("generatedCases")
  void generatedCase_isRejectedAtTheStepItIsAbout(ConformanceCase c) {
    EnvelopeOpener opener = openerFor(c, Duration.ofSeconds(300));
    if (c.rejection() == Rejection.PARSE) {
      EnvelopeFixtures.assertInvalid(() -> HybridCryptoEnvelope.parse(c.envelope()), c.name());
      return;
    }
    HybridCryptoEnvelope e = HybridCryptoEnvelope.parse(c.envelope());
    byte[] signed = e.signedBytes();
    boolean sigOk = opener.checks().signatureValid(e.skid(), signed, e.sig());
    boolean macOk = opener.checks().macValid(e.hkid(), signed, e.mac());
    Rejection r = c.rejection();
    assertEquals(
        r != Rejection.SIGNATURE && r != Rejection.SIGNATURE_AND_MAC, sigOk, c.name() + ": sig");
    assertEquals(r != Rejection.MAC && r != Rejection.SIGNATURE_AND_MAC, macOk, c.name() + ": mac");
    boolean fresh = Math.abs(c.now() - e.iat()) <= 300;
    assertEquals(r != Rejection.CLOCK, fresh, c.name() + ": iat within 300 s of now");
    switch (r) {
      case NONE -> assertArrayEquals(c.plaintext(), opener.open(c.envelope()), c.name());
      case CLOCK -> {
        EnvelopeFixtures.assertInvalid(() -> opener.open(c.envelope()), c.name());
        assertNotNull(openerFor(c, Duration.ofSeconds(Long.MAX_VALUE / 2)).open(c.envelope()));
      }
      default -> EnvelopeFixtures.assertInvalid(() -> opener.open(c.envelope()), c.name());
    }
  }

  @Test
  void generatedCases_areTheFileCases() throws IOException {
    List<ConformanceCase> generated = generatedCases();
    List<ConformanceCase> file = fileCases();
    assertEquals(
        generated.stream().map(ConformanceCase::name).toList(),
        file.stream().map(ConformanceCase::name).toList());
    for (int i = 0; i < file.size(); i++) {
      assertEquals(generated.get(i).envelope(), file.get(i).envelope(), file.get(i).name());
      assertEquals(generated.get(i).valid(), file.get(i).valid(), file.get(i).name());
      if (!file.get(i).valid()) {
        assertNull(file.get(i).plaintext());
      }
    }
    assertFalse(file.isEmpty());
  }

  /** An opener that knows exactly the case's three keys, with the clock at the case's now. */
  static EnvelopeOpener openerFor(ConformanceCase c, Duration skew) {
    try (SecretBytes seed = SecretBytes.copyOf(c.recipientSeed());
        SecretBytes mac = SecretBytes.copyOf(c.macKey())) {
      return EnvelopeOpener.builder()
          .recipientKey(c.rkid(), MlKem768.keyPairFromSeed(seed))
          .serverKey(c.skid(), MlDsaPublicKey.fromBytes(c.serverPublicKey()))
          .macKey(c.hkid(), mac)
          .clock(Clock.fixed(Instant.ofEpochSecond(c.now()), ZoneOffset.UTC))
          .maxClockSkew(skew)
          .build();
    }
  }

  private static List<String> names(JsonNode o) {
    List<String> n = new ArrayList<>();
    o.fieldNames().forEachRemaining(n::add);
    return n;
  }

  private static void assertBase64url(JsonNode o, String member, int length, String name) {
    String s = o.get(member).textValue();
    assertTrue(BASE64URL.matcher(s).matches(), name + ": " + member + " is unpadded base64url");
    byte[] b = Base64.getUrlDecoder().decode(s);
    assertEquals(s, Base64.getUrlEncoder().withoutPadding().encodeToString(b), name);
    if (length >= 0) {
      assertEquals(length, b.length, name + ": " + member + " length");
    }
  }
}
