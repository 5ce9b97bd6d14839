package io.quantaseal.local;

import io.quantaseal.cli.CommandLines;
import io.quantaseal.cli.HelpOption;
import io.quantaseal.cli.OptionValues;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The command line of {@code ./run-local} (picocli): parses the arguments into a {@link Request} (a
 * serving run's {@link LocalRunOptions}, an invocation, a client tool) and hands it to a {@link
 * Handler} ({@link LocalRunner} starts the run). Knows nothing of how a run is wired.
 *
 * <pre>
 * run-local [serve] [options]                  the API on http://127.0.0.1:8080/api/v2/...
 * run-local invoke FUNCTION -e EVENT.json      one invocation, like `sam local invoke`
 * run-local client-key --out FILE              an ML-KEM-768 key pair to register
 * run-local open-envelope ...                  verify and decrypt an envelope with it
 * run-local routes                             the routes read from template.yaml
 * run-local help [COMMAND]                     the same as --help
 * </pre>
 *
 * A usage error is one line and a pointer to {@code --help}, exit code 2; a failure one line, exit
 * code 1; never a stack trace ({@link CommandLines}).
 */
@Command(
    name = "run-local",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Runs QuantaSeal on this machine: the API of template.yaml on 127.0.0.1 (/api/v2/...), every"
          + " function in one JVM, DynamoDB Local embedded, the local keyring (for local use only)."
          + " Without a command it serves, as `run-local serve` does.",
      ""
    },
    subcommands = {
      LocalRunnerCommand.ServeCommand.class,
      LocalRunnerCommand.InvokeCommand.class,
      LocalRunnerCommand.ClientKeyCommand.class,
      LocalRunnerCommand.OpenEnvelopeCommand.class,
      LocalRunnerCommand.RoutesCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 failed, 2 usage error (a serving run keeps running until Ctrl-C)."
    })
final class LocalRunnerCommand implements Callable<Integer> {

  /** What a command line asks for. */
  sealed interface Request permits Serve, Invoke, ClientKey, OpenEnvelope, Routes {}

  /** {@code run-local [serve]}: serve the API; with {@code --env-file}, write the run's env. */
  record Serve(LocalRunOptions options, Optional<Path> envFile) implements Request {}

  /** {@code run-local invoke FUNCTION -e EVENT.json}. */
  record Invoke(LocalRunOptions options, String function, Path event) implements Request {}

  /** {@code run-local client-key --out FILE}. */
  record ClientKey(Path out) implements Request {}

  /** {@code run-local open-envelope ...}; {@code envelope} is a file or {@code -} (stdin). */
  record OpenEnvelope(Path clientKey, Path registration, Path serverKeys, String envelope)
      implements Request {}

  /** {@code run-local routes}. */
  record Routes(Path template) implements Request {}

  /** Carries a request out: the exit code, or -1 while serving (the JVM keeps running). */
  @FunctionalInterface
  interface Handler {
    int handle(Request request) throws IOException;
  }

  /** A command that turns its parsed options into a request. */
  interface RequestCommand {
    Request request();
  }

  private final Handler handler;

  @Mixin ServeOptions serve;
  @Mixin RunOptions run;
  @Mixin HelpOption help;

  private LocalRunnerCommand(Handler handler) {
    this.handler = handler;
  }

  /** Parses {@code args} and hands the request to {@code handler}; the exit code. */
  static int execute(String[] args, Handler handler, PrintStream out, PrintStream err) {
    CommandLine cl =
        CommandLines.create(new LocalRunnerCommand(handler), out, err, LocalRunnerCommand::failure);
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return code;
  }

