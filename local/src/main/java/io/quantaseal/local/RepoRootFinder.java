package io.quantaseal.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root: {@code -Dqs.repo.root}, else {@code QS_REPO_ROOT} (./run-local sets it),
 * else the nearest directory at or above the working directory that holds {@code template.yaml}.
 */
final class RepoRootFinder {
  private RepoRootFinder() {}

  static Path find() {
    String explicit = System.getProperty("qs.repo.root");
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getenv("QS_REPO_ROOT");
    }
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("template.yaml"))) {
        return d;
      }
    }
    throw new IllegalStateException(
        "No template.yaml at or above " + start + "; pass --template or set QS_REPO_ROOT");
  }
}
