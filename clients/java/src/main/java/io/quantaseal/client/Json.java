package io.quantaseal.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;

/**
 * The client's JSON: one strict mapper (no duplicate members, no trailing content, bounded depth)
 * for what the service answers and what a key file holds, and unpadded base64url.
 */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(200).build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** The JSON text, or null when it is not one JSON value. */
  static JsonNode parseOrNull(byte[] text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The JSON text, or null when it is not one JSON value. */
  static JsonNode parseOrNull(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree that does not serialize", e);
    }
  }

  static String b64url(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Unpadded, canonical base64url, or null. */
  static byte[] unb64url(String s) {
    if (s == null || s.length() % 4 == 1) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return null;
      }
    }
    byte[] b;
    try {
      b = B64D.decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return B64.encodeToString(b).equals(s) ? b : null;
  }
}
