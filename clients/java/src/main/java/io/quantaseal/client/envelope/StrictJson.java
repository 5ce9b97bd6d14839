package io.quantaseal.client.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quantaseal.client.QuantaSealClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Strict reading of the key documents the API returns: one JSON object, no duplicate members, no
 * trailing content, bounded size and depth; binary members in unpadded, canonical base64url (the
 * convention of docs/envelope.md#encoding).
 */
final class StrictJson {
  static final int MAX_DOCUMENT_CHARS = 1 << 20;
  static final int MAX_ID_BYTES = 256;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(16)
                          .maxNumberLength(32)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private StrictJson() {}

  /**
   * The JSON object in {@code json}, or a {@link QuantaSealClientException} naming {@code what}.
   */
  static JsonNode object(String json, String what) {
    if (json == null || json.length() > MAX_DOCUMENT_CHARS) {
      throw new QuantaSealClientException(what + " is missing or too large");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException | RuntimeException e) {
      throw new QuantaSealClientException(what + " is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new QuantaSealClientException(what + " is not a JSON object");
    }
    return root;
  }

  static String string(JsonNode o, String member, String what) {
    JsonNode n = o.get(member);
    if (n == null || !n.isTextual()) {
      throw new QuantaSealClientException(what + ": '" + member + "' must be a string");
    }
    return n.textValue();
  }

  /** A key id: 1 to 256 UTF-8 bytes. */
  static String id(JsonNode o, String member, String what) {
    return checkId(string(o, member, what), what + ": '" + member + "'");
  }

  static String checkId(String id, String what) {
    if (id == null || id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw new QuantaSealClientException(what + " must be an id of 1 to 256 UTF-8 bytes");
    }
    return id;
  }

  /** Unpadded, canonical base64url of exactly {@code length} bytes. */
  static byte[] base64url(String s, int length, String what) {
    byte[] b = null;
    if (s.length() == (4L * length + 2) / 3 && s.chars().allMatch(StrictJson::isBase64UrlChar)) {
      try {
        b = B64D.decode(s);
      } catch (IllegalArgumentException e) {
        b = null;
      }
    }
    if (b == null || b.length != length || !B64.encodeToString(b).equals(s)) {
      throw new QuantaSealClientException(
          what + " must be " + length + " bytes of unpadded base64url");
    }
    return b;
  }

  private static boolean isBase64UrlChar(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }
}
