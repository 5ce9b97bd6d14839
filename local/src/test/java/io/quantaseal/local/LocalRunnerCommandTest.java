package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./run-local}'s command line ({@link LocalRunner#run}, what {@code main} runs) without
 * starting a run: what each option becomes in {@link LocalRunOptions}, usage errors (one line and a
 * pointer to --help, exit code 2, no stack trace), {@code --help} for every command.
 */
class LocalRunnerCommandTest {
  private static final Path ROOT = RepoRoot.find();

  private record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
  }

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LocalRunner.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code,
        out.toString(StandardCharsets.UTF_8).trim(),
        err.toString(StandardCharsets.UTF_8).trim());
  }

  private static LocalRunnerCommand.Serve serve(String... args) {
    return assertInstanceOf(LocalRunnerCommand.Serve.class, LocalRunnerCommand.parse(args));
  }

  @Test
  void serve_everyOptionReachesTheRunOptions() {
    LocalRunnerCommand.Serve s =
        serve(
            "--port",
            "0",
            "--fake-datadog",
            "--fake-datadog-port",
            "4100",
            "--unseal-key",
            "--persist",
            "--data-dir",
            "/tmp/qs-data",
            "--dynamodb-port",
            "8000",
            "--kms-endpoint",
            "http://127.0.0.1:4566",
            "--datadog-base-url",
            "http://127.0.0.1:4200",
            "--env-file",
            "/tmp/qs-data/local.env",
            "--siem-interval",
            "5",
            "--siem-metrics-lag",
            "0",
            "--template",
            ROOT.resolve("template.yaml").toString());
    LocalRunOptions o = s.options();
    assertEquals(0, o.port());
    assertTrue(o.fakeDatadog());
    assertEquals(4100, o.fakeDatadogPort());
    assertTrue(o.unsealKey());
    assertTrue(o.persist());
    assertEquals(Path.of("/tmp/qs-data"), o.dataDir());
    assertEquals(OptionalInt.of(8000), o.dynamoDbPort());
    assertEquals(Optional.of(URI.create("http://127.0.0.1:4566")), o.kmsEndpoint());
    assertEquals(Optional.of("http://127.0.0.1:4200"), o.datadogBaseUrl());
    assertEquals(Optional.of(Path.of("/tmp/qs-data/local.env")), s.envFile());
    assertEquals(Optional.of(Duration.ofSeconds(5)), o.siemInterval());
    assertEquals(Optional.of(Duration.ZERO), o.siemMetricsLag());
    assertEquals(ROOT.resolve("template.yaml"), o.template());
    assertTrue(o.eventSources(), "a serving run runs the template's event sources");
    assertFalse(o.sampleTenant());
  }

  @Test
  void serve_defaults_andTheSameWithTheServeCommandOrEqualsSigns() {
    LocalRunOptions o = serve().options();
    int expectedPort =
        Optional.ofNullable(System.getenv("QS_LOCAL_PORT"))
            .filter(p -> !p.isBlank())
            .map(p -> Integer.parseInt(p.trim()))
            .orElse(8080);
    assertEquals(expectedPort, o.port());
    assertEquals(ROOT.resolve("template.yaml"), o.template());
    assertEquals(ROOT.resolve("local-data"), o.dataDir());
    assertFalse(o.persist() || o.fakeDatadog() || o.unsealKey());
    assertEquals(OptionalInt.empty(), o.dynamoDbPort());
    assertEquals(Optional.empty(), serve().envFile());

    assertEquals(
        serve("--port", "9000", "--fake-datadog"), serve("serve", "--port=9000", "--fake-datadog"));
    // The last of a repeated option wins (scripts append overrides).
    assertEquals(9001, serve("--port", "9000", "--port", "9001").options().port());
  }

  @Test
  void envFile_impliesDynamoDbOverHttp_unlessAPortIsGiven() {
    assertEquals(OptionalInt.of(0), serve("--env-file", "x.env").options().dynamoDbPort());
    assertEquals(
        OptionalInt.of(8000),
        serve("--env-file", "x.env", "--dynamodb-port", "8000").options().dynamoDbPort());
  }

  @Test
  void invoke_functionEventAndRunOptions_forTheSampleTenant() {
    LocalRunnerCommand.Invoke i =
        assertInstanceOf(
            LocalRunnerCommand.Invoke.class,
            LocalRunnerCommand.parse(
                "invoke",
                "SealFunction",
                "-e",
                "events/seal/server-keys.json",
                "--persist",
                "--data-dir",
                "/tmp/qs-invoke",
                "--datadog-base-url",
                "http://127.0.0.1:4200"));
    assertEquals("SealFunction", i.function());
    assertEquals(Path.of("events/seal/server-keys.json"), i.event());
    assertTrue(i.options().sampleTenant());
    assertFalse(i.options().eventSources(), "one invocation runs no schedules");
    assertTrue(i.options().persist());
    assertEquals(Path.of("/tmp/qs-invoke"), i.options().dataDir());
    assertEquals(Optional.of("http://127.0.0.1:4200"), i.options().datadogBaseUrl());
    assertEquals(
        i.event(),
        ((LocalRunnerCommand.Invoke)
                LocalRunnerCommand.parse(
                    "invoke", "SealFunction", "--event", "events/seal/server-keys.json"))
            .event());
  }

  @Test
  void clientTools_andRoutes() {
    assertEquals(
        new LocalRunnerCommand.ClientKey(Path.of("k.json")),
        LocalRunnerCommand.parse("client-key", "--out", "k.json"));
    assertEquals(
        new LocalRunnerCommand.OpenEnvelope(
            Path.of("k.json"), Path.of("r.json"), Path.of("s.json"), "-"),
        LocalRunnerCommand.parse(
            "open-envelope",
            "--client-key",
            "k.json",
            "--registration",
            "r.json",
            "--server-keys",
            "s.json"));
    assertEquals(
        "env.json",
        ((LocalRunnerCommand.OpenEnvelope)
                LocalRunnerCommand.parse(
                    "open-envelope",
                    "--client-key",
                    "k.json",
                    "--registration",
                    "r.json",
                    "--server-keys",
                    "s.json",
                    "env.json"))
            .envelope());
    assertEquals(
        new LocalRunnerCommand.Routes(ROOT.resolve("template.yaml")),
        LocalRunnerCommand.parse("routes"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--bogus",
        "--port",
        "--port 70000",
        "--port eighty",
        "--fake-datdog",
        "--siem-interval 0",
        "--siem-metrics-lag -1",
        "--kms-endpoint 127.0.0.1:4566",
        "--datadog-base-url",
        "--env-file",
        "frobnicate",
        "serve --bogus",
        "invoke",
        "invoke SealFunction",
        "invoke SealFunction -e",
        "invoke SealFunction OtherFunction -e x.json",
        "invoke SealFunction -e x.json --unseal-key",
        "client-key",
        "client-key --out",
        "open-envelope --client-key k.json",
        "routes --bogus"
      })
  void badArguments_oneLineUsageErrorExitCode2(String line) {
    String[] args = line.split(" ");
    Result r = run(args);
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    List<String> lines = r.errLines();
    assertTrue(lines.get(0).startsWith("run-local: "), r.err());
    assertTrue(lines.size() <= 3, r.err()); // the error, maybe suggestions, the pointer
    String command = args[0].startsWith("-") || args[0].equals("frobnicate") ? "" : " " + args[0];
    assertEquals(
        "Try 'run-local" + command + " --help' for more information.",
        lines.get(lines.size() - 1),
        r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertEquals(
        "run-local: Invalid value for option '--port': a port is 0..65535 (0: any free port), not"
            + " '70000'",
        run("--port", "70000").errLines().get(0));
    assertEquals(
        "run-local: Missing required option: '--event=EVENT.json'",
        run("invoke", "SealFunction").errLines().get(0));
    assertTrue(
        run("frobnicate")
            .errLines()
            .get(0)
            .startsWith("run-local: unknown command 'frobnicate' (commands: serve, invoke,"));
    Result typo = run("--fake-datdog");
    assertEquals("run-local: Unknown option: '--fake-datdog'", typo.errLines().get(0));
    assertTrue(typo.err().contains("--fake-datadog"), "suggests the option: " + typo.err());
  }

  @Test
  void invoke_unknownFunctionOrMissingEvent_usageErrorsBeforeAnythingStarts() {
    Result noFunction = run("invoke", "NoSuchFunction", "-e", "events/seal/server-keys.json");
    assertEquals(2, noFunction.code(), noFunction.err());
    assertTrue(
        noFunction.errLines().get(0).startsWith("run-local: no function NoSuchFunction in "),
        noFunction.err());
    assertTrue(noFunction.err().contains("SealFunction"), "lists the functions");
    Result noEvent = run("invoke", "SealFunction", "-e", "/nonexistent/event.json");
    assertEquals(2, noEvent.code(), noEvent.err());
    assertEquals(
        List.of(
            "run-local: no event file /nonexistent/event.json",
            "Try 'run-local invoke --help' for more information."),
        noEvent.errLines());
  }

  @Test
  void help_forTheRunnerAndEveryCommand_exitCode0() {
    Result top = run("--help");
    assertEquals(0, top.code(), top.err());
    assertEquals("", top.err());
    assertTrue(top.out().startsWith("Usage: run-local"), top.out());
    for (String s :
        List.of(
            "--port=N",
            "--fake-datadog",
            "--unseal-key",
            "--persist",
            "--env-file=FILE",
            "--kms-endpoint=URL",
            "--datadog-base-url=URL",
            "--siem-interval=S",
            "  invoke ",
            "  client-key ",
            "  open-envelope ",
            "  routes ")) {
      assertTrue(top.out().contains(s), s + " in " + top.out());
    }
    assertEquals(top, run("-h"));
    for (String command : List.of("serve", "invoke", "client-key", "open-envelope", "routes")) {
      Result r = run(command, "--help");
      assertEquals(0, r.code(), command + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: run-local " + command), r.out());
      assertEquals(r, run("help", command));
    }
    assertTrue(run("invoke", "--help").out().contains("-e, --event=EVENT.json"));
  }

  @Test
  void routes_printsTheTemplatesRoutes() {
    Result r = run("routes");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("/api/v2/vault"), r.out());
  }

  @Test
  void failures_areOneLine_aPortInUseSaysWhichOptionsChooseAnother() {
    assertEquals(
        "a port is in use (Address already in use): choose another --port, --fake-datadog-port or"
            + " --dynamodb-port (0: any free port)",
        LocalRunnerCommand.failure(
            new java.io.UncheckedIOException(
                new java.net.BindException("Address already in use"))));
    assertEquals(
        "Cannot read /x.yaml",
        LocalRunnerCommand.failure(new IllegalStateException("Cannot read /x.yaml\nmore")));
    assertEquals(
        "NullPointerException: oops", LocalRunnerCommand.failure(new NullPointerException("oops")));
  }

  @Test
  void startServing_refusesWhatIsNotAServingRun() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalRunner.startServing(new String[] {"--bogus"}, System.out, System.err));
    assertThrows(
        IllegalArgumentException.class,
        () -> LocalRunner.startServing(new String[] {"routes"}, System.out, System.err));
  }
}
