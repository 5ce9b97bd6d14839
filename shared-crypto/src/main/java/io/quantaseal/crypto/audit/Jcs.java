package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object members sorted by their UTF-16 code units, no
 * whitespace, strings with the minimal escapes, numbers as ECMAScript prints an IEEE 754 double,
 * the result in UTF-8.
 *
 * <p>The canonical form itself is written by {@code io.github.erdtman:java-json-canonicalization}
 * (the Java implementation RFC 8785's authors list; docs/audit.md says why this one). This class
 * puts a strict front on it: input is parsed by Jackson with duplicate members, trailing content
 * and leading zeros rejected; strings (member names included) must be valid Unicode, since a lone
 * surrogate has no UTF-8 form and would otherwise be replaced silently; nesting is limited to
 * {@value #MAX_DEPTH} levels; NaN and infinities are refused. Doubles are handed over as their
 * exact decimal value, so the library's ECMAScript formatter sees exactly the double that was
 * parsed, whatever the JDK's {@code Double.toString} does.
 */
public final class Jcs {
  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper STRICT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectMapper WRITER = new ObjectMapper();

  private Jcs() {}

  /** JCS of the JSON text {@code json}. */
  public static byte[] canonicalize(String json) {
    return canonicalize(parse(json));
  }

  /** JCS of {@code value} (any JSON value; objects and arrays nest at most {@link #MAX_DEPTH}). */
  public static byte[] canonicalize(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      throw new AuditFormatException("no JSON value to canonicalize");
    }
    JsonNode exact = exact(value, 0);
    // The library takes an object or an array at the top: a scalar goes in as [x] and comes out
    // without the brackets.
    boolean scalar = !exact.isContainerNode();
    JsonNode input = scalar ? JsonNodeFactory.instance.arrayNode().add(exact) : exact;
    byte[] out;
    try {
      out = new JsonCanonicalizer(WRITER.writeValueAsString(input)).getEncodedUTF8();
    } catch (IOException e) {
      throw new AuditFormatException("JSON value cannot be canonicalized", e);
    }
    return scalar ? Arrays.copyOfRange(out, 1, out.length - 1) : out;
  }

  /** JCS of {@code value} as text (what {@link #canonicalize(JsonNode)} returns, decoded). */
  public static String canonicalString(JsonNode value) {
    return new String(canonicalize(value), StandardCharsets.UTF_8);
  }

  /**
   * Parses one JSON value strictly: duplicate members, content after the value, leading zeros and
   * nesting deeper than {@value #MAX_DEPTH} are errors.
   */
  public static JsonNode parse(String json) {
    if (json == null) {
      throw new AuditFormatException("no JSON text");
    }
    try {
      JsonNode node = STRICT.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new AuditFormatException("empty JSON text");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new AuditFormatException("malformed JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * A copy of {@code node} with every double replaced by its exact decimal value, after checking
   * depth, Unicode and finiteness.
   */
  private static JsonNode exact(JsonNode node, int depth) {
    if (node.isContainerNode() && depth >= MAX_DEPTH) {
      throw new AuditFormatException("JSON nests deeper than " + MAX_DEPTH + " levels");
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        requireUnicode(e.getKey());
        out.set(e.getKey(), exact(e.getValue(), depth + 1));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
      for (JsonNode element : node) {
        out.add(exact(element, depth + 1));
      }
      return out;
    }
    if (node.isTextual()) {
      requireUnicode(node.textValue());
      return node;
    }
    if (node.isFloatingPointNumber()) {
      double d = node.doubleValue();
      if (!Double.isFinite(d)) {
        throw new AuditFormatException("JSON numbers must be finite");
      }
      // BigDecimal(double) is the double's exact value: parsed back, it is the same double.
      return JsonNodeFactory.instance.numberNode(new BigDecimal(d));
    }
    if (node.isNumber() || node.isBoolean() || node.isNull()) {
      return node;
    }
    throw new AuditFormatException("not a JSON value: " + node.getNodeType());
  }

  /**
   * Rejects lone surrogates (RFC 8785 section 3.2.2.2: strings are sequences of Unicode code
   * points).
   */
  static void requireUnicode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new AuditFormatException("JSON string is not valid Unicode (lone surrogate)");
      }
      if (Character.isLowSurrogate(c)) {
        throw new AuditFormatException("JSON string is not valid Unicode (lone surrogate)");
      }
    }
  }
}
