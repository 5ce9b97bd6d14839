package io.quantaseal.crypto.envelope;

import static io.quantaseal.crypto.envelope.EnvelopeFixtures.B64;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.assertInvalid;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.json;
import static io.quantaseal.crypto.envelope.EnvelopeFixtures.tree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/envelope.md#verification step 1 and docs/envelope.md#strict-parsing: every malformed
 * envelope is refused with the one {@code InvalidEnvelopeException} ("invalid envelope", no cause),
 * both by {@link HybridCryptoEnvelope#parse} and by {@link EnvelopeOpener#open(String)}; unknown
 * members are ignored.
 */
class EnvelopeParseTest {
  static final List<String> MEMBERS =
      List.of("v", "suite", "rid", "iat", "rkid", "skid", "hkid", "kem", "iv", "ct", "sig", "mac");
  static final List<String> IDS = List.of("rid", "rkid", "skid", "hkid");
  static final List<String> BINARY = List.of("kem", "iv", "ct", "sig", "mac");
  static final Map<String, Integer> FIXED_LENGTHS =
      Map.of("kem", 1088, "iv", 12, "sig", 3309, "mac", 64);

  private static final byte[] PLAINTEXT =
      "{\"integration_id\":\"int_1\",\"operation\":\"send_event\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final HybridCryptoEnvelope ENVELOPE =
      EnvelopeFixtures.seal("req_parse", PLAINTEXT);
  private static final String VALID = ENVELOPE.toJson();

  private final EnvelopeOpener opener = EnvelopeFixtures.opener();

  /** Both entry points refuse {@code json} with the uniform error. */
  private void assertRejected(String json, String what) {
    assertInvalid(() -> HybridCryptoEnvelope.parse(json), "parse: " + what);
    assertInvalid(() -> opener.open(json), "open: " + what);
  }

  private void assertOpens(String json) {
    assertArrayEquals(PLAINTEXT, opener.open(json));
  }

  private static ObjectNode valid() {
    return tree(VALID);
  }

  private static String with(String member, JsonNode value) {
    ObjectNode t = valid();
    t.set(member, value);
    return json(t);
  }

  private static String with(String member, String value) {
    return with(member, JsonNodeFactory.instance.textNode(value));
  }

  private static String rawWith(String member, String rawJsonValue) {
    ObjectNode t = valid();
    t.remove(member);
    String rest = json(t);
    return "{\"" + member + "\":" + rawJsonValue + "," + rest.substring(1);
  }

  // ---- the happy path and what is deliberately tolerated ------------------------------------

  @Test
  void parse_acceptsValidEnvelope_andRoundTripsEveryMember() {
    HybridCryptoEnvelope p = HybridCryptoEnvelope.parse(VALID);
    assertEquals(VALID, p.toJson());
    assertEquals(ENVELOPE.rid(), p.rid());
    assertEquals(ENVELOPE.iat(), p.iat());
    assertArrayEquals(ENVELOPE.signedBytes(), p.signedBytes());
    assertOpens(VALID);
  }

  @Test
  void open_ignoresUnknownMembers() {
    ObjectNode t = valid();
    t.put("x", "y");
    t.put("V", 2);
    t.put("Suite", "not-a-suite");
    t.put("sig2", "!!not base64!!");
    t.putNull("nothing");
    t.putArray("list").add(1).add("two").addObject().put("three", 3);
    ObjectNode nested = t.putObject("extra");
    for (int i = 0; i < 20; i++) {
      nested = nested.putObject("deeper");
    }
    assertOpens(json(t));
  }

  @Test
  void open_acceptsMembersInAnyOrder() {
    ObjectNode t = valid();
    List<String> names = new ArrayList<>();
    t.fieldNames().forEachRemaining(names::add);
    for (long seed = 0; seed < 5; seed++) {
      Collections.shuffle(names, new Random(seed));
      ObjectNode shuffled = JsonNodeFactory.instance.objectNode();
      for (String n : names) {
        shuffled.set(n, t.get(n));
      }
      assertOpens(json(shuffled));
    }
  }

  @Test
  void open_acceptsInsignificantWhitespaceAndEscapes() throws Exception {
    String pretty =
        EnvelopeFixtures.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(valid());
    assertOpens("\n\t " + pretty + " \r\n");
    // The same rid written with a JSON escape is the same string.
    assertOpens(VALID.replace("\"rid\":\"req_parse\"", "\"rid\":\"\\u0072eq_parse\""));
  }

  // ---- v and suite ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2",
        "0",
        "-1",
        "\"1\"",
        "1.0",
        "1e0",
        "true",
        "null",
        "[1]",
        "{}",
        "4294967297",
        "01"
      })
  void open_rejectsVersion_otherThanIntegerOne(String v) {
    assertRejected(rawWith("v", v), "v = " + v);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "QS2-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512",
        "qs1-mlkem768-hkdfsha512-a256gcm-mldsa65-hs512",
        "QS1-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512 ",
        "QS1_MLKEM768_HKDFSHA512_A256GCM_MLDSA65_HS512",
        "QS1-MLKEM1024-HKDFSHA512-A256GCM-MLDSA87-HS512"
      })
  void open_rejectsUnknownSuite(String suite) {
    assertRejected(with("suite", suite), "suite = " + suite);
  }

  @Test
  void open_rejectsSuite_whenNotAString() {
    assertRejected(rawWith("suite", "1"), "suite as number");
    assertRejected(rawWith("suite", "[\"" + EnvelopeSuite.values()[0].id() + "\"]"), "array");
  }

  // ---- missing members, wrong types ----------------------------------------------------------

  static Stream<String> members() {
    return MEMBERS.stream();
  }

  @ParameterizedTest
  @MethodSource("members")
  void open_rejectsEnvelope_whenMemberMissing(String member) {
    ObjectNode t = valid();
    t.remove(member);
    assertRejected(json(t), "missing " + member);
  }

  @ParameterizedTest
  @MethodSource("members")
  void open_rejectsMember_whenNullOrOfWrongType(String member) {
    for (String raw : List.of("null", "true", "{}", "[]", "[\"a\"]")) {
      assertRejected(rawWith(member, raw), member + " = " + raw);
    }
    if (!member.equals("v") && !member.equals("iat")) {
      assertRejected(rawWith(member, "1"), member + " as a number");
    }
  }

  @Test
  void open_rejectsVersionMissing_evenWithEveryOtherMemberValid() {
    ObjectNode t = valid();
    t.remove("v");
    t.put("version", 1);
    assertRejected(json(t), "version instead of v");
  }

  // ---- iat -----------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-1",
        "-1764115200",
        "1764115200.0",
        "1.7641152E9",
        "1e9",
        "\"1764115200\"",
        "01764115200",
        "9223372036854775808",
        "18446744073709551616",
        "99999999999999999999999999999999999"
      })
  void open_rejectsIat_thatIsNotANonNegativeInteger(String iat) {
    assertRejected(rawWith("iat", iat), "iat = " + iat);
  }

  @Test
  void parse_rejectsIatNegativeZero_butAcceptsZero() {
    // -0 is a JSON integer of value 0, but docs/envelope.md#encoding writes iat with no sign.
    assertEquals(0, HybridCryptoEnvelope.parse(rawWith("iat", "0")).iat());
    assertRejected(rawWith("iat", "-0"), "iat = -0");
    // Only the top-level iat counts: an unknown member of -0, or a nested "iat", changes nothing.
    assertEquals(
        0, HybridCryptoEnvelope.parse(rawWith("iat", "0").replaceFirst("\\{", "{\"x\":-0,")).iat());
    assertEquals(
        0,
        HybridCryptoEnvelope.parse(rawWith("iat", "0").replaceFirst("\\{", "{\"o\":{\"iat\":-0},"))
            .iat());
  }

  // ---- ids -----------------------------------------------------------------------------------

  static Stream<String> ids() {
    return IDS.stream();
  }

  @ParameterizedTest
  @MethodSource("ids")
  void open_rejectsId_whenEmpty(String id) {
    assertRejected(with(id, ""), id + " empty");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void open_rejectsId_whenLongerThan256Utf8Bytes(String id) {
    assertRejected(with(id, "a".repeat(257)), id + " 257 ASCII");
    // 129 two-byte characters: 129 chars but 258 bytes.
    assertRejected(with(id, "é".repeat(129)), id + " 258 bytes in 129 chars");
    // 65 four-byte characters: 130 chars (surrogate pairs), 260 bytes.
    assertRejected(with(id, "🔐".repeat(65)), id + " 260 bytes in 65 code points");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void parse_acceptsId_ofExactly256Utf8Bytes(String id) {
    for (String s :
        List.of("a".repeat(256), "é".repeat(128), "🔐".repeat(64), "漢".repeat(85) + "x")) {
      assertEquals(256, s.getBytes(StandardCharsets.UTF_8).length);
      HybridCryptoEnvelope p = HybridCryptoEnvelope.parse(with(id, s));
      assertEquals(
          s,
          id.equals("rid")
              ? p.rid()
              : id.equals("rkid") ? p.rkid() : id.equals("skid") ? p.skid() : p.hkid());
      // Parsed, but the id is part of H: the signature and the MAC no longer match.
      assertInvalid(() -> opener.open(p), id + " changed to 256 bytes");
    }
  }

  @ParameterizedTest
  @MethodSource("ids")
  void open_rejectsId_whenNotWellFormedUnicode(String id) {
    for (String raw :
        List.of("\"\\ud800\"", "\"a\\udc00b\"", "\"\\udc00\\ud800\"", "\"x\\ud83d\"")) {
      assertRejected(rawWith(id, raw), id + " = " + raw);
    }
  }

  // ---- binary members: lengths ---------------------------------------------------------------

  static Stream<Arguments> fixedLengthMembers() {
    return FIXED_LENGTHS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest
  @MethodSource("fixedLengthMembers")
  void open_rejectsBinaryMember_whenOversizeOrTruncated(String member, int length) {
    byte[] right = EnvelopeFixtures.binary(ENVELOPE, member);
    assertEquals(length, right.length);
    for (int n : new int[] {0, 1, length - 1, length + 1, length + 3, 2 * length}) {
      byte[] b = java.util.Arrays.copyOf(right, n);
      assertRejected(with(member, B64.encodeToString(b)), member + " of " + n + " bytes");
    }
  }

  @Test
  void open_rejectsCt_shorterThanTheTag() {
    byte[] ct = ENVELOPE.ct();
    for (int n = 0; n < 16; n++) {
      byte[] b = java.util.Arrays.copyOfRange(ct, ct.length - n, ct.length);
      assertRejected(with("ct", B64.encodeToString(b)), "ct of " + n + " bytes");
    }
  }

  @Test
  void open_rejectsCt_truncatedOrExtended_afterParsingIt() {
    byte[] ct = ENVELOPE.ct();
    for (int n : new int[] {16, ct.length - 1, ct.length + 1, ct.length + 16}) {
      String json = with("ct", B64.encodeToString(java.util.Arrays.copyOf(ct, n)));
      // Well formed (ct >= 16 bytes), so it parses; S changed, so authentication fails.
      assertEquals(n, HybridCryptoEnvelope.parse(json).ct().length);
      assertInvalid(() -> opener.open(json), "ct of " + n + " bytes");
    }
  }

  // ---- binary members: base64url strictness --------------------------------------------------

  static Stream<String> binaryMembers() {
    return BINARY.stream();
  }

  @ParameterizedTest
  @MethodSource("binaryMembers")
  void open_rejectsBase64url_withPadding(String member) {
    byte[] b = EnvelopeFixtures.binary(ENVELOPE, member);
    String padded = java.util.Base64.getUrlEncoder().encodeToString(b);
    String unpadded = B64.encodeToString(b);
    assertRejected(with(member, unpadded + "="), member + " + '='");
    assertRejected(with(member, unpadded + "=="), member + " + '=='");
    if (!padded.equals(unpadded)) {
      assertRejected(with(member, padded), member + " with its standard padding");
    }
  }

  @ParameterizedTest
  @MethodSource("binaryMembers")
  void open_rejectsBase64url_withIllegalCharacters(String member) {
    String s = B64.encodeToString(EnvelopeFixtures.binary(ENVELOPE, member));
    for (String bad : List.of("+", "/", "=", " ", "\n", "\t", ".", "!", "é", "\u0000", "\\", "%")) {
      for (int at : new int[] {0, s.length() / 2, s.length() - 1}) {
        String replaced = s.substring(0, at) + bad + s.substring(at + 1);
        assertRejected(with(member, replaced), member + ": '" + bad + "' at " + at);
      }
      assertRejected(with(member, s + bad), member + ": '" + bad + "' appended");
    }
  }

  @ParameterizedTest
  @MethodSource("binaryMembers")
  void open_rejectsBase64url_inStandardAlphabet(String member) {
    String s = B64.encodeToString(EnvelopeFixtures.binary(ENVELOPE, member));
    String standard = s.replace('-', '+').replace('_', '/');
    if (!standard.equals(s)) {
      assertRejected(with(member, standard), member + " in the standard alphabet");
    }
  }

  @ParameterizedTest
  @MethodSource("binaryMembers")
  void open_rejectsBase64url_withImpossibleLength(String member) {
    String s = B64.encodeToString(EnvelopeFixtures.binary(ENVELOPE, member));
    // A length of 4k + 1 characters encodes no whole number of bytes.
    String bad = s.length() % 4 == 0 ? s + "A" : s.substring(0, s.length() - s.length() % 4 + 1);
    assertEquals(1, bad.length() % 4);
    assertRejected(with(member, bad), member + " of " + bad.length() + " characters");
  }

  @Test
  void open_rejectsBase64url_withNonCanonicalTrailingBits() {
    int tested = 0;
    for (String member : BINARY) {
      byte[] b = EnvelopeFixtures.binary(ENVELOPE, member);
      String s = B64.encodeToString(b);
      int unusedBits = (s.length() * 6) - b.length * 8;
      if (unusedBits == 0) {
        continue; // iv (12 bytes) and sig (3309 bytes) have no spare bits.
      }
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      int last = alphabet.indexOf(s.charAt(s.length() - 1));
      for (int bit = 0; bit < unusedBits; bit++) {
        String bad = s.substring(0, s.length() - 1) + alphabet.charAt(last | (1 << bit));
        // The JDK's decoder ignores the spare bits: same bytes, different text.
        assertArrayEquals(b, EnvelopeFixtures.B64D.decode(bad));
        assertRejected(with(member, bad), member + " spare bit " + bit + " set");
        tested++;
      }
    }
    assertTrue(tested >= 6, "kem (2 spare bits) and mac (4 spare bits) at least");
  }

  // ---- duplicates ----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("members")
  void open_rejectsDuplicateMember(String member) {
    String value = valid().get(member).toString();
    String same = "{\"" + member + "\":" + value + "," + VALID.substring(1);
    assertRejected(same, member + " twice with the same value");
    String atEnd = VALID.substring(0, VALID.length() - 1) + ",\"" + member + "\":" + value + "}";
    assertRejected(atEnd, member + " twice, second at the end");
  }

  @Test
  void open_rejectsDuplicateUnknownMember_anywhere() {
    assertRejected("{\"x\":1,\"x\":1," + VALID.substring(1), "unknown member twice");
    assertRejected(
        "{\"x\":{\"y\":1,\"y\":2}," + VALID.substring(1), "duplicate inside an unknown member");
  }

  // ---- not an envelope at all ----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "\n",
        "not json",
        "{",
        "}",
        "{]",
        "{}",
        "null",
        "true",
        "1",
        "\"a string\"",
        "[]",
        "[{}]",
        "{\"v\":1",
        "{'v':1}",
        "{v:1}",
        "\u0000",
        "\uFEFF{}"
      })
  void open_rejectsInput_thatIsNotAnEnvelopeObject(String input) {
    assertRejected(input, "input " + input);
  }

  @Test
  void open_rejectsNull() {
    assertInvalid(() -> HybridCryptoEnvelope.parse(null), "parse(null)");
    assertInvalid(() -> opener.open((String) null), "open((String) null)");
    assertInvalid(() -> opener.open((HybridCryptoEnvelope) null), "open((Envelope) null)");
  }

  @Test
  void open_rejectsValidEnvelope_wrappedInAnArray() {
    assertRejected("[" + VALID + "]", "envelope in an array");
    assertRejected("{\"envelope\":" + VALID + "}", "envelope in an object");
  }

  @Test
  void open_rejectsTruncatedJson() {
    for (int n : new int[] {1, 10, VALID.length() / 2, VALID.length() - 2, VALID.length() - 1}) {
      assertRejected(VALID.substring(0, n), "first " + n + " characters");
    }
  }

  @Test
  void open_rejectsTrailingContent() {
    for (String tail : List.of("x", "{}", VALID, "]", "}", ",", "null", "0")) {
      assertRejected(VALID + tail, "trailing " + tail);
      assertRejected(VALID + " " + tail, "trailing ' " + tail + "'");
    }
  }

  @Test
  void open_rejectsDeeplyNestedInput_quickly() {
    for (String open : List.of("[", "{\"a\":")) {
      int depth = 100_000;
      String nested = open.repeat(depth);
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            assertRejected(nested, "nested " + open);
            assertRejected("{\"x\":" + nested + "," + VALID.substring(1), "nested unknown member");
          });
    }
    // Just above the parser's depth limit (32) inside an unknown member.
    String deep = "{\"d\":".repeat(40) + "1" + "}".repeat(40);
    assertRejected("{\"x\":" + deep + "," + VALID.substring(1), "40 levels");
  }

  @Test
  void open_rejectsHugeInput_quickly() {
    int limit = EnvelopeJson.base64Length(EnvelopeJson.DEFAULT_MAX_CIPHERTEXT_LENGTH) + 16_384;
    String huge = " ".repeat(limit + 1 - VALID.length()) + VALID;
    assertEquals(limit + 1, huge.length());
    String hugeString = "{\"x\":\"" + "a".repeat(20 * 1024 * 1024) + "\"}";
    String hugeNumber = "{\"iat\":" + "1".repeat(100_000) + "}";
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertRejected(huge, "whitespace-padded valid envelope one character over the limit");
          assertRejected(hugeString, "20 MiB string");
          assertRejected(hugeNumber, "100000-digit number");
        });
  }

  @Test
  void open_acceptsEnvelope_justUnderTheInputLimit() {
    int limit = EnvelopeJson.base64Length(EnvelopeJson.DEFAULT_MAX_CIPHERTEXT_LENGTH) + 16_384;
    String padded = " ".repeat(limit - VALID.length()) + VALID;
    assertEquals(limit, padded.length());
    assertOpens(padded);
  }

  @Test
  void unknownMembers_areNeverActedOn() {
    // A second "envelope" hidden in an unknown member changes nothing.
    HybridCryptoEnvelope other = EnvelopeFixtures.seal("req_other", new byte[] {1, 2, 3});
    ObjectNode t = valid();
    t.set("inner", tree(other.toJson()));
    assertOpens(json(t));
  }
}
