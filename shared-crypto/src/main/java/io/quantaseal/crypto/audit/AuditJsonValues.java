package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Checks shared by records and checkpoint bodies: members, types and the safe-integer rule. */
final class AuditJsonValues {
  /** 2^53 - 1: the largest integer every SDK's JSON parser holds exactly. */
  static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

  private AuditJsonValues() {}

  static JsonNode member(JsonNode object, String name) {
    JsonNode v = object.get(name);
    if (v == null) {
      throw new AuditFormatException(name + " is missing");
    }
    return v;
  }

  static String string(JsonNode object, String name) {
    JsonNode v = member(object, name);
    if (!v.isTextual()) {
      throw new AuditFormatException(name + " must be a string");
    }
    return v.textValue();
  }

  static String nonEmptyString(JsonNode object, String name) {
    String s = string(object, name);
    if (s.isEmpty()) {
      throw new AuditFormatException(name + " must not be empty");
    }
    return s;
  }

  /** An integer in [0, 2^53 - 1] written as a JSON integer (no fraction, no exponent). */
  static long count(JsonNode object, String name) {
    JsonNode v = member(object, name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new AuditFormatException(name + " must be an integer");
    }
    long n = v.longValue();
    if (n < 0 || n > MAX_SAFE_INTEGER) {
      throw new AuditFormatException(name + " must lie in [0, 2^53 - 1]");
    }
    return n;
  }

  /**
   * Every number in {@code node} is an integer of magnitude at most 2^53 - 1: JCS prints numbers as
   * IEEE 754 doubles, so a fraction or a larger integer would be read and re-printed differently by
   * different JSON libraries, and a leaf hash would no longer be reproducible (docs/audit.md).
   */
  static void requireSafeIntegers(JsonNode node, String where) {
    if (node.isNumber()) {
      if (!node.isIntegralNumber()
          || !node.canConvertToLong()
          || node.longValue() > MAX_SAFE_INTEGER
          || node.longValue() < -MAX_SAFE_INTEGER) {
        throw new AuditFormatException(
            where + " holds a number that is not an integer in [-(2^53 - 1), 2^53 - 1]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        requireSafeIntegers(e.getValue(), where);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        requireSafeIntegers(element, where);
      }
    }
  }
}
