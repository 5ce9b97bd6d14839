package io.quantaseal.coldstart;

import io.quantaseal.local.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A checkout of the repository whose functions have been built ({@code mvn package}): its
 * template.yaml, each function's shaded {@code -lambda.jar} (found from the function's {@code
 * CodeUri}, as {@code sam build} does) and its operator command. Nothing about the functions is
 * known in advance: handlers, memory and jars all come from the checkout itself.
 */
final class Checkout {
  /** A function of the template with the jar that would ship. */
  record Function(SamTemplate.Function template, Path jar) {
    String logicalId() {
      return template.logicalId();
    }
  }

  private final String label;
  private final Path root;
  private final String commit;
  private final StackTemplate template;
  private final Map<String, Function> functions;
  private final Path operatorJar;

  private Checkout(
      String label,
      Path root,
      String commit,
      StackTemplate template,
      Map<String, Function> functions,
      Path operatorJar) {
    this.label = label;
    this.root = root;
    this.commit = commit;
    this.template = template;
    this.functions = functions;
    this.operatorJar = operatorJar;
  }

  /**
   * Opens the checkout at {@code root}; fails, saying which build to run, when a jar is missing.
   */
  static Checkout open(String label, Path root) {
    Path dir = root.toAbsolutePath().normalize();
    Path templateFile = dir.resolve("template.yaml");
    if (!Files.isRegularFile(templateFile)) {
      throw new IllegalArgumentException(dir + " has no template.yaml: not a QuantaSeal checkout");
    }
    StackTemplate template = StackTemplate.read(templateFile);
    Map<String, Function> functions = new LinkedHashMap<>();
    for (SamTemplate.Function f : template.functions().values()) {
      functions.put(f.logicalId(), new Function(f, lambdaJar(dir, f)));
    }
    Path operator =
        newestJar(dir.resolve("operator/target"), "quantaseal-operator")
            .orElseThrow(() -> notBuilt(dir, "operator/target/quantaseal-operator.jar"));
    return new Checkout(label, dir, commit(dir), template, functions, operator);
  }

  private static Path lambdaJar(Path root, SamTemplate.Function f) {
    Path target = root.resolve(f.codeUri()).resolve("target");
    return newestJar(target, null)
        .orElseThrow(() -> notBuilt(root, f.codeUri() + "/target/*-lambda.jar"));
  }

  /** The newest jar in {@code dir} named {@code prefix}*.jar, or *-lambda.jar without a prefix. */
  private static Optional<Path> newestJar(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return prefix == null
                    ? n.endsWith("-lambda.jar")
                    : n.startsWith(prefix) && n.endsWith(".jar");
              })
          .max(Comparator.comparing(Checkout::modified));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static IllegalArgumentException notBuilt(Path root, String what) {
    return new IllegalArgumentException(
        root
            + " is not built: "
            + what
            + " is missing. Build it first: (cd "
            + root
            + " && mvn -q -B -ntp package -DskipTests)");
  }

  /** {@code git rev-parse --short HEAD}, with "+dirty" when the tree has changes; "?" if no git. */
  private static String commit(Path dir) {
    String head = git(dir, "rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "?";
    }
    String status = git(dir, "status", "--porcelain", "--untracked-files=no");
    return status.isEmpty() ? head : head + "+dirty";
  }

  private static String git(Path dir, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "";
      }
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  String label() {
    return label;
  }

  Path root() {
    return root;
  }

  String commit() {
    return commit;
  }

  StackTemplate template() {
    return template;
  }

  Map<String, Function> functions() {
    return functions;
  }

  Optional<Function> function(String logicalId) {
    return Optional.ofNullable(functions.get(logicalId));
  }

  Path operatorJar() {
    return operatorJar;
  }

  @Override
  public String toString() {
    return label + " (" + root + " @ " + commit + ")";
  }
}
