package io.quantaseal.coldstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The command line of {@code benchmarks/cold-start/run}. */
record Options(
    Path repo,
    Optional<Path> baseline,
    int rounds,
    int warmup,
    List<String> functions,
    Path java,
    Optional<Path> out,
    int profileRounds,
    boolean keepLogs) {

  static final String USAGE =
      String.join(
          "\n",
          "usage: benchmarks/cold-start/run [options]",
          "  --rounds N          timed rounds (default 6): every function and both floors once each",
          "  --profile-rounds N  rounds with -Xlog:class+load among them (default 2), for the classes",
          "                      loaded by the end of init and the phases; not in the timings",
          "  --warmup N          rounds run first and not counted (default 1); they check every answer",
          "  --baseline DIR      also the functions of the checkout in DIR (built there with",
          "                      mvn package -DskipTests), in the same rounds: after ÷ before",
          "  --functions A,B     only these functions of template.yaml (default: all)",
          "  --java PATH         the java that runs the functions (default: the harness's own)",
          "  --out DIR           the run's files (default benchmarks/cold-start/target/runs/<time>)",
          "  --keep-logs         keep each cold start's emulator log and class-load log",
          "  --no-build          (the run script) use what is built");

  /** A command line that cannot be run; the message says why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static Options parse(List<String> args, Path repo) throws UsageException {
    Optional<Path> baseline = Optional.empty();
    int rounds = 6;
    int warmup = 1;
    List<String> functions = List.of();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Optional<Path> out = Optional.empty();
    int profileRounds = 2;
    boolean keepLogs = false;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String a = rest.remove(0);
      switch (a) {
        case "--baseline" -> baseline = Optional.of(directory(a, value(a, rest)));
        case "--rounds" -> rounds = count(a, value(a, rest), 1);
        case "--warmup" -> warmup = count(a, value(a, rest), 0);
        case "--functions" ->
            functions =
                Arrays.stream(value(a, rest).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        case "--java" -> {
          java = Path.of(value(a, rest));
          if (!Files.isExecutable(java)) {
            throw new UsageException("--java: " + java + " is not an executable");
          }
        }
        case "--out" -> out = Optional.of(Path.of(value(a, rest)));
        case "--profile-rounds" -> profileRounds = count(a, value(a, rest), 0);
        case "--keep-logs" -> keepLogs = true;
        case "-h", "--help" -> throw new UsageException("");
        default -> throw new UsageException("unknown option " + a);
      }
    }
    return new Options(
        repo, baseline, rounds, warmup, functions, java, out, profileRounds, keepLogs);
  }

  private static String value(String option, List<String> rest) throws UsageException {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return rest.remove(0);
  }

  private static int count(String option, String v, int min) throws UsageException {
    try {
      int n = Integer.parseInt(v);
      if (n < min) {
        throw new UsageException(option + " must be at least " + min + ", not " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " takes a whole number, not " + v);
    }
  }

  private static Path directory(String option, String v) throws UsageException {
    Path p = Path.of(v).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new UsageException(option + ": " + p + " is not a directory");
    }
    return p;
  }
}
