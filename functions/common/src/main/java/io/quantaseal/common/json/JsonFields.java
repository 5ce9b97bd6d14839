package io.quantaseal.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed fields from a request object, answering 400 {@code invalid_request} with the field's
 * name (never its value) for anything missing, mistyped or out of bounds.
 */
public final class JsonFields {
  private JsonFields() {}

  public static String requiredString(JsonNode obj, String field, int maxLength) {
    return optionalString(obj, field, maxLength)
        .orElseThrow(() -> new InvalidRequestException("Field '" + field + "' is required."));
  }

  public static Optional<String> optionalString(JsonNode obj, String field, int maxLength) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new InvalidRequestException("Field '" + field + "' must be a string.");
    }
    String s = n.textValue();
    if (s.isEmpty()) {
      throw new InvalidRequestException("Field '" + field + "' must not be empty.");
    }
    if (s.length() > maxLength) {
      throw new InvalidRequestException(
          "Field '" + field + "' must be at most " + maxLength + " characters.");
    }
    return Optional.of(s);
  }

  public static ObjectNode requiredObject(JsonNode obj, String field) {
    return optionalObject(obj, field)
        .orElseThrow(() -> new InvalidRequestException("Field '" + field + "' is required."));
  }

  public static Optional<ObjectNode> optionalObject(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isObject()) {
      throw new InvalidRequestException("Field '" + field + "' must be an object.");
    }
    return Optional.of((ObjectNode) n);
  }

  /** A list of distinct strings; null when the field is absent. */
  public static List<String> optionalStringList(
      JsonNode obj, String field, int maxItems, int maxLength) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw new InvalidRequestException("Field '" + field + "' must be an array of strings.");
    }
    if (n.size() > maxItems) {
      throw new InvalidRequestException(
          "Field '" + field + "' must have at most " + maxItems + " items.");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isTextual()
          || item.textValue().isEmpty()
          || item.textValue().length() > maxLength) {
        throw new InvalidRequestException(
            "Field '" + field + "' must be an array of non-empty strings.");
      }
      if (!out.contains(item.textValue())) {
        out.add(item.textValue());
      }
    }
    return out;
  }

  /** Rejects members other than {@code allowed}, so typos do not pass silently. */
  public static void allowOnly(JsonNode obj, String where, Set<String> allowed) {
    Iterator<String> names = obj.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidRequestException(
            "Unknown field '" + truncate(name) + "' in " + where + ".");
      }
    }
  }

  private static String truncate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
