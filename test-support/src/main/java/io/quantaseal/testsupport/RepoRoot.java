package io.quantaseal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the repository root, where {@code events/}, {@code scripts/} and {@code .venv/} live.
 *
 * <p>Order: the system property {@value #PROPERTY}, the environment variable {@value #ENV}, then
 * the nearest directory at or above the working directory that holds {@code .ci} or {@code .git};
 * failing that, the topmost aggregator {@code pom.xml} (one declaring {@code <modules>}) above it.
 * Maven runs a module's tests in the module directory, so the walk up from {@code functions/seal/}
 * ends at the repository root even when {@code functions/} is an aggregator.
 */
public final class RepoRoot {

  /** System property that names the repository root explicitly. */
  public static final String PROPERTY = "qs.repo.root";

  /** Environment variable that names the repository root explicitly. */
  public static final String ENV = "QS_REPO_ROOT";

  private RepoRoot() {}

  /** The repository root, found from the working directory. */
  public static Path find() {
    String explicit = System.getProperty(PROPERTY);
    if (explicit == null || explicit.isBlank()) {
      explicit = System.getenv(ENV);
    }
    if (explicit != null && !explicit.isBlank()) {
      Path root = Paths.get(explicit).toAbsolutePath().normalize();
      if (!Files.isDirectory(root)) {
        throw new IllegalStateException(
            PROPERTY + "/" + ENV + " names " + root + ", which is not a directory");
      }
      return root;
    }
    return find(Paths.get("").toAbsolutePath());
  }

  /** The repository root at or above {@code start}. */
  public static Path find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve(".ci")) || Files.exists(d.resolve(".git"))) {
        return d;
      }
    }
    // No VCS marker (a source export): the topmost aggregator pom of the chain of Maven
    // directories that starts at or above the working directory.
    Path aggregator = null;
    boolean inChain = false;
    for (Path d = dir; d != null; d = d.getParent()) {
      Path pom = d.resolve("pom.xml");
      if (Files.isRegularFile(pom)) {
        inChain = true;
        if (declaresModules(pom)) {
          aggregator = d;
        }
      } else if (inChain) {
        break;
      }
    }
    if (aggregator != null) {
      return aggregator;
    }
    throw new IllegalStateException(
        "No repository root at or above "
            + dir
            + " (looked for .ci, .git or an aggregator pom.xml); set -D"
            + PROPERTY
            + " or "
            + ENV);
  }

  private static boolean declaresModules(Path pom) {
    try {
      return Files.readString(pom).contains("<modules>");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + pom, e);
    }
  }
}
