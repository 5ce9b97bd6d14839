package io.quantaseal.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quantaseal.local.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A checkout's template.yaml as the harness needs it: the functions ({@link SamTemplate}: handler,
 * code, memory, timeout) and their environment with every value filled in, the references to the
 * stack's resources ({@code !Ref VaultTable}, {@code !GetAtt ServiceKey.Arn}) by {@link
 * StackResources} and parameters by their defaults.
 */
final class StackTemplate {
  /** The stand-ins for the stack's resources that environment variables refer to. */
  interface StackResources {
    /**
     * The value of {@code !Ref logicalId} (no attribute) or {@code !GetAtt logicalId.attribute} for
     * a resource of {@code type} ({@code AWS::DynamoDB::Table}, ...).
     */
    String value(String logicalId, String type, Optional<String> attribute);
  }

  private final Path file;
  private final SamTemplate sam;
  private final JsonNode tree;

  private StackTemplate(Path file, SamTemplate sam, JsonNode tree) {
    this.file = file;
    this.sam = sam;
    this.tree = tree;
  }

  static StackTemplate read(Path file) {
    try {
      // Jackson's YAML parser drops CloudFormation's short tags: "!Ref VaultTable" reads as
      // "VaultTable", "!GetAtt ServiceKey.Arn" as "ServiceKey.Arn".
      return new StackTemplate(
          file, SamTemplate.read(file), new YAMLMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  Path file() {
    return file;
  }

  /** The functions, in template order. */
  Map<String, SamTemplate.Function> functions() {
    return sam.functions();
  }

  /** The variables every function gets (Globals), resolved. */
  Map<String, String> globalEnvironment(StackResources resources) {
    Map<String, String> env = new LinkedHashMap<>();
    resolveInto(
        tree.path("Globals").path("Function").path("Environment").path("Variables"),
        resources,
        env);
    return env;
  }

  /** The variables of function {@code logicalId} (Globals, then its own), resolved. */
  Map<String, String> environment(String logicalId, StackResources resources) {
    Map<String, String> env = globalEnvironment(resources);
    resolveInto(
        tree.path("Resources")
            .path(logicalId)
            .path("Properties")
            .path("Environment")
            .path("Variables"),
        resources,
        env);
    return env;
  }

  private void resolveInto(JsonNode vars, StackResources resources, Map<String, String> into) {
    var it = vars.fields();
    while (it.hasNext()) {
      var v = it.next();
      into.put(v.getKey(), resolve(v.getKey(), v.getValue(), resources));
    }
  }

  private String resolve(String name, JsonNode value, StackResources resources) {
    if (!value.isValueNode()) {
      throw new IllegalArgumentException(
          file
              + ": environment variable "
              + name
              + " = "
              + value
              + " is not a plain value, a"
              + " parameter or a resource reference; the harness cannot fill it in");
    }
    String raw = value.asText();
    JsonNode parameter = tree.path("Parameters").path(raw);
    if (parameter.isObject()) {
      if (!parameter.has("Default")) {
        throw new IllegalArgumentException(
            file + ": " + name + " refers to parameter " + raw + ", which has no default");
      }
      return parameter.path("Default").asText();
    }
    int dot = raw.indexOf('.');
    String logicalId = dot < 0 ? raw : raw.substring(0, dot);
    JsonNode resource = tree.path("Resources").path(logicalId);
    if (resource.isObject() && resource.has("Type")) {
      Optional<String> attribute = dot < 0 ? Optional.empty() : Optional.of(raw.substring(dot + 1));
      return resources.value(logicalId, resource.path("Type").asText(), attribute);
    }
    if (raw.contains("${")) {
      throw new IllegalArgumentException(
          file
              + ": environment variable "
              + name
              + " = "
              + raw
              + " needs !Sub, which the harness"
              + " does not evaluate");
    }
    return raw;
  }
}
