package io.quantaseal.crypto.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.signature.MlDsa65;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON form of the envelope (docs/envelope.md#json-form and docs/envelope.md#verification step
 * 1).
 *
 * <p>Strict where the spec allows a choice: trailing content after the object, duplicate members,
 * padded or non-canonical base64url, ids that are empty, longer than {@value #MAX_ID_BYTES} UTF-8
 * bytes or not valid Unicode, and an {@code iat} that is not a non-negative integer written without
 * sign (so {@code -0} too) are all rejected. Unknown members are ignored.
 */
final class EnvelopeJson {
  static final int MAX_ID_BYTES = 256;
  static final int DEFAULT_MAX_CIPHERTEXT_LENGTH = 8 * 1024 * 1024;

  static final int KEM_LENGTH = MlKem768.CIPHERTEXT_LENGTH;
  static final int IV_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  static final int SIG_LENGTH = MlDsa65.SIGNATURE_LENGTH;
  static final int MAC_LENGTH = 64;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(32)
                          .maxNumberLength(32)
                          .maxStringLength(base64Length(DEFAULT_MAX_CIPHERTEXT_LENGTH) + 1)
                          .build())
                  .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // One JSON value and nothing after it: "{...envelope...} garbage" is not an envelope.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private EnvelopeJson() {}

  static String write(HybridCryptoEnvelope e) {
    StringWriter w = new StringWriter(base64Length(e.ct().length) + 6000);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeNumberField("v", EnvelopeFormat.VERSION);
      g.writeStringField("suite", e.suite().id());
      g.writeStringField("rid", e.rid());
      g.writeNumberField("iat", e.iat());
      g.writeStringField("rkid", e.rkid());
      g.writeStringField("skid", e.skid());
      g.writeStringField("hkid", e.hkid());
      g.writeStringField("kem", B64.encodeToString(e.kem()));
      g.writeStringField("iv", B64.encodeToString(e.iv()));
      g.writeStringField("ct", B64.encodeToString(e.ct()));
      g.writeStringField("sig", B64.encodeToString(e.sig()));
      g.writeStringField("mac", B64.encodeToString(e.mac()));
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }

  /** Parses or throws {@link InvalidEnvelopeException}; never any other exception. */
  static HybridCryptoEnvelope parse(String json, int maxCiphertextLength) {
    try {
      if (json == null || json.length() > base64Length(maxCiphertextLength) + 16_384) {
        throw new InvalidEnvelopeException();
      }
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        throw new InvalidEnvelopeException();
      }
      JsonNode v = root.get("v");
      if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != 1) {
        throw new InvalidEnvelopeException();
      }
      EnvelopeSuite suite =
          EnvelopeSuite.fromId(text(root, "suite", 128)).orElseThrow(InvalidEnvelopeException::new);
      JsonNode iatNode = root.get("iat");
      if (iatNode == null
          || !iatNode.isIntegralNumber()
          || !iatNode.canConvertToLong()
          || iatNode.longValue() < 0
          || (iatNode.longValue() == 0 && !"0".equals(topLevelNumberText(json, "iat")))) {
        throw new InvalidEnvelopeException();
      }
      return new HybridCryptoEnvelope(
          suite,
          id(root, "rid"),
          iatNode.longValue(),
          id(root, "rkid"),
          id(root, "skid"),
          id(root, "hkid"),
          binary(root, "kem", KEM_LENGTH, KEM_LENGTH),
          binary(root, "iv", IV_LENGTH, IV_LENGTH),
          binary(root, "ct", TAG_LENGTH, maxCiphertextLength),
          binary(root, "sig", SIG_LENGTH, SIG_LENGTH),
          binary(root, "mac", MAC_LENGTH, MAC_LENGTH));
    } catch (InvalidEnvelopeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidEnvelopeException();
    }
  }

  /**
   * The text of a top-level number member, as written. Only needed for zero: {@code -0} is the one
   * JSON integer whose value is a non-negative long but which is not written as
   * docs/envelope.md#encoding writes iat (no sign), and the tree keeps the value, not the text.
   */
  private static String topLevelNumberText(String json, String name) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals(name)) {
          return value != null && value.isNumeric() ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    }
  }

  private static String text(JsonNode root, String name, int maxChars) {
    JsonNode n = root.get(name);
    if (n == null || !n.isTextual() || n.textValue().length() > maxChars) {
      throw new InvalidEnvelopeException();
    }
    return n.textValue();
  }

  /** A non-empty id of at most MAX_ID_BYTES UTF-8 bytes that is well-formed Unicode. */
  private static String id(JsonNode root, String name) {
    String s = text(root, name, MAX_ID_BYTES);
    if (!validId(s)) {
      throw new InvalidEnvelopeException();
    }
    return s;
  }

  /** Whether {@code s} is an id both sides accept: 1 to 256 UTF-8 bytes of well-formed Unicode. */
  static boolean validId(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_ID_BYTES) {
      return false;
    }
    try {
      int bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s))
              .remaining();
      return bytes <= MAX_ID_BYTES;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Strict, canonical, unpadded base64url whose decoded length is within [min, max]. */
  private static byte[] binary(JsonNode root, String name, int min, int max) {
    String s = text(root, name, base64Length(max));
    if (s.length() < base64Length(min)) {
      throw new InvalidEnvelopeException();
    }
    // The URL decoder rejects every character outside the base64url alphabet (and whitespace);
    // the re-encoding check below rejects padding and non-canonical trailing bits.
    byte[] b = B64D.decode(s);
    if (b.length < min || b.length > max || !B64.encodeToString(b).equals(s)) {
      throw new InvalidEnvelopeException();
    }
    return b;
  }

  /** Length of the unpadded base64url encoding of n bytes. */
  static int base64Length(int n) {
    return (int) ((4L * n + 2) / 3);
  }
}
