package io.quantaseal.coldstart;

import io.quantaseal.emulator.EmulatedFunction;
import io.quantaseal.emulator.FunctionPackage;
import io.quantaseal.emulator.RuntimeInterfaceEmulator;
import io.quantaseal.local.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One checkout deployed on the local engines: each function packaged as Lambda would run it (its
 * jar in a task root, its template environment filled in against this checkout's own tables, keys
 * and queues), and, after {@link #provision}, the state a running stack has and the values the
 * measured requests need (tenant, API key, integration, ...).
 */
final class Deployment {
  private static final Duration OPERATOR_TIMEOUT = Duration.ofMinutes(2);

  private final Checkout checkout;
  private final Map<String, FunctionPackage> packages;
  private final Map<String, Path> taskRoots;
  private final Map<String, String> operatorEnvironment;
  private final Path dir;
  private final Map<String, String> vars = new LinkedHashMap<>();

  private Deployment(
      Checkout checkout,
      Map<String, FunctionPackage> packages,
      Map<String, Path> taskRoots,
      Map<String, String> operatorEnvironment,
      Path dir) {
    this.checkout = checkout;
    this.packages = packages;
    this.taskRoots = taskRoots;
    this.operatorEnvironment = operatorEnvironment;
    this.dir = dir;
  }

  /** Packages every function of {@code checkout} under {@code dir}. */
  static Deployment create(Checkout checkout, LocalAws aws, Path dir) {
    StackTemplate.StackResources resources = aws.resources("cs-" + checkout.label());
    Map<String, FunctionPackage> packages = new LinkedHashMap<>();
    Map<String, Path> taskRoots = new LinkedHashMap<>();
    for (Checkout.Function f : checkout.functions().values()) {
      SamTemplate.Function t = f.template();
      Map<String, String> env =
          new LinkedHashMap<>(checkout.template().environment(t.logicalId(), resources));
      env.putAll(aws.clientEnvironment());
      packages.put(
          t.logicalId(),
          new FunctionPackage(t.logicalId(), t.handler(), t.memoryMb(), t.timeout(), f.jar(), env));
      taskRoots.put(
          t.logicalId(),
          RuntimeInterfaceEmulator.prepareTaskRoot(
              dir.resolve("task").resolve(t.logicalId()), f.jar()));
    }
    Map<String, String> operatorEnv =
        new LinkedHashMap<>(checkout.template().globalEnvironment(resources));
    operatorEnv.putAll(aws.clientEnvironment());
    return new Deployment(checkout, packages, taskRoots, operatorEnv, dir);
  }

  Checkout checkout() {
    return checkout;
  }

  FunctionPackage function(String logicalId) {
    FunctionPackage p = packages.get(logicalId);
    if (p == null) {
      throw new IllegalArgumentException(checkout + " has no function " + logicalId);
    }
    return p;
  }

  Path taskRoot(String logicalId) {
    return taskRoots.get(logicalId);
  }

  /** Values captured by provisioning, plus those given to it. */
  Map<String, String> vars() {
    return vars;
  }

  /**
   * Runs the scenario's provisioning steps with this checkout's own operator command and functions
   * (warm, not measured), keeping what they capture.
   */
  void provision(
      Scenario scenario,
      Emulation emulation,
      Path eventsDir,
      Map<String, String> given,
      List<String> measured,
      PrintStream out)
      throws IOException {
    vars.putAll(given);
    vars.put("build", checkout.label());
    Map<String, EmulatedFunction> running = new LinkedHashMap<>();
    try {
      for (Scenario.Step step : scenario.provision()) {
        if (!step.neededFor(measured)) {
          continue;
        }
        if (step instanceof Scenario.OperatorStep op) {
          List<String> args = op.args().stream().map(a -> Scenario.fill(a, vars)).toList();
          String answer = operator(args);
          vars.putAll(Scenario.capture(op.capture(), answer, "operator " + args.get(0)));
          out.println(
              "  " + checkout.label() + ": operator " + String.join(" ", redact(args)) + ": ok");
        } else if (step instanceof Scenario.FunctionStep fs) {
          FunctionPackage p = function(fs.function());
          EmulatedFunction f = running.get(fs.function());
          if (f == null) {
            f =
                emulation.start(
                    p,
                    taskRoot(fs.function()),
                    dir.resolve("provision-" + fs.function() + ".log"),
                    List.of());
            running.put(fs.function(), f);
          }
          String event = scenario.render(fs.request(), eventsDir, vars);
          EmulatedFunction.Invocation inv = f.invoke(event, p.timeout().plusSeconds(60));
          try {
            Scenario.check(fs.request(), inv.body());
          } catch (IllegalStateException e) {
            throw new IllegalStateException(
                checkout.label() + " " + fs.function() + ": " + e.getMessage() + "\n" + f.tail(40),
                e);
          }
          vars.putAll(Scenario.capture(fs.request().capture(), inv.body(), fs.function()));
          out.println(
              "  " + checkout.label() + ": " + fs.function() + " " + fs.request().event() + ": ok");
        }
      }
    } finally {
      running.values().forEach(EmulatedFunction::close);
    }
  }

  /** Runs the checkout's operator command; its JSON answer (the last line it prints). */
  private String operator(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(checkout.operatorJar().toString());
    cmd.addAll(args);
    Path log = dir.resolve("operator-" + args.get(0) + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("QS_"));
    pb.environment().putAll(operatorEnvironment);
    Process p = pb.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(OPERATOR_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "operator " + args.get(0) + " took over " + OPERATOR_TIMEOUT);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          checkout.label()
              + ": operator "
              + String.join(" ", redact(args))
              + " exited with "
              + p.exitValue()
              + ":\n"
              + read(log));
    }
    List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalStateException(
          "operator " + args.get(0) + " printed nothing:\n" + read(log));
    }
    return lines.get(lines.size() - 1);
  }

  private static List<String> redact(List<String> args) {
    return args.stream().map(a -> a.startsWith("qs_") ? "qs_…" : a).toList();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
