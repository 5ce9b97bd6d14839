package io.quantaseal.coldstart;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.emulator.LambdaJavaRuntime;
import io.quantaseal.emulator.RuntimeInterfaceEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cold-start benchmark: every selected function of the current checkout (and, with a baseline,
 * the same functions of another checkout), and the two floors, each started cold in the emulator
 * once per round, in an order that rotates every round (a function's two builds side by side,
 * swapping which goes first). The first {@code warmup} rounds check every answer and are not
 * counted; then timed rounds, with the profile rounds ({@code -Xlog:class+load}, which costs the
 * JVM a few per cent) spread among them and kept out of the timings.
 */
final class ColdStartBenchmark {
  private final Options options;
  private final PrintStream out;

  ColdStartBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Runs it; returns the report, whose summary line the caller prints last. */
  Report run() throws IOException {
    Path repo = options.repo();
    Path home = repo.resolve("benchmarks/cold-start");
    Path dir =
        options
            .out()
            .orElse(
                home.resolve("target/runs")
                    .resolve(
                        LocalDateTime.now()
                            .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    Files.createDirectories(dir);
    Optional<LoadAverage> loadAtStart = LoadAverage.read();
    out.println("load average at start: " + LoadAverage.format(loadAtStart));
    out.println(
        "machine: "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + "; functions run by "
            + javaVersion(options.java()));
    out.println("run directory: " + dir);

    Scenario scenario = Scenario.read(home.resolve("first-requests.json"));
    Checkout current = Checkout.open("current", repo);
    Optional<Checkout> baseline = options.baseline().map(p -> Checkout.open("baseline", p));
    List<String> functions = select(current, scenario);
    for (Checkout c : concat(current, baseline)) {
      out.println("checkout " + c);
      for (String f : functions) {
        Optional<Checkout.Function> fn = c.function(f);
        if (fn.isEmpty()) {
          out.println("  " + f + ": not in this checkout's template.yaml (skipped)");
          continue;
        }
        out.println(
            "  "
                + f
                + ": "
                + fn.get().template().handler()
                + ", "
                + fn.get().template().memoryMb()
                + " MB, "
                + c.root().relativize(fn.get().jar())
                + " ("
                + Files.size(fn.get().jar()) / 1024
                + " KiB)");
      }
    }

    Emulation emulation = emulation(repo, home);
    out.println("emulator: " + emulation.emulator().binary());
    out.println(
        "JVM flags at 1024 MB (the java21 runtime's, see LambdaJavaRuntime, and the sandbox's memory): "
            + String.join(" ", LambdaJavaRuntime.runtimeJvmFlags(1024))
            + " "
            + String.join(" ", Emulation.sandboxOptions(1024)));

    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    List<Subject> subjects;
    List<Double> loads = new ArrayList<>();
    try (LocalAws aws = LocalAws.start(dir.resolve("datadog.log"))) {
      out.println("engines: " + aws.describe());
      Map<String, String> given = Map.of("client_public_key", newClientPublicKey());
      List<Deployment> deployments = new ArrayList<>();
      for (Checkout c : concat(current, baseline)) {
        out.println("provisioning " + c.label() + " (its operator and functions, not measured)");
        Deployment d = Deployment.create(c, aws, dir.resolve(c.label()));
        d.provision(scenario, emulation, repo.resolve("events"), given, functions, out);
        deployments.add(d);
      }
      List<Subject> floors = Floors.create(home, aws, dir.resolve("floor"));
      List<List<Subject>> slots = new ArrayList<>();
      floors.forEach(f -> slots.add(List.of(f)));
      for (String f : functions) {
        List<Subject> pair = new ArrayList<>();
        for (Deployment d : deployments) {
          if (d.checkout().function(f).isPresent()) {
            pair.add(subject(d, f, scenario, repo.resolve("events")));
          }
        }
        slots.add(List.copyOf(pair));
      }
      subjects = display(slots);
      subjects.forEach(s -> samples.put(s.id(), new ArrayList<>()));

      ColdStartProbe probe = new ColdStartProbe(emulation, dir, options.keepLogs());
      List<Boolean> schedule =
          schedule(options.warmup(), options.rounds(), options.profileRounds());
      int timed = 0;
      int profiled = 0;
      for (int r = 0; r < schedule.size(); r++) {
        boolean warmup = r < options.warmup();
        boolean profile = schedule.get(r);
        String round;
        String title;
        if (warmup) {
          round = "w" + (r + 1);
          title = "warm-up " + (r + 1);
        } else if (profile) {
          round = "p" + ++profiled;
          title =
              "profile round " + profiled + "/" + options.profileRounds() + " (-Xlog:class+load)";
        } else {
          round = "r" + ++timed;
          title = "round " + timed + "/" + options.rounds();
        }
        Optional<LoadAverage> load = LoadAverage.read();
        load.ifPresent(l -> loads.add(l.one()));
        out.println(
            title + " (load " + load.map(l -> Report.fixed(l.one(), 2)).orElse("n/a") + ")");
        for (Subject s : order(slots, r)) {
          Sample sample = probe.measure(s, round, profile);
          if (!warmup) {
            samples.get(s.id()).add(sample);
          }
          out.println(
              String.format(
                  "  %-8s %-26s %6.0f ms  %5.0f ms CPU  %5s classes",
                  s.build(),
                  s.name(),
                  sample.firstAnswerMs(),
                  sample.cpuMs(),
                  Report.whole(sample.classes())));
        }
      }
    }
    Optional<LoadAverage> loadAtEnd = LoadAverage.read();
    Report report = new Report(subjects, samples);
    report.print(out, options.rounds(), options.profileRounds());
    out.println();
    out.println(
        "load average at start: "
            + LoadAverage.format(loadAtStart)
            + "; 1-min load at each round's start: "
            + range(loads)
            + "; at end: "
            + LoadAverage.format(loadAtEnd));
    writeResults(dir, current, baseline, subjects, samples, loadAtStart, loadAtEnd, loads, report);
    out.println("results: " + dir.resolve("results.json"));
    return report;
  }

  /** The functions to measure: the selection, or every function of the template. */
  private List<String> select(Checkout current, Scenario scenario) {
    List<String> wanted =
        options.functions().isEmpty()
            ? List.copyOf(current.functions().keySet())
            : options.functions();
    for (String f : wanted) {
      if (current.function(f).isEmpty()) {
        throw new IllegalArgumentException(
            f
                + " is not a function of "
                + current.root().resolve("template.yaml")
                + "; its functions: "
                + String.join(", ", current.functions().keySet()));
      }
      if (scenario.firstRequest(f).isEmpty()) {
        throw new IllegalArgumentException(
            f + " has no first request in " + scenario.file() + ": add one (see its about)");
      }
    }
    return wanted;
  }

  private static Subject subject(Deployment d, String function, Scenario scenario, Path events) {
    Scenario.Request request = scenario.firstRequest(function).orElseThrow();
    Map<String, String> vars = d.vars();
    return new Subject(
        function,
        d.checkout().label(),
        d.function(function),
        d.taskRoot(function),
        () -> scenario.render(request, events, vars),
        answer -> Scenario.check(request, answer));
  }

  /**
   * Whether each round is a profile round: the warm-up rounds first (not), then {@code timed} timed
   * rounds with {@code profile} profile rounds spread evenly among them, the last round a profile
   * one.
   */
  static List<Boolean> schedule(int warmup, int timed, int profile) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < warmup; i++) {
      out.add(false);
    }
    int total = timed + profile;
    for (int i = 0; i < total; i++) {
      out.add((long) i * profile / total != (long) (i + 1) * profile / total);
    }
    return out;
  }