  /**
   * The request of {@code args}, without running it (tests start runs as ./run-local does).
   *
   * @throws IllegalArgumentException for what {@link #execute} would call a usage error
   */
  static Request parse(String... args) {
    CommandLine cl = new CommandLine(new LocalRunnerCommand(r -> 0));
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(true);
    try {
      CommandLine.ParseResult parsed = cl.parseArgs(args);
      List<CommandLine> commands = parsed.asCommandLineList();
      Object command = commands.get(commands.size() - 1).getCommand();
      if (command instanceof LocalRunnerCommand root) {
        return root.request();
      }
      if (command instanceof RequestCommand rc) {
        return rc.request();
      }
      throw new IllegalArgumentException("not a request: " + String.join(" ", args));
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Serving without a command. */
  Request request() {
    return serveRequest(run, serve);
  }

  @Override
  public Integer call() throws IOException {
    return handler.handle(request());
  }

  private static Request serveRequest(RunOptions run, ServeOptions serve) {
    LocalRunOptions.Builder b = run.builder().eventSources(true);
    serve.applyTo(b);
    if (serve.envFile != null && serve.dynamoDbPort == null) {
      // Other processes (the operator, its replay-dlq) reach the database over HTTP.
      b.dynamoDbPort(OptionalInt.of(0));
    }
    return new Serve(b.build(), Optional.ofNullable(serve.envFile));
  }

  /** One line on a failure while running. */
  static String failure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return "a port is in use ("
            + CommandLines.firstLine(t)
            + "): choose another --port, --fake-datadog-port or --dynamodb-port (0: any free"
            + " port)";
      }
    }
    String line = CommandLines.firstLine(e);
    if (e instanceof IOException
        || e instanceof UncheckedIOException
        || e instanceof IllegalStateException
        || e instanceof LocalFunctions.FunctionException) {
      return line;
    }
    return e.getClass().getSimpleName() + ": " + line;
  }

  /** The repository root, found only when a default needs it. */
  static Path root() {
    return RepoRootFinder.find();
  }

  /** Options of every run (serving or one invocation). */
  static final class RunOptions {
    @Option(
        names = "--template",
        paramLabel = "FILE",
        description = "default: <repo>/template.yaml")
    Path template;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "default: <repo>/local-data")
    Path dataDir;

    @Option(
        names = "--persist",
        description = "keep DynamoDB, the local master key and the queues in the data directory")
    boolean persist;

    @Option(
        names = "--datadog-base-url",
        paramLabel = "URL",
        converter = OptionValues.HttpUrl.class,
        description =
            "send every Datadog call to URL (default: $QS_DATADOG_BASE_URL_OVERRIDE; invoke: a"
                + " loopback fake Datadog)")
    URI datadogBaseUrl;

    @Option(
        names = "--kms-endpoint",
        paramLabel = "URL",
        converter = OptionValues.HttpUrl.class,
        description =
            "use AWS KMS there instead of the local keyring (default: $AWS_ENDPOINT_URL_KMS)")
    URI kmsEndpoint;

    @Option(
        names = "--siem-metrics-lag",
        paramLabel = "S",
        converter = OptionValues.Seconds.class,
        description = "push a minute's metrics S seconds after it closed (serving default: 10)")
    Duration siemMetricsLag;

    LocalRunOptions.Builder builder() {
      Path t = template != null ? template : root().resolve("template.yaml");
      Path d = dataDir != null ? dataDir : root().resolve("local-data");
      LocalRunOptions.Builder b = LocalRunOptions.builder(t, d).persist(persist);
      if (datadogBaseUrl != null) {
        b.datadogBaseUrl(Optional.of(datadogBaseUrl.toString()));
      }
      if (kmsEndpoint != null) {
        b.kmsEndpoint(Optional.of(kmsEndpoint));
      }
      return b.siemMetricsLag(Optional.ofNullable(siemMetricsLag));
    }
  }

  /** Options of a serving run. */
  static final class ServeOptions {
    @Option(
        names = "--port",
        paramLabel = "N",
        converter = OptionValues.Port.class,
        description = "API port on 127.0.0.1 (default: $QS_LOCAL_PORT or 8080; 0: any free port)")
    Integer port;

    @Option(
        names = "--fake-datadog",
        description = "start a loopback Datadog stand-in and send every Datadog call to it")
    boolean fakeDatadog;

    @Option(
        names = "--fake-datadog-port",
        paramLabel = "N",
        converter = OptionValues.Port.class,
        description = "its port (default: any free port)")
    int fakeDatadogPort;

    @Option(
        names = "--unseal-key",
        description =
            "also issue an API key with the vault:unseal scope (both keys may register their"
                + " client keys: client_keys:manage)")
    boolean unsealKey;

    @Option(
        names = "--dynamodb-port",
        paramLabel = "N",
        converter = OptionValues.Port.class,
        description = "also serve DynamoDB Local over HTTP on 127.0.0.1:N (0: any free port)")
    Integer dynamoDbPort;

    @Option(
        names = "--env-file",
        paramLabel = "FILE",
        description =
            "write QS_URL, QS_API_KEY, ... and what the operator and its replay-dlq need to reach"
                + " this run to FILE (implies --dynamodb-port 0)")
    Path envFile;

    @Option(
        names = "--siem-interval",
        paramLabel = "S",
        converter = OptionValues.PositiveSeconds.class,
        description = "fire the SIEM push's schedule every S seconds (template: rate(1 minute))")
    Duration siemInterval;

    void applyTo(LocalRunOptions.Builder b) {
      b.port(port != null ? port : defaultPort())
          .fakeDatadog(fakeDatadog)
          .fakeDatadogPort(fakeDatadogPort)
          .unsealKey(unsealKey)
          .dynamoDbPort(dynamoDbPort == null ? OptionalInt.empty() : OptionalInt.of(dynamoDbPort))
          .siemInterval(Optional.ofNullable(siemInterval));
    }

    private static int defaultPort() {
      Optional<String> fromEnv = LocalServices.env("QS_LOCAL_PORT");
      if (fromEnv.isEmpty()) {
        return 8080;
      }
      try {
        return new OptionValues.Port().convert(fromEnv.get());
      } catch (CommandLine.TypeConversionException e) {
        throw new IllegalArgumentException("QS_LOCAL_PORT: " + e.getMessage());
      }
    }
  }

  @Command(
      name = "serve",
      sortOptions = false,
      description = "Serves the API (what run-local does without a command).")
  static final class ServeCommand implements Callable<Integer>, RequestCommand {
    @ParentCommand LocalRunnerCommand parent;
    @Mixin HelpOption help;
    @Mixin ServeOptions serve;
    @Mixin RunOptions run;

    @Override
    public Request request() {
      return serveRequest(run, serve);
    }

    @Override
    public Integer call() throws IOException {
      return parent.handler.handle(request());
    }
  }

  @Command(
      name = "invoke",
      sortOptions = false,
      description = {
        "One invocation, like `sam local invoke`, for the sample tenant of events/ (seeded where"
            + " missing; events/README.md). Prints the function's answer (or Lambda's error JSON,"
            + " exit code 1)."
      })
  static final class InvokeCommand implements Callable<Integer>, RequestCommand {
    @ParentCommand LocalRunnerCommand parent;
    @Mixin HelpOption help;

    @Parameters(
        paramLabel = "FUNCTION",
        description = "a function of the template, e.g. SealFunction")
    String function;

    @Option(
        names = {"-e", "--event"},
        required = true,
        paramLabel = "EVENT.json",
        description = "the event, e.g. events/seal/server-keys.json")
    Path event;

    @Mixin RunOptions run;

    @Override
    public Request request() {
      return new Invoke(run.builder().sampleTenant(true).build(), function, event);
    }

    @Override
    public Integer call() throws IOException {
      return parent.handler.handle(request());
    }
  }

  @Command(
      name = "client-key",
      description =
          "Writes a new ML-KEM-768 key pair to FILE (keep it private) and prints the body of POST"
              + " /api/v2/encryption/client-keys.")
  static final class ClientKeyCommand implements Callable<Integer>, RequestCommand {
    @ParentCommand LocalRunnerCommand parent;
    @Mixin HelpOption help;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Override
    public Request request() {
      return new ClientKey(out);
    }

    @Override
    public Integer call() throws IOException {
      return parent.handler.handle(request());
    }
  }

  @Command(
      name = "open-envelope",
      sortOptions = false,
      description = "Verifies an envelope's signatures, then decrypts it with the client key.")
  static final class OpenEnvelopeCommand implements Callable<Integer>, RequestCommand {
    @ParentCommand LocalRunnerCommand parent;
    @Mixin HelpOption help;

    @Option(names = "--client-key", required = true, paramLabel = "FILE")
    Path clientKey;

    @Option(names = "--registration", required = true, paramLabel = "FILE")
    Path registration;

    @Option(names = "--server-keys", required = true, paramLabel = "FILE")
    Path serverKeys;

    @Parameters(
        paramLabel = "ENVELOPE.json",
        arity = "0..1",
        defaultValue = "-",
        description = "the envelope, or - for standard input (default)")
    String envelope;

    @Override
    public Request request() {
      return new OpenEnvelope(clientKey, registration, serverKeys, envelope);
    }

    @Override
    public Integer call() throws IOException {
      return parent.handler.handle(request());
    }
  }

  @Command(name = "routes", description = "Lists the routes read from the template.")
  static final class RoutesCommand implements Callable<Integer>, RequestCommand {
    @ParentCommand LocalRunnerCommand parent;
    @Mixin HelpOption help;

    @Option(
        names = "--template",
        paramLabel = "FILE",
        description = "default: <repo>/template.yaml")
    Path template;

    @Override
    public Request request() {
      return new Routes(template != null ? template : root().resolve("template.yaml"));
    }

    @Override
    public Integer call() throws IOException {
      return parent.handler.handle(request());
    }
  }
}
