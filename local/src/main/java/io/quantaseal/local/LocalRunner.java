package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.lambda.LambdaEventJson;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.siem.SiemSettings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * QuantaSeal on this machine. {@code ./run-local} builds what it needs and runs this class:
 *
 * <pre>
 * run-local [serve] [options]      the API on http://127.0.0.1:8080/api/v2/... (see --help)
 * run-local invoke FUNCTION -e EVENT.json   one invocation, like `sam local invoke`
 * run-local client-key --out FILE           an ML-KEM-768 key pair to register
 * run-local open-envelope ...               verify and decrypt an envelope with it
 * run-local routes                          the routes read from template.yaml
 * </pre>
 */
public final class LocalRunner implements AutoCloseable {
  static final String USAGE =
      String.join(
          "\n",
          "usage: run-local [serve] [options]",
          "         --port N               API port on 127.0.0.1 (default $QS_LOCAL_PORT or 8080; 0: any free port)",
          "         --fake-datadog         start a loopback Datadog stand-in and send every Datadog call to it",
          "         --fake-datadog-port N  its port (default: any free port)",
          "         --datadog-base-url URL send every Datadog call to URL (default $QS_DATADOG_BASE_URL_OVERRIDE)",
          "         --unseal-key           also issue an API key with the vault:unseal scope",
          "                                (both keys may register their client keys: client_keys:manage)",
          "         --persist              keep DynamoDB and the local master key in the data directory",
          "         --data-dir DIR         default: <repo>/local-data",
          "         --dynamodb-port N      also serve DynamoDB Local over HTTP on 127.0.0.1:N (0: any free port)",
          "         --kms-endpoint URL     use AWS KMS there instead of the local keyring (default $AWS_ENDPOINT_URL_KMS)",
          "         --env-file FILE        write QS_URL, QS_API_KEY, ... and what the operator and the DLQ",
          "                                replay need to reach this run to FILE (implies --dynamodb-port 0)",
          "         --siem-interval S      fire the SIEM push's schedule every S seconds (template: rate(1 minute))",
          "         --siem-metrics-lag S   push a minute's metrics S seconds after it closed (default 10)",
          "         --template FILE        default: <repo>/template.yaml",
          "       run-local invoke FUNCTION -e EVENT.json [--datadog-base-url URL] [--persist] [--data-dir DIR] [--template FILE]",
          "                                one invocation for the sample tenant of events/ (seeded where missing; events/README.md);",
          "                                Datadog calls go to a loopback fake unless --datadog-base-url is given",
          "       run-local client-key --out FILE",
          "       run-local open-envelope --client-key FILE --registration FILE --server-keys FILE [ENVELOPE.json|-]",
          "       run-local routes [--template FILE]");

  /**
   * The metrics lag of a local run unless {@code --siem-metrics-lag} says otherwise: short, so a
   * closed minute's series show within about a minute (the function's own default is 60 s).
   */
  static final Duration LOCAL_METRICS_LAG = Duration.ofSeconds(10);

