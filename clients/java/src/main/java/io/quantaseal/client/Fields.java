package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed reading of one JSON object of an answer: a required member that is missing or of the wrong
 * type is a {@link MalformedException} naming it (never its value); unknown members are ignored.
 */
final class Fields {
  /** An answer that is not what docs/openapi.yaml describes. */
  static final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  private final JsonNode node;
  private final String where;

  private Fields(JsonNode node, String where) {
    this.node = node;
    this.where = where;
  }

  static Fields of(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new MalformedException(where + " is not a JSON object");
    }
    return new Fields(node, where);
  }

  private MalformedException bad(String member, String what) {
    return new MalformedException(where + ": '" + member + "' " + what);
  }

  JsonNode raw() {
    return node;
  }

  String string(String member) {
    JsonNode n = node.get(member);
    if (n == null || !n.isTextual()) {
      throw bad(member, "is missing or not a string");
    }
    return n.textValue();
  }

  Optional<String> optString(String member) {
    JsonNode n = node.get(member);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw bad(member, "is not a string");
    }
    return Optional.of(n.textValue());
  }

  int integer(String member) {
    JsonNode n = node.get(member);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
      throw bad(member, "is missing or not an integer");
    }
    return n.intValue();
  }

  long longInteger(String member) {
    JsonNode n = node.get(member);
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw bad(member, "is missing or not an integer");
    }
    return n.longValue();
  }

  boolean bool(String member) {
    JsonNode n = node.get(member);
    if (n == null || !n.isBoolean()) {
      throw bad(member, "is missing or not a boolean");
    }
    return n.booleanValue();
  }

  Instant instant(String member) {
    return parseInstant(member, string(member));
  }

  Optional<Instant> optInstant(String member) {
    return optString(member).map(s -> parseInstant(member, s));
  }

  private Instant parseInstant(String member, String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw bad(member, "is not an RFC 3339 date-time");
    }
  }

  /** Any JSON value, which must be present. */
  JsonNode value(String member) {
    JsonNode n = node.get(member);
    if (n == null) {
      throw bad(member, "is missing");
    }
    return n;
  }

  Fields object(String member) {
    JsonNode n = node.get(member);
    if (n == null || !n.isObject()) {
      throw bad(member, "is missing or not an object");
    }
    return new Fields(n, where + "." + member);
  }

  <E> E enumValue(String member, Function<String, E> fromWireName) {
    String s = string(member);
    try {
      return fromWireName.apply(s);
    } catch (IllegalArgumentException e) {
      throw bad(member, "is not a known value");
    }
  }

  List<Fields> objects(String member) {
    JsonNode n = node.get(member);
    if (n == null || !n.isArray()) {
      throw bad(member, "is missing or not an array");
    }
    List<Fields> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(Fields.of(n.get(i), where + "." + member + "[" + i + "]"));
    }
    return out;
  }

  <E> List<E> enums(String member, Function<String, E> fromWireName) {
    JsonNode n = node.get(member);
    if (n == null || !n.isArray()) {
      throw bad(member, "is missing or not an array");
    }
    List<E> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw bad(member, "holds a value that is not a string");
      }
      try {
        out.add(fromWireName.apply(e.textValue()));
      } catch (IllegalArgumentException x) {
        throw bad(member, "holds a value that is not known");
      }
    }
    return out;
  }

  Map<String, String> stringMap(String member) {
    Fields o = object(member);
    Map<String, String> out = new LinkedHashMap<>();
    o.node
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isTextual()) {
                throw bad(member, "holds a value that is not a string");
              }
              out.put(e.getKey(), e.getValue().textValue());
            });
    return out;
  }
}
