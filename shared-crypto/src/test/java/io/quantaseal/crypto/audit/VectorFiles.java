package io.quantaseal.crypto.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Finds and reads the files of {@code docs/vectors/} from a module's working directory. */
final class VectorFiles {
  static final String DIRECTORY = "docs/vectors/";

  private VectorFiles() {}

  /** {@code docs/vectors/<name>} in the working directory or the nearest parent that has it. */
  static Path file(String name) {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(DIRECTORY + name);
      if (Files.isRegularFile(candidate)) {
        return candidate.normalize();
      }
    }
    throw new IllegalStateException(DIRECTORY + name + " not found from " + dir);
  }

  static String text(String name) {
    try {
      return Files.readString(file(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    return Jcs.parse(text(name));
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  static byte[] hex(JsonNode text) {
    return HexFormat.of().parseHex(text.textValue());
  }
}
