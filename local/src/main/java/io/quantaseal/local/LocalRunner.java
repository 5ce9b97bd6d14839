package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.cli.CommandLines;
import io.quantaseal.cli.UsageException;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.lambda.LambdaEventJson;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.fakedatadog.FakeDatadog;
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
 *
 * The command line is {@link LocalRunnerCommand}'s; what a run is started with, {@link
 * LocalRunOptions}.
 */
public final class LocalRunner implements AutoCloseable {
  /**
   * The metrics lag of a local run unless {@code --siem-metrics-lag} says otherwise: short, so a
   * closed minute's series show within about a minute (the function's own default is 60 s).
   */
  static final Duration LOCAL_METRICS_LAG = Duration.ofSeconds(10);

  private final LocalRunOptions settings;
  private final SamTemplate template;
  private final LocalServices services;
  private final Optional<FakeDatadog> datadog;
  private final LocalFunctions functions;
  private final Optional<LocalApiGateway> api;
  private final TenantRecord tenant;
  private final Optional<TenantProvisioning.IssuedApiKey> apiKey;
  private final Optional<TenantProvisioning.IssuedApiKey> unsealApiKey;
  private final Optional<EventSources> eventSources;

  private LocalRunner(
      LocalRunOptions settings,
      SamTemplate template,
      LocalServices services,
      Optional<FakeDatadog> datadog,
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
  public static LocalRunner start(LocalRunOptions s, boolean serveApi, PrintStream log) {
    SamTemplate template = SamTemplate.read(s.template());
    Optional<FakeDatadog> datadog = Optional.empty();
    LocalServices services = null;
    try {
      if (s.fakeDatadog()) {
        datadog = Optional.of(LocalFakeDatadog.start(s.fakeDatadogPort(), log));
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
                ? Optional.of(
                    LocalApiGateway.start(
                        template,
                        functions,
                        new TenantRepository(svc.dynamoDb(), svc.config().vaultTable())::rateLimit,
                        s.port(),
                        log))
                : Optional.empty();
        return new LocalRunner(
            s, template, services, datadog, functions, api, tenant, key, unseal, sources);
      } catch (IOException | RuntimeException e) {
        startedSources.ifPresent(EventSources::close);
        throw e;
      }
    } catch (IOException e) {
      datadog.ifPresent(FakeDatadog::close);
      if (services != null) {
        services.close();
      }
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      datadog.ifPresent(FakeDatadog::close);
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

  public Optional<FakeDatadog> datadog() {
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
    out.println(
        "  console      "
            + baseUrl()
            + "/console/"
            + (Files.isRegularFile(
                    template.file().toAbsolutePath().getParent().resolve("console/dist/index.html"))
                ? "   (sign in with an API key below)"
                : "   (build it first: console/build)"));
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
    datadog.ifPresent(FakeDatadog::close);
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
    return LocalRunnerCommand.execute(args, request -> run(request, out, err), out, err);
  }

  private static int run(LocalRunnerCommand.Request request, PrintStream out, PrintStream err)
      throws IOException {
    if (request instanceof LocalRunnerCommand.Serve serve) {
      return serve(serve, out, err);
    } else if (request instanceof LocalRunnerCommand.Invoke invoke) {
      return invoke(invoke, out, err);
    } else if (request instanceof LocalRunnerCommand.ClientKey key) {
      ClientTools.newClientKey(key.out(), out);
      return 0;
    } else if (request instanceof LocalRunnerCommand.OpenEnvelope open) {
      ClientTools.openEnvelope(
          open.clientKey(),
          open.registration(),
          open.serverKeys(),
          open.envelope(),
          System.in,
          out);
      return 0;
    } else if (request instanceof LocalRunnerCommand.Routes routes) {
      for (SamTemplate.Route r : SamTemplate.read(routes.template()).routes()) {
        out.println(r);
      }
      return 0;
    }
    throw new IllegalStateException("unknown request " + request);
  }

  private static int invoke(LocalRunnerCommand.Invoke request, PrintStream out, PrintStream err)
      throws IOException {
    LocalRunOptions s = request.options();
    String function = request.function();
    Path eventFile = request.event();
    SamTemplate template = SamTemplate.read(s.template());
    if (template.function(function).isEmpty()) {
      throw new UsageException(
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
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UsageException("no event file " + eventFile);
    } catch (IOException e) {
      throw new UsageException(
          "cannot read the event " + eventFile + ": " + CommandLines.firstLine(e));
    }
    if (s.datadogBaseUrl().isEmpty()) {
      // The sample credentials are not real Datadog keys: answer their calls on loopback.
      s = s.toBuilder().fakeDatadog(true).build();
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

  private static int serve(LocalRunnerCommand.Serve request, PrintStream out, PrintStream err)
      throws IOException {
    LocalRunner runner = startServing(request, out, err);
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
   *
   * @throws IllegalArgumentException when {@code args} are not a serving run's
   */
  static LocalRunner startServing(String[] args, PrintStream out, PrintStream err)
      throws IOException {
    if (!(LocalRunnerCommand.parse(args) instanceof LocalRunnerCommand.Serve serve)) {
      throw new IllegalArgumentException("not a serving run: " + String.join(" ", args));
    }
    return startServing(serve, out, err);
  }

  private static LocalRunner startServing(
      LocalRunnerCommand.Serve request, PrintStream out, PrintStream err) throws IOException {
    LocalRunner runner = start(request.options(), true, err);
    try {
      if (request.envFile().isPresent()) {
        runner.writeEnvFile(request.envFile().get());
      }
      runner.printBanner(out);
      return runner;
    } catch (IOException | RuntimeException e) {
      runner.close();
      throw e;
    }
  }
}
