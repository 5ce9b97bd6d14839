package io.quantaseal.coldstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Dotted paths into JSON ({@code requestContext.authorizer.tenant_id}, {@code
 * policyDocument.Statement.0.Effect}) that also go inside a string holding JSON, as API Gateway's
 * {@code body} does: {@code body.vault_entry_id}.
 */
final class JsonPaths {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonPaths() {}

  /** The node at {@code path}, if there is one. */
  static Optional<JsonNode> get(JsonNode root, String path) {
    JsonNode at = root;
    for (String segment : segments(path)) {
      at = inside(at);
      if (at == null) {
        return Optional.empty();
      }
      at = at.isArray() ? at.get(index(segment)) : at.get(segment);
      if (at == null || at.isNull()) {
        return Optional.empty();
      }
    }
    return Optional.of(at);
  }

  /** Whether the parent of {@code path} exists (then {@link #set} can set it). */
  static boolean hasParent(JsonNode root, String path) {
    List<String> s = segments(path);
    if (s.size() == 1) {
      return root.isObject();
    }
    return get(root, String.join(".", s.subList(0, s.size() - 1)))
        .map(p -> inside(p) != null && inside(p).isContainerNode())
        .orElse(false);
  }

  /** {@code root} with {@code value} (a string) at {@code path}; the parent must exist. */
  static JsonNode set(JsonNode root, String path, String value) {
    return set(root, segments(path), value, path);
  }

  private static JsonNode set(JsonNode node, List<String> path, String value, String whole) {
    boolean embedded = node.isTextual();
    JsonNode container = inside(node);
    if (container == null || !container.isContainerNode()) {
      throw new IllegalArgumentException("nothing to set at " + whole);
    }
    String head = path.get(0);
    if (path.size() == 1) {
      if (container instanceof ObjectNode o) {
        o.put(head, value);
      } else {
        ((ArrayNode) container).set(index(head), TextNode.valueOf(value));
      }
    } else {
      JsonNode child = container.isArray() ? container.get(index(head)) : container.get(head);
      if (child == null || child.isNull()) {
        throw new IllegalArgumentException(whole + ": " + head + " does not exist");
      }
      JsonNode updated = set(child, path.subList(1, path.size()), value, whole);
      if (container instanceof ObjectNode o) {
        o.set(head, updated);
      } else {
        ((ArrayNode) container).set(index(head), updated);
      }
    }
    if (embedded) {
      try {
        return TextNode.valueOf(JSON.writeValueAsString(container));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return container;
  }

  /** The node itself, or the JSON a string node holds; null for a string that is not JSON. */
  private static JsonNode inside(JsonNode node) {
    if (!node.isTextual()) {
      return node;
    }
    String s = node.asText().trim();
    if (!(s.startsWith("{") || s.startsWith("["))) {
      return null;
    }
    try {
      return JSON.readTree(s);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static List<String> segments(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    return Arrays.asList(path.split("\\."));
  }

  private static int index(String segment) {
    try {
      return Integer.parseInt(segment);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
