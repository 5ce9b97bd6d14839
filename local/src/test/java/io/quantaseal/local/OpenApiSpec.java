package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * docs/openapi.yaml for the tests: operations by method and path, the documented response for a
 * status, and a validator for the JSON Schema subset the document uses ({@code $ref}, type,
 * required, properties, additionalProperties, items, enum, const, pattern, lengths, minimum, oneOf,
 * allOf, not). Schemathesis does the generative checking; this is the deterministic one.
 */
final class OpenApiSpec {
  private final JsonNode root;

  private OpenApiSpec(JsonNode root) {
    this.root = root;
  }

  static OpenApiSpec read(Path file) {
    return new OpenApiSpec(SamTemplate.parse(file));
  }

  JsonNode root() {
    return root;
  }

  /** "METHOD /path/{template}" of every operation. */
  List<String> operations() {
    List<String> out = new ArrayList<>();
    root.path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m -> {
                          if (List.of("get", "post", "put", "patch", "delete").contains(m)) {
                            out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                          }
                        }));
    return out;
  }

  /** The documented response of {@code method path} for {@code status} (exact, then NXX). */
  Optional<JsonNode> response(String method, String pathTemplate, int status) {
    JsonNode responses =
        root.path("paths")
            .path(pathTemplate)
            .path(method.toLowerCase(Locale.ROOT))
            .path("responses");
    JsonNode r = responses.path(String.valueOf(status));
    if (r.isMissingNode()) {
      r = responses.path((status / 100) + "XX");
    }
    if (r.isMissingNode()) {
      r = responses.path("default");
    }
    return r.isMissingNode() ? Optional.empty() : Optional.of(resolve(r));
  }

  JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    while (n.has("$ref")) {
      String ref = n.path("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local refs: " + ref);
      }
      JsonNode target = root;
      for (String part : ref.substring(2).split("/")) {
        target = target.path(part.replace("~1", "/").replace("~0", "~"));
      }
      if (target.isMissingNode()) {
        throw new IllegalArgumentException("dangling $ref " + ref);
      }
      n = target;
    }
    return n;
  }

  /** Problems of {@code value} against {@code schema} (empty: valid). */
  List<String> validate(JsonNode schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    validate(schema, value, "$", problems);
    return problems;
  }

  private void validate(JsonNode schemaNode, JsonNode v, String at, List<String> problems) {
    JsonNode s = resolve(schemaNode);
    if (s.has("type") && !typeMatches(s.path("type"), v)) {
      problems.add(at + ": expected " + s.path("type") + ", got " + v.getNodeType());
      return;
    }
    if (s.has("const") && !s.path("const").equals(v)) {
      problems.add(at + ": expected " + s.path("const") + ", got " + v);
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.path("enum")) {
        found |= e.equals(v);
      }
      if (!found) {
        problems.add(at + ": " + v + " not in " + s.path("enum"));
      }
    }
    if (v.isTextual()) {
      String text = v.asText();
      if (s.has("pattern") && !Pattern.compile(s.path("pattern").asText()).matcher(text).find()) {
        problems.add(
            at + ": \"" + abbreviate(text) + "\" does not match " + s.path("pattern").asText());
      }
      if (s.has("minLength")
          && text.codePointCount(0, text.length()) < s.path("minLength").asInt()) {
        problems.add(at + ": shorter than " + s.path("minLength"));
      }
      if (s.has("maxLength")
          && text.codePointCount(0, text.length()) > s.path("maxLength").asInt()) {
        problems.add(at + ": longer than " + s.path("maxLength"));
      }
      if ("date-time".equals(s.path("format").asText())) {
        try {
          java.time.OffsetDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
          problems.add(at + ": not a date-time: " + text);
        }
      }
    }
    if (v.isNumber() && s.has("minimum") && v.asDouble() < s.path("minimum").asDouble()) {
      problems.add(at + ": below " + s.path("minimum"));
    }
    if (v.isObject()) {
      for (JsonNode r : s.path("required")) {
        if (!v.has(r.asText())) {
          problems.add(at + ": missing " + r.asText());
        }
      }
      JsonNode props = s.path("properties");
      Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (props.has(f.getKey())) {
          validate(props.path(f.getKey()), f.getValue(), at + "." + f.getKey(), problems);
        } else if (s.has("additionalProperties")) {
          JsonNode ap = s.path("additionalProperties");
          if (ap.isBoolean() && !ap.asBoolean()) {
            problems.add(at + ": unexpected member " + f.getKey());
          } else if (ap.isObject()) {
            validate(ap, f.getValue(), at + "." + f.getKey(), problems);
          }
        }
      }
    }
    if (v.isArray()) {
      if (s.has("minItems") && v.size() < s.path("minItems").asInt()) {
        problems.add(at + ": fewer than " + s.path("minItems") + " items");
      }
      if (s.has("maxItems") && v.size() > s.path("maxItems").asInt()) {
        problems.add(at + ": more than " + s.path("maxItems") + " items");
      }
      if (s.has("items")) {
        for (int i = 0; i < v.size(); i++) {
          validate(s.path("items"), v.get(i), at + "[" + i + "]", problems);
        }
      }
    }
    for (JsonNode sub : s.path("allOf")) {
      validate(sub, v, at, problems);
    }
    if (s.has("oneOf")) {
      int matches = 0;
      List<String> why = new ArrayList<>();
      for (JsonNode sub : s.path("oneOf")) {
        List<String> p = validate(sub, v);
        if (p.isEmpty()) {
          matches++;
        } else {
          why.add(p.get(0));
        }
      }
      if (matches != 1) {
        problems.add(at + ": matches " + matches + " of oneOf " + (matches == 0 ? why : ""));
      }
    }
    if (s.has("not") && validate(s.path("not"), v).isEmpty()) {
      problems.add(at + ": matches a 'not' schema");
    }
  }

  private static boolean typeMatches(JsonNode type, JsonNode v) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, v)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> false;
    };
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
