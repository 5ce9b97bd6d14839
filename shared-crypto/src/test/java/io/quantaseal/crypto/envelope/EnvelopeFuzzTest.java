package io.quantaseal.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.InvalidEnvelopeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the envelope parser and opener: whatever the input, {@link HybridCryptoEnvelope#parse} and
 * {@link EnvelopeOpener#open} either succeed or throw the one {@link InvalidEnvelopeException}
 * ("invalid envelope", no cause); nothing else may escape. Beyond that, anything the opener accepts
 * must be the one authentic envelope the test sealed (same S, sig, mac and plaintext: a mutation
 * may only touch whitespace, escapes, member order or unknown members), and anything the parser
 * accepts must survive {@code parse(toJson())} unchanged.
 *
 * <p>In a normal {@code mvn test} this runs in Jazzer's regression mode: every seed below (and any
 * file under {@code src/test/resources/.../EnvelopeFuzzTestInputs/}) once. With {@code
 * JAZZER_FUZZ=1} it fuzzes for {@code jazzer.max_duration} (the parent pom passes 20s; override
 * with {@code -Djazzer.max_duration=10m}); see docs/envelope.md.
 *
 * <p>The first input byte selects how the rest is used, so that the fuzzer reaches every layer: raw
 * text in three decodings, edits of a valid envelope's text, a member replaced by fuzzed JSON, bit
 * flips in decoded binary members (past the parser, into the checks), text spliced into a valid
 * envelope, and the object API.
 */
// Last: Jazzer's agent, installed by the first fuzz test, stays for the rest of the JVM.
@Order(Integer.MAX_VALUE)
class EnvelopeFuzzTest {
  private static final byte[] PLAINTEXT =
      "{\"integration_id\":\"int_fuzz\",\"operation\":\"send_log\",\"upstream\":{\"status\":202}}"
          .getBytes(StandardCharsets.UTF_8);
  private static final HybridCryptoEnvelope ENVELOPE = EnvelopeFixtures.seal("req_fuzz", PLAINTEXT);
  private static final String VALID = ENVELOPE.toJson();
  private static final byte[] VALID_SIGNED = ENVELOPE.signedBytes();
  private static final EnvelopeOpener OPENER = EnvelopeFixtures.opener();
  private static final List<String> MEMBERS = EnvelopeParseTest.MEMBERS;
  private static final List<String> BINARY = EnvelopeParseTest.BINARY;

  static final int RAW_UTF8 = 0;
  static final int RAW_LATIN1 = 1;
  static final int RAW_UTF16 = 2;
  static final int EDIT_VALID = 3;
  static final int REPLACE_MEMBER = 4;
  static final int FLIP_BINARY = 5;
  static final int SPLICE = 6;
  static final int OBJECT_API = 7;

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "20s")
  void parseAndOpen_throwOnlyInvalidEnvelope(byte[] input) {
    if (input.length == 0) {
      check("");
      return;
    }
    int mode = input[0] & 7;
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    switch (mode) {
      case RAW_UTF8:
        check(new String(rest, StandardCharsets.UTF_8));
        break;
      case RAW_LATIN1:
        check(new String(rest, StandardCharsets.ISO_8859_1));
        break;
      case RAW_UTF16:
        // Any char sequence, lone surrogates included.
        check(new String(rest, StandardCharsets.UTF_16BE));
        break;
      case EDIT_VALID:
        check(edit(VALID, rest));
        break;
      case REPLACE_MEMBER:
        check(replaceMember(rest));
        break;
      case FLIP_BINARY:
        flipBinary(rest);
        break;
      case SPLICE:
        {
          int at = rest.length >= 2 ? (((rest[0] & 0xff) << 8) | (rest[1] & 0xff)) : 0;
          at %= VALID.length() + 1;
          String text =
              new String(
                  rest,
                  Math.min(2, rest.length),
                  Math.max(0, rest.length - 2),
                  StandardCharsets.UTF_8);
          check(VALID.substring(0, at) + text + VALID.substring(at));
          break;
        }
      default:
        checkObjectApi(new String(rest, StandardCharsets.UTF_8));
    }
  }

  /** parse and open must each either succeed (with the checks of the class comment) or reject. */
  private static void check(String json) {
    HybridCryptoEnvelope parsed = null;
    try {
      parsed = HybridCryptoEnvelope.parse(json);
    } catch (InvalidEnvelopeException e) {
      assertUniform(e);
    }
    if (parsed != null) {
      String again = parsed.toJson();
      assertEquals(again, HybridCryptoEnvelope.parse(again).toJson());
      assertArrayEquals(parsed.signedBytes(), HybridCryptoEnvelope.parse(again).signedBytes());
    }
    try {
      byte[] plaintext = OPENER.open(json);
      // Only the authentic envelope opens; parse must have accepted it too.
      assertArrayEquals(PLAINTEXT, plaintext);
      assertAuthentic(parsed);
    } catch (InvalidEnvelopeException e) {
      assertUniform(e);
    }
  }

  private static void checkObjectApi(String json) {
    HybridCryptoEnvelope parsed;
    try {
      parsed = HybridCryptoEnvelope.parse(json);
    } catch (InvalidEnvelopeException e) {
      assertUniform(e);
      return;
    }
    try {
      assertArrayEquals(PLAINTEXT, OPENER.open(parsed));
      assertAuthentic(parsed);
    } catch (InvalidEnvelopeException e) {
      assertUniform(e);
    }
  }

  private static void assertAuthentic(HybridCryptoEnvelope e) {
    if (e == null) {
      throw new AssertionError("open accepted what parse rejected");
    }
    assertArrayEquals(VALID_SIGNED, e.signedBytes());
    assertArrayEquals(ENVELOPE.sig(), e.sig());
    assertArrayEquals(ENVELOPE.mac(), e.mac());
  }

  private static void assertUniform(InvalidEnvelopeException e) {
    assertEquals(InvalidEnvelopeException.MESSAGE, e.getMessage());
    assertNull(e.getCause());
  }

  /** Applies 4-byte edits [op, position (2 bytes), value] to {@code text}. */
  static String edit(String text, byte[] ops) {
    StringBuilder b = new StringBuilder(text);
    for (int i = 0; i + 3 < ops.length; i += 4) {
      int op = ops[i] & 3;
      int pos = ((ops[i + 1] & 0xff) << 8) | (ops[i + 2] & 0xff);
      char value = (char) (ops[i + 3] & 0xff);
      if (b.length() == 0) {
        b.append(value);
        continue;
      }
      pos %= b.length();
      switch (op) {
        case 0:
          b.setCharAt(pos, value);
          break;
        case 1:
          b.insert(pos, value);
          break;
        case 2:
          b.deleteCharAt(pos);
          break;
        default:
          b.setCharAt(pos, (char) (b.charAt(pos) ^ (1 << (value & 15))));
      }
    }
    return b.toString();
  }

  /**
   * rest[0] picks a member (or an unknown one); bit 7 of rest[0] says whether the remainder is raw
   * JSON text spliced in as the value or a JSON string value.
   */
  static String replaceMember(byte[] rest) {
    if (rest.length == 0) {
      return VALID;
    }
    int pick = (rest[0] & 0x7f) % (MEMBERS.size() + 1);
    String member = pick < MEMBERS.size() ? MEMBERS.get(pick) : "unknown";
    String value = new String(rest, 1, rest.length - 1, StandardCharsets.UTF_8);
    ObjectNode t = EnvelopeFixtures.tree(VALID);
    if ((rest[0] & 0x80) == 0) {
      t.set(member, JsonNodeFactory.instance.textNode(value));
      return EnvelopeFixtures.json(t);
    }
    t.remove(member);
    return "{\"" + member + "\":" + value + "," + EnvelopeFixtures.json(t).substring(1);
  }

  /** rest[0] picks a binary member; each following 2 bytes name a bit of it to flip. */
  private static void flipBinary(byte[] rest) {
    if (rest.length == 0) {
      return;
    }
    String member = BINARY.get((rest[0] & 0xff) % BINARY.size());
    byte[] value = EnvelopeFixtures.binary(ENVELOPE, member);
    boolean changed = false;
    for (int i = 1; i + 1 < rest.length; i += 2) {
      int bit = (((rest[i] & 0xff) << 8) | (rest[i + 1] & 0xff)) % (value.length * 8);
      value[bit >>> 3] ^= (byte) (1 << (bit & 7));
      changed = true;
    }
    HybridCryptoEnvelope e = EnvelopeFixtures.withBinary(ENVELOPE, member, value);
    try {
      byte[] plaintext = OPENER.open(e);
      // Flips that cancel out leave the envelope as it was.
      assertArrayEquals(PLAINTEXT, plaintext);
      assertArrayEquals(EnvelopeFixtures.binary(ENVELOPE, member), value);
    } catch (InvalidEnvelopeException ex) {
      assertUniform(ex);
      if (!changed) {
        throw new AssertionError("unchanged envelope rejected");
      }
    }
    check(e.toJson());
  }

  // ---- seeds: run once each in regression mode, the starting corpus when fuzzing ------------

  static Stream<Arguments> seeds() {
    List<byte[]> s = new ArrayList<>();
    s.add(withMode(RAW_UTF8, VALID));
    s.add(withMode(RAW_LATIN1, VALID));
    s.add(withMode(OBJECT_API, VALID));
    s.add(
        withMode(
            RAW_UTF16,
            new String(VALID.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1)));
    for (String text :
        List.of(
            "",
            "{}",
            "[]",
            "null",
            "{\"v\":1}",
            "[" + VALID + "]",
            VALID + "x",
            "{\"a\":".repeat(64),
            "[".repeat(10_000),
            VALID.substring(0, VALID.length() / 2))) {
      s.add(withMode(RAW_UTF8, text));
    }
    for (String m : MEMBERS) {
      ObjectNode t = EnvelopeFixtures.tree(VALID);
      t.remove(m);
      s.add(withMode(RAW_UTF8, EnvelopeFixtures.json(t)));
    }
    for (int i = 0; i <= MEMBERS.size(); i++) {
      s.add(concat(new byte[] {REPLACE_MEMBER, (byte) i}, "x".getBytes(StandardCharsets.UTF_8)));
      s.add(concat(new byte[] {REPLACE_MEMBER, (byte) (0x80 | i)}, bytes("null")));
    }
    s.add(concat(new byte[] {REPLACE_MEMBER, (byte) 0x80}, bytes("2")));
    // ct strings that pass the alphabet and length bounds but not the decoder or canonical form.
    int ct = MEMBERS.indexOf("ct");
    for (String bad :
        List.of("A".repeat(25), "A".repeat(23), "AAAAAAAAAAAAAAAAAAAAAB", "AAAA====")) {
      s.add(concat(new byte[] {REPLACE_MEMBER, (byte) ct}, bytes(bad)));
    }
    s.add(concat(new byte[] {REPLACE_MEMBER, (byte) (0x80 | 3)}, bytes("-1")));
    for (int i = 0; i < BINARY.size(); i++) {
      s.add(new byte[] {FLIP_BINARY, (byte) i, 0, 0});
      s.add(new byte[] {FLIP_BINARY, (byte) i, 0, 5, 0, 5});
      s.add(new byte[] {FLIP_BINARY, (byte) i});
    }
    s.add(new byte[] {EDIT_VALID, 0, 0, 10, ' '});
    s.add(new byte[] {EDIT_VALID, 1, 0, 1, ' '});
    s.add(new byte[] {EDIT_VALID, 2, 0, 0, 0});
    s.add(new byte[] {EDIT_VALID, 3, 0, 100, 1});
    s.add(concat(new byte[] {SPLICE, 0, 1}, bytes("\"x\":{\"y\":[1,2,3]},")));
    s.add(concat(new byte[] {SPLICE, 0, 1}, bytes("\"v\":1,")));
    s.add(concat(new byte[] {SPLICE, 0, 0}, bytes(" \n\t")));
    return s.stream().map(b -> Arguments.of((Object) b));
  }

  private static byte[] withMode(int mode, String text) {
    return concat(new byte[] {(byte) mode}, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }
}
