package io.quantaseal.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code NAME=value} file (what {@code ./run-local --env-file FILE} writes) laid over this
 * process's environment, for the command-line tools (operator, DLQ replay) that work on a local
 * run: {@code #} comments and blank lines are skipped, values are taken as written (no quotes, no
 * expansion).
 */
public final class EnvironmentFile {
  private EnvironmentFile() {}

  /** {@code System.getenv()} with the file's variables on top. */
  public static Map<String, String> over(Map<String, String> base, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the environment file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    Map<String, String> env = new HashMap<>(base);
    int n = 0;
    for (String line : lines) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("export ")) {
        l = l.substring("export ".length()).strip();
      }
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(file + " line " + n + " is not NAME=value");
      }
      env.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
    }
    return env;
  }
}