  /** Round {@code r}'s order: the slots rotated by r, each pair swapped on odd rounds. */
  static List<Subject> order(List<List<Subject>> slots, int r) {
    List<Subject> out = new ArrayList<>();
    int n = slots.size();
    for (int i = 0; i < n; i++) {
      List<Subject> slot = new ArrayList<>(slots.get((i + r) % n));
      if (r % 2 == 1) {
        Collections.reverse(slot);
      }
      out.addAll(slot);
    }
    return out;
  }

  private static List<Subject> display(List<List<Subject>> slots) {
    List<Subject> out = new ArrayList<>();
    slots.forEach(out::addAll);
    return List.copyOf(out);
  }

  private Emulation emulation(Path repo, Path home) throws IOException {
    Path runtimeDir = home.resolve("harness/target/lambda-runtime");
    List<Path> libs;
    try (Stream<Path> files = Files.list(runtimeDir)) {
      libs = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException(
          runtimeDir + " is missing: benchmarks/cold-start/run builds it");
    }
    Path client =
        libs.stream()
            .filter(
                p ->
                    p.getFileName()
                        .toString()
                        .startsWith("aws-lambda-java-runtime-interface-client"))
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("no runtime interface client in " + runtimeDir));
    LambdaJavaRuntime runtime =
        new LambdaJavaRuntime(
            options.java(),
            libs,
            LambdaJavaRuntime.extractJniLibrary(client, home.resolve("target/jni")),
            List.of());
    List<Path> rieDirs = List.of(repo.resolve("local/target/rie"), home.resolve("target/rie"));
    Optional<RuntimeInterfaceEmulator> found = RuntimeInterfaceEmulator.find(rieDirs);
    if (found.isPresent()) {
      return new Emulation(found.get(), runtime);
    }
    out.println("building the emulator: go install " + RuntimeInterfaceEmulator.GO_PACKAGE);
    return new Emulation(
        RuntimeInterfaceEmulator.install(home.resolve("target/rie"), Duration.ofMinutes(5)),
        runtime);
  }

  /** A new ML-KEM-768 encapsulation key, base64url, for the client key the proxy answers to. */
  private static String newClientPublicKey() {
    try (SecretBytes seed = SecretBytes.random(64, new SecureRandom())) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MlKem768.keyPairFromSeed(seed).encapsulationKey().toBytes());
    }
  }

  private static String javaVersion(Path java) {
    try {
      Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return java + " (" + String.join("; ", v.strip().lines().toList()) + ")";
    } catch (IOException e) {
      return java.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.toString();
    }
  }

  private static List<Checkout> concat(Checkout first, Optional<Checkout> second) {
    List<Checkout> all = new ArrayList<>();
    all.add(first);
    second.ifPresent(all::add);
    return all;
  }

  private static String range(List<Double> values) {
    if (values.isEmpty()) {
      return "n/a";
    }
    double min = values.stream().mapToDouble(d -> d).min().orElse(Double.NaN);
    double max = values.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    return Report.fixed(min, 2) + "–" + Report.fixed(max, 2);
  }

  private void writeResults(
      Path dir,
      Checkout current,
      Optional<Checkout> baseline,
      List<Subject> subjects,
      Map<String, List<Sample>> samples,
      Optional<LoadAverage> loadAtStart,
      Optional<LoadAverage> loadAtEnd,
      List<Double> loads,
      Report report)
      throws IOException {
    ObjectNode root = JsonPaths.JSON.createObjectNode();
    root.put("summary", report.summaryLine());
    root.put("rounds", options.rounds());
    root.put("profile_rounds", options.profileRounds());
    root.put("warmup_rounds", options.warmup());
    root.put("java", options.java().toString());
    root.put("current", current.toString());
    baseline.ifPresent(b -> root.put("baseline", b.toString()));
    root.put("load_average_at_start", LoadAverage.format(loadAtStart));
    root.put("load_average_at_end", LoadAverage.format(loadAtEnd));
    ArrayNode l = root.putArray("load_1min_per_round");
    loads.forEach(l::add);
    ArrayNode subjectsNode = root.putArray("subjects");
    for (Subject s : subjects) {
      ObjectNode n = subjectsNode.addObject();
      n.put("name", s.name());
      n.put("build", s.build());
      n.put("handler", s.function().handler());
      n.put("memory_mb", s.function().memoryMb());
      n.put("jar", s.function().jar().toString());
      n.set("samples", JsonPaths.JSON.valueToTree(samples.get(s.id())));
    }
    Files.writeString(
        dir.resolve("results.json"),
        JsonPaths.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }
}
