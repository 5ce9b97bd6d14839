package io.quantaseal.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.InvalidRequestException;

/**
 * The service's one JSON configuration: strict parsing (duplicate members, trailing tokens and deep
 * nesting are errors) and compact output.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(64)
                          .maxNumberLength(64)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /** Parses a request body that must be one JSON object. */
  public static ObjectNode parseObject(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidRequestException("The request body must be a JSON object.");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException("The request body is not valid JSON.");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequestException("The request body must be a JSON object.");
    }
    if (!wellFormedStrings(node)) {
      throw new InvalidRequestException(
          "The request body holds a string that is not valid Unicode (an unpaired surrogate"
              + " escape such as \\udcff); nothing was stored.");
    }
    return (ObjectNode) node;
  }

  /**
   * Whether every member name and string value is well-formed Unicode: a {@code \uD800}-style
   * escape without its other half has no UTF-8 form, so it could not be stored as sent.
   */
  private static boolean wellFormedStrings(JsonNode node) {
    if (node.isTextual()) {
      return wellFormed(node.textValue());
    }
    if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var f = fields.next();
        if (!wellFormed(f.getKey()) || !wellFormedStrings(f.getValue())) {
          return false;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode n : node) {
        if (!wellFormedStrings(n)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether {@code s} is well-formed UTF-16: every surrogate is half of a pair. */
  public static boolean wellFormed(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Parses trusted JSON (our own stored documents, upstream answers); null if it is not JSON. */
  public static JsonNode parseLenient(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