  /**
   * Everything a run is started with.
   *
   * @param eventSources run the template's schedules and streams (serving runs; {@link #serve})
   * @param siemInterval the schedule's interval instead of the template's rate
   * @param siemMetricsLag {@code QS_SIEM_METRICS_LAG_SECONDS} for the push (local default: {@link
   *     #LOCAL_METRICS_LAG})
   */
  public record Settings(
      Path template,
      int port,
      Path dataDir,
      boolean persist,
      boolean fakeDatadog,
      int fakeDatadogPort,
      Optional<String> datadogBaseUrl,
      Optional<URI> kmsEndpoint,
      OptionalInt dynamoDbPort,
      boolean unsealKey,
      boolean sampleTenant,
      boolean eventSources,
      Optional<Duration> siemInterval,
      Optional<Duration> siemMetricsLag) {

    /** Defaults for the repository at {@code root}: port 0 (any free one), nothing optional. */
    public static Settings defaults(Path root) {
      return new Settings(
          root.resolve("template.yaml"),
          0,
          root.resolve("local-data"),
          false,
          false,
          0,
          LocalServices.env(io.quantaseal.common.config.EnvironmentNames.DATADOG_BASE_URL_OVERRIDE),
          LocalServices.env("AWS_ENDPOINT_URL_KMS").map(URI::create),
          OptionalInt.empty(),
          false,
          false,
          false,
          Optional.empty(),
          Optional.empty());
    }

    public Settings withPort(int p) {
      return new Settings(
          template,
          p,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withFakeDatadog(boolean f) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          f,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withUnsealKey(boolean u) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          u,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withKmsEndpoint(Optional<URI> k) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          k,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withSampleTenant(boolean s) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          s,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withDynamoDbPort(OptionalInt d) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          d,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withDatadogBaseUrl(Optional<String> u) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          u,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withEventSources(boolean e) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          e,
          siemInterval,
          siemMetricsLag);
    }

    public Settings withSiemInterval(Optional<Duration> i) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          i,
          siemMetricsLag);
    }

    public Settings withSiemMetricsLag(Optional<Duration> l) {
      return new Settings(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          l);
    }

    public Settings withDataDir(Path d, boolean p) {
      return new Settings(
          template,
          port,
          d,
          p,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }
  }

  private final Settings settings;
  private final SamTemplate template;
  private final LocalServices services;
  private final Optional<LoopbackDatadog> datadog;
  private final LocalFunctions functions;
  private final Optional<LocalApiGateway> api;
  private final TenantRecord tenant;
  private final Optional<TenantProvisioning.IssuedApiKey> apiKey;
  private final Optional<TenantProvisioning.IssuedApiKey> unsealApiKey;
  private final Optional<EventSources> eventSources;

  private LocalRunner(
      Settings settings,
      SamTemplate template,
      LocalServices services,
      Optional<LoopbackDatadog> datadog,
      LocalFunctions functions,
      Optional<LocalApiGateway> api,
      TenantRecord tenant,
      Optional<TenantProvisioning.IssuedApiKey> apiKey,
      Optional<TenantProvisioning.IssuedApiKey> unsealApiKey,
      Optional<EventSources> eventSources) {
    this.eventSources = eventSources;
    this.settings = settings;
    this.template = template;
    this.services = services;
    this.datadog = datadog;
    this.functions = functions;
    this.api = api;
    this.tenant = tenant;
    this.apiKey = apiKey;
    this.unsealApiKey = unsealApiKey;
  }

  /** Starts the engines, the functions and (with {@code serveApi}) the HTTP API. */
  public static LocalRunner start(Settings s, boolean serveApi, PrintStream log) {
    SamTemplate template = SamTemplate.read(s.template());
    Optional<LoopbackDatadog> datadog = Optional.empty();
    LocalServices services = null;
    try {
      if (s.fakeDatadog()) {
        datadog = Optional.of(LoopbackDatadog.start(s.fakeDatadogPort(), log));
      }
      Optional<String> datadogUrl = datadog.map(d -> d.baseUrl().toString()).or(s::datadogBaseUrl);
      Map<String, String> functionEnv = new java.util.HashMap<>();
      Optional<Duration> lag =
          s.siemMetricsLag()
              .or(
                  () ->
                      s.eventSources()
                              && LocalServices.env(SiemSettings.METRICS_LAG_SECONDS).isEmpty()
                          ? Optional.of(LOCAL_METRICS_LAG)
                          : Optional.empty());
      lag.ifPresent(
          l -> functionEnv.put(SiemSettings.METRICS_LAG_SECONDS, Long.toString(l.getSeconds())));
      Path venv =
          LocalServices.env("QS_VENV")
              .map(Path::of)
              .orElse(s.template().toAbsolutePath().getParent().resolve(".venv"));
      services =
          LocalServices.start(
              LocalServices.Options.defaults(s.dataDir())
                  .withPersist(s.persist())
                  .withKmsEndpoint(s.kmsEndpoint())
                  .withDynamoDbPort(s.dynamoDbPort())
                  .withDatadogBaseUrl(datadogUrl)
                  .withQueues(
                      s.eventSources()
                          ? (s.persist()
                              ? LocalQueues.Request.of(template, venv)
                                  .keptIn(s.dataDir().resolve("sqs"))
                              : LocalQueues.Request.of(template, venv))
                          : LocalQueues.Request.none())
                  .withFunctionEnvironment(functionEnv));
      LocalServices svc = services;
      LocalFunctions functions = new LocalFunctions(template, svc, log);

      TenantRecord tenant;
      Optional<TenantProvisioning.IssuedApiKey> key = Optional.empty();
      Optional<TenantProvisioning.IssuedApiKey> unseal = Optional.empty();
      if (s.sampleTenant()) {
        // What the sample events in events/ name (tenant, API key, entries, integrations, client
        // key, destination), so that they run as they are.
        tenant = SampleTenant.load().seed(services);
      } else {
        tenant = services.findTenantByName("local").orElseGet(() -> svc.createTenant("local"));
        // The printed key registers its own client keys (the README's walk-through); envelopes
        // for a key go only to client keys it registered, so the unseal key may register too.
        key =
            Optional.of(
                services.issueApiKey(tenant.tenantId(), Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE)));
        if (s.unsealKey()) {
          unseal =
              Optional.of(
                  services.issueApiKey(
                      tenant.tenantId(),
                      Set.of(Caller.SCOPE_VAULT_UNSEAL, Caller.SCOPE_CLIENT_KEYS_MANAGE)));
        }
      }
      Optional<EventSources> sources = Optional.empty();
      if (s.eventSources()) {
        sources =
            Optional.of(
                EventSources.start(
                    template,
                    (fn, event) -> functions.invoke(fn, event, UUID.randomUUID().toString()),
                    svc.config(),
                    svc.dynamoDb(),
                    svc.streams(),
                    svc.queues(),
                    new EventSources.Options(
                        s.siemInterval(),
                        StreamEventSource.Timing.defaults(),
                        s.persist()
                            ? Optional.of(s.dataDir().resolve("event-sources"))
                            : Optional.empty()),
                    log));
      }
      Optional<EventSources> startedSources = sources;
      try {
        Optional<LocalApiGateway> api =
            serveApi
                ? Optional.of(LocalApiGateway.start(template, functions, s.port(), log))
                : Optional.empty();
        return new LocalRunner(
            s, template, services, datadog, functions, api, tenant, key, unseal, sources);
      } catch (IOException | RuntimeException e) {
        startedSources.ifPresent(EventSources::close);
        throw e;
      }
    } catch (IOException e) {
      datadog.ifPresent(LoopbackDatadog::close);
      if (services != null) {
        services.close();
      }
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      datadog.ifPresent(LoopbackDatadog::close);
      if (services != null) {
        services.close();
      }
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<port>} (serving runs only). */
  public URI baseUrl() {
    return api.orElseThrow(() -> new IllegalStateException("not serving")).baseUrl();
  }

  /** The tenant's API key issued at start (none in sample-tenant runs). */
  public String apiKey() {
    return apiKey
        .map(TenantProvisioning.IssuedApiKey::apiKey)
        .orElseGet(() -> SampleTenant.load().apiKey());
  }

  /** The key with vault:unseal, when asked for. */
  public Optional<String> unsealApiKey() {
    return unsealApiKey.map(TenantProvisioning.IssuedApiKey::apiKey);
  }

  public String tenantId() {
    return tenant.tenantId();
  }

  public Optional<LoopbackDatadog> datadog() {
    return datadog;
  }

  public LocalServices services() {
    return services;
  }

  public SamTemplate template() {
    return template;
  }

  /** Invokes a function in this JVM with {@code event}; its answer, or Lambda's error JSON. */
  public JsonNode invoke(String functionId, JsonNode event) {
    try {
      return functions.invoke(functionId, event, UUID.randomUUID().toString());
    } catch (LocalFunctions.FunctionException e) {
      return e.toJson();
    }
  }

  /** Each function's first invocation in this JVM (building its handler, then the call). */
  public Map<String, Duration> coldStarts() {
    return functions.coldStarts();
  }

  /** Each function's latest later invocation. */
  public Map<String, Duration> warmInvocations() {
    return functions.warmInvocations();
  }

  /** What a person needs to start: URL, keys, engines. */
  void printBanner(PrintStream out) {
    out.println();
    out.println(
        "QuantaSeal is running locally ("
            + template.routes().size()
            + " routes of "
            + template.file().getFileName()
            + ", "
            + template.functions().size()
            + " functions in process)");
    out.println("  API          " + baseUrl() + "/api/v2/...   (authorizer: X-API-Key)");
    out.println("  DynamoDB     " + services.dynamoDescription());
    out.println("  keys         " + services.keyringDescription());
    out.println(
        "  Datadog      "
            + datadog
                .map(d -> "fake Datadog at " + d.baseUrl() + " (--fake-datadog)")
                .or(() -> settings.datadogBaseUrl().map(u -> "redirected to " + u))
                .orElse("the real Datadog sites (no override)"));
    out.println("  tenant       " + tenant.tenantId());
    if (settings.eventSources()) {
      out.println("  SQS          " + services.queues().description());
      eventSources.ifPresent(
          e -> e.descriptions().forEach(d -> out.println("  events       " + d)));
    }
    out.println();
    out.println("  export QS_URL=" + baseUrl());
    out.println("  export QS_API_KEY=" + apiKey());
    unsealApiKey()
        .ifPresent(
            k ->
                out.println(
                    "  export QS_UNSEAL_API_KEY="
                        + k
                        + "   # scopes vault:unseal client_keys:manage"));
    out.println();
    out.println("  API keys are shown once; Ctrl-C stops (an in-memory run forgets everything).");
    out.flush();
  }

  void writeEnvFile(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("QS_URL=" + baseUrl());
    lines.add("QS_API_KEY=" + apiKey());
    unsealApiKey().ifPresent(k -> lines.add("QS_UNSEAL_API_KEY=" + k));
    lines.add("QS_TENANT_ID=" + tenantId());
    datadog.ifPresent(d -> lines.add("QS_FAKE_DATADOG_URL=" + d.baseUrl()));
    // What the operator and the DLQ replay need to work on this run from another process.
    services.environment().forEach((k, v) -> lines.add(k + "=" + v));
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // not POSIX
    }
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The schedules and streams being run (serving runs with event sources). */
  Optional<EventSources> eventSources() {
    return eventSources;
  }

  @Override
  public void close() {
    eventSources.ifPresent(EventSources::close);
    api.ifPresent(LocalApiGateway::close);
    datadog.ifPresent(LoopbackDatadog::close);
    services.close();
  }

  // ---- command line ------------------------------------------------------------------------

  public static void main(String[] args) {
    // Function logs go to stderr; stdout is for what a command answers (like sam local invoke).
    PrintStream stdout =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    int code = run(args, stdout, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns the exit code, or -1 while serving (the JVM keeps running). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Args a;
    try {
      a = Args.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      switch (a.command) {
        case "help" -> {
          out.println(USAGE);
          return 0;
        }
        case "routes" -> {
          SamTemplate t = SamTemplate.read(a.template());
          for (SamTemplate.Route r : t.routes()) {
            out.println(r);
          }
          return 0;
        }
        case "client-key" -> {
          ClientTools.newClientKey(Path.of(a.required("out")), out);
          return 0;
        }
        case "open-envelope" -> {
          ClientTools.openEnvelope(
              Path.of(a.required("client-key")),
              Path.of(a.required("registration")),
              Path.of(a.required("server-keys")),
              a.positional.isEmpty() ? "-" : a.positional.get(0),
              System.in,
              out);
          return 0;
        }
        case "invoke" -> {
          return invoke(a, out, err);
        }
        case "serve" -> {
          return serve(a, out, err);
        }
        default -> {
          err.println("unknown command " + a.command);
          err.println(USAGE);
          return 2;
        }
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("run-local: " + e);
      return 1;
    }
  }

  private static int invoke(Args a, PrintStream out, PrintStream err) throws IOException {
    if (a.positional.size() != 1) {
      throw new IllegalArgumentException("invoke needs one function name");
    }
    String function = a.positional.get(0);
    Path eventFile = Path.of(a.required("e"));
    Settings s = a.settings().withSampleTenant(true);
    SamTemplate template = SamTemplate.read(s.template());
    if (template.function(function).isEmpty()) {
      throw new IllegalArgumentException(
          "no function "
              + function
              + " in "
              + s.template()
              + " (functions: "
              + String.join(", ", template.functions().keySet())
              + ")");
    }
    JsonNode event;
    try {
      event = LambdaEventJson.mapper().readTree(Files.readString(eventFile));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the event " + eventFile + ": " + e.getMessage());
    }
    if (s.datadogBaseUrl().isEmpty()) {
      // The sample credentials are not real Datadog keys: answer their calls on loopback.
      s = s.withFakeDatadog(true);
    }
    try (LocalRunner runner = start(s, false, err)) {
      try {
        JsonNode answer = runner.functions.invoke(function, event, UUID.randomUUID().toString());
        out.println(answer.toPrettyString());
        return 0;
      } catch (LocalFunctions.FunctionException e) {
        out.println(e.toJson().toPrettyString());
        return 1;
      }
    }
  }

  private static int serve(Args a, PrintStream out, PrintStream err) throws IOException {
    LocalRunner runner = startServing(a, out, err);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runner.close();
                  stopped.countDown();
                },
                "run-local-shutdown"));
    return -1;
  }

  /**
   * What {@code run-local [serve] ARGS} starts, without the shutdown hook: the caller closes it
   * (tests start the runner exactly as ./run-local does).
   */
  static LocalRunner startServing(String[] args, PrintStream out, PrintStream err)
      throws IOException {
    return startServing(Args.parse(args), out, err);
  }

  private static LocalRunner startServing(Args a, PrintStream out, PrintStream err)
      throws IOException {
    Settings s = a.settings().withEventSources(true);
    if (a.options.containsKey("env-file") && s.dynamoDbPort().isEmpty()) {
      // Other processes (the operator, the DLQ replay) reach the database over HTTP.
      s = s.withDynamoDbPort(OptionalInt.of(0));
    }
    LocalRunner runner = start(s, true, err);
    try {
      if (a.options.containsKey("env-file")) {
        runner.writeEnvFile(Path.of(a.required("env-file")));
      }
      runner.printBanner(out);
      return runner;
    } catch (IOException | RuntimeException e) {
      runner.close();
      throw e;
    }
  }

  /** Parsed arguments: a command, {@code --name value} options, flags, positionals. */
  static final class Args {
    private static final Set<String> FLAGS =
        Set.of("fake-datadog", "unseal-key", "persist", "help");
    final String command;
    final Map<String, String> options = new java.util.LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    private Args(String command) {
      this.command = command;
    }

    static Args parse(String[] args) {
      int i = 0;
      String command = "serve";
      if (args.length > 0 && !args[0].startsWith("-")) {
        command = args[0];
        i = 1;
      }
      Args a = new Args(command);
      for (; i < args.length; i++) {
        String s = args[i];
        if (s.equals("-h") || s.equals("--help")) {
          return new Args("help");
        }
        if (s.startsWith("--") || s.equals("-e")) {
          String name = s.startsWith("--") ? s.substring(2) : "e";
          int eq = name.indexOf('=');
          if (eq >= 0) {
            a.options.put(name.substring(0, eq), name.substring(eq + 1));
          } else if (FLAGS.contains(name)) {
            a.options.put(name, "true");
          } else {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(s + " needs a value");
            }
            a.options.put(name, args[++i]);
          }
        } else {
          a.positional.add(s);
        }
      }
      return a;
    }

    String required(String name) {
      String v = options.get(name);
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(
            (name.length() == 1 ? "-" : "--") + name + " is required");
      }
      return v;
    }

    Path root() {
      return RepoRootFinder.find();
    }

    Path template() {
      return options.containsKey("template")
          ? Path.of(options.get("template"))
          : root().resolve("template.yaml");
    }

    Settings settings() {
      Path root = root();
      Settings s = Settings.defaults(root);
      s =
          new Settings(
              template(),
              Integer.parseInt(
                  options.getOrDefault("port", LocalServices.env("QS_LOCAL_PORT").orElse("8080"))),
              options.containsKey("data-dir") ? Path.of(options.get("data-dir")) : s.dataDir(),
              options.containsKey("persist"),
              options.containsKey("fake-datadog"),
              Integer.parseInt(options.getOrDefault("fake-datadog-port", "0")),
              Optional.ofNullable(options.get("datadog-base-url")).or(s::datadogBaseUrl),
              Optional.ofNullable(options.get("kms-endpoint")).map(URI::create).or(s::kmsEndpoint),
              options.containsKey("dynamodb-port")
                  ? OptionalInt.of(Integer.parseInt(options.get("dynamodb-port")))
                  : OptionalInt.empty(),
              options.containsKey("unseal-key"),
              false,
              false,
              seconds("siem-interval", 1),
              seconds("siem-metrics-lag", 0));
      return s;
    }

    /** {@code --name SECONDS} as a duration, at least {@code min} seconds. */
    private Optional<Duration> seconds(String name, long min) {
      String v = options.get(name);
      if (v == null) {
        return Optional.empty();
      }
      long n;
      try {
        n = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " takes whole seconds, not '" + v + "'");
      }
      if (n < min) {
        throw new IllegalArgumentException("--" + name + " must be at least " + min);
      }
      return Optional.of(Duration.ofSeconds(n));
    }
  }
}
