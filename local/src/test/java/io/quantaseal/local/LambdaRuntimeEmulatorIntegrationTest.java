package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.ApiKeyRecord;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.local.engines.LoopbackDynamoDb;
import io.quantaseal.testsupport.MotoServer;
import io.quantaseal.testsupport.RepoRoot;
import io.quantaseal.testsupport.TestEvents;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each function's Lambda package (the shaded {@code -lambda.jar} that {@code sam build} ships) run
 * the way Lambda runs it: the AWS Lambda Runtime Interface Emulator ({@code aws-lambda-rie}, built
 * with {@code go install} into {@code local/target/rie}) starts a fresh JVM with the Java runtime
 * interface client ({@code com.amazonaws.services.lambda.runtime.api.client.AWSLambda}) and the
 * handler of template.yaml, and events from {@code events/} are posted to it over HTTP on
 * 127.0.0.1. The functions read their environment like in AWS; DynamoDB is DynamoDB Local served on
 * 127.0.0.1 by this test, KMS is moto's (a deployed function has no other keyring, even with
 * QS_KEYRING=local in its environment).
 *
 * <p>Skipped, with the reason, where Go is not installed and no emulator was built before. Prints
 * each function's cold start (first invocation: JVM start, init, invoke), a warm invocation and the
 * peak resident memory of its JVM: the numbers behind docs/deploy.md's memory choices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LambdaRuntimeEmulatorIntegrationTest {
  private static final Path ROOT = RepoRoot.find();
  private static final SampleTenant SAMPLE = SampleTenant.load();
  private static final String RIE_MODULE =
      "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@latest";
  private static final Pattern REPORT = Pattern.compile("(?<![A-Za-z] )Duration: ([0-9.]+) ms");

  private Path rie;
  private LoopbackDynamoDb dynamo;
  private MotoServer moto;
  private final Map<String, Emulated> running = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> measurements = new ArrayList<>();

  /** One function in its emulator. */
  private record Emulated(Process rie, int port, Path log) {}

  @BeforeAll
  void setUp() throws Exception {
    rie = emulator();
    dynamo = LoopbackDynamoDb.start();
    // A deployed function's keyring is always AWS KMS: moto's, on 127.0.0.1.
    moto = MotoServer.start();
    String serviceKey =
        moto.kmsClient().createKey(r -> r.description("quantaseal service")).keyMetadata().arn();
    moto.kmsClient()
        .createAlias(r -> r.aliasName("alias/quantaseal-service").targetKeyId(serviceKey));
    String tenantKey =
        moto.kmsClient().createKey(r -> r.description("sample tenant")).keyMetadata().arn();

    // The tables, and the sample tenant and API key that the events name, as the functions see
    // them.
    QuantaSealConfig config = QuantaSealConfig.from(Map.of());
    DynamoDbClient client = dynamo.newClient();
    LocalServices.createTables(client, config);
    TenantProvisioning.create(
            client,
            config,
            new AwsKmsKeyring(moto.kmsClient()),
            new SecureRandom(),
            Clock.systemUTC())
        .createTenant("sample", tenantKey, Optional.of(SAMPLE.tenantId()));
    new ApiKeyRepository(client, config.apiKeysTable(), config.vaultTable())
        .create(
            new ApiKeyRecord(
                ApiKeys.hash(SAMPLE.apiKey()),
                SAMPLE.apiKeyId(),
                SAMPLE.tenantId(),
                Set.of(),
                ApiKeys.displayPrefix(SAMPLE.apiKey()),
                Clock.systemUTC().instant(),
                Optional.empty()));
  }

  @AfterAll
  void tearDown() {
    for (Map.Entry<String, Emulated> e : running.entrySet()) {
      stop(e.getKey(), e.getValue().rie());
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (moto != null) {
      moto.close();
    }
    measurements.forEach(m -> System.out.println("RIE " + m));
  }

  @Test
  void authorizer_malformedKey_failsWithUnauthorized() throws Exception {
    JsonNode answer = invoke("AuthorizerFunction", "authorizer/request-malformed-key.json");
    assertEquals("Unauthorized", answer.path("errorMessage").asText(), answer.toString());
  }

  @Test
  void authorizer_sampleKey_isAllowedWithTheTenantInTheContext() throws Exception {
    JsonNode answer = invoke("AuthorizerFunction", "authorizer/request-with-key.json");
    assertEquals(
        "Allow",
        answer.path("policyDocument").path("Statement").path(0).path("Effect").asText(),
        answer.toString());
    assertEquals(SAMPLE.tenantId(), answer.path("context").path("tenant_id").asText());
    JsonNode unknown = invoke("AuthorizerFunction", "authorizer/request-unknown-key.json");
    assertEquals(
        "Deny",
        unknown.path("policyDocument").path("Statement").path(0).path("Effect").asText(),
        unknown.toString());
  }

  @Test
  void seal_serverKeysAndSeal_workAgainstDynamoDbOverHttp() throws Exception {
    JsonNode keys = invoke("SealFunction", "seal/server-keys.json");
    assertEquals(200, keys.path("statusCode").asInt(), keys.toString());
    JsonNode body = LocalJson.mapper().readTree(keys.path("body").asText());
    assertEquals("ML-DSA-65", body.path("keys").path(0).path("alg").asText(), body.toString());
    assertEquals(
        "req_c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        keys.path("headers").path("X-Request-Id").asText());

    JsonNode sealed = invoke("SealFunction", "seal/seal-api-key.json");
    assertEquals(201, sealed.path("statusCode").asInt(), sealed.toString());
    assertTrue(
        LocalJson.mapper()
            .readTree(sealed.path("body").asText())
            .path("vault_entry_id")
            .asText()
            .startsWith("vlt_"));
  }

  @Test
  void siemPush_scheduleAndAuditStream_areProcessed() throws Exception {
    JsonNode schedule = invoke("SiemPushFunction", "siem-push/schedule.json");
    assertFalse(schedule.has("errorMessage"), schedule.toString());
    assertTrue(schedule.has("tenants"), schedule.toString());
    JsonNode stream = invoke("SiemPushFunction", "siem-push/audit-insert.json");
    assertFalse(stream.has("errorMessage"), stream.toString());
    assertEquals(0, stream.path("batchItemFailures").size(), stream.toString());
  }

  @Test
  void integrationsProxyAndDestinations_answerTheirSampleEvents() throws Exception {
    JsonNode list = invoke("IntegrationsFunction", "integrations/list-integrations.json");
    assertEquals(200, list.path("statusCode").asInt(), list.toString());
    // The sample names an integration this tenant does not have: 404, and Datadog is not called.
    JsonNode proxy = invoke("ProxyOutboundFunction", "proxy-outbound/send-event.json");
    assertEquals(404, proxy.path("statusCode").asInt(), proxy.toString());
    assertEquals(
        "not_found",
        LocalJson.mapper()
            .readTree(proxy.path("body").asText())
            .path("error")
            .path("code")
            .asText());
    JsonNode destinations = invoke("SiemDestinationsFunction", "siem-push/list-destinations.json");
    assertEquals(200, destinations.path("statusCode").asInt(), destinations.toString());
  }

  // ---- the emulator -----------------------------------------------------------------------

  private JsonNode invoke(String function, String eventName) throws Exception {
    Emulated e = running.computeIfAbsent(function, this::launch);
    long start = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + e.port()
                            + "/2015-03-31/functions/function/invocations"))
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(TestEvents.repo().read(eventName)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long ms = (System.nanoTime() - start) / 1_000_000;
    String report = lastReport(e.log());
    measurements.add(
        String.format("%-22s %-36s %5d ms round trip  %s", function, eventName, ms, report));
    assertEquals(
        200,
        r.statusCode(),
        "emulator answered " + r.statusCode() + ": " + r.body() + "\n" + tail(e.log()));
    return LocalJson.mapper().readTree(r.body());
  }

  private Emulated launch(String function) {
    SamTemplate.Function f =
        SamTemplate.read(ROOT.resolve("template.yaml")).function(function).orElseThrow();
    try {
      Path jar = lambdaJar(f);
      int port = freePort();
      int runtimeApiPort = freePort();
      Path log =
          Files.createDirectories(ROOT.resolve("local/target/rie-logs")).resolve(function + ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(rie.toString());
      cmd.add("--runtime-interface-emulator-address");
      cmd.add("127.0.0.1:" + port);
      cmd.add("--runtime-api-address");
      cmd.add("127.0.0.1:" + runtimeApiPort);
      cmd.add(javaExecutable());
      // Close to the flags of Lambda's Java runtime: C1 only, serial GC, CDS, heap within memory.
      cmd.add("-XX:+TieredCompilation");
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-Xshare:auto");
      cmd.add("-Xmx" + (f.memoryMb() * 85 / 100) + "m");
      cmd.add("-cp");
      cmd.add(jar + File.pathSeparator + runtimeInterfaceClientClasspath());
      cmd.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
      cmd.add(f.handler());
      ProcessBuilder pb =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("QS_"));
      env.put("AWS_LAMBDA_FUNCTION_NAME", function);
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(f.memoryMb()));
      env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", String.valueOf(f.timeout().toSeconds()));
      env.put("AWS_REGION", "us-east-1");
      env.put("AWS_ACCESS_KEY_ID", LoopbackDynamoDb.ACCESS_KEY_ID);
      env.put("AWS_SECRET_ACCESS_KEY", LoopbackDynamoDb.SECRET_ACCESS_KEY);
      env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_KMS", moto.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9");
      env.putAll(f.literalEnvironment());
      // Asked for, as a mis-set deployment would: the function still uses KMS.
      env.put("QS_KEYRING", "local");
      env.put(EnvironmentNames.STAGE, "rie");
      Process p = pb.start();
      awaitPort(port, p, log);
      return new Emulated(p, port, log);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the emulator for " + function, e);
    }
  }

  private static Path lambdaJar(SamTemplate.Function f) throws IOException {
    Path target = ROOT.resolve(f.codeUri()).resolve("target");
    try (var files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no -lambda.jar in " + target + ": run `mvn package` for " + f.codeUri()));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new AssertionError(target + " missing: run `mvn package` for " + f.codeUri(), e);
    }
  }

  /** The runtime interface client and its serialization library, from this test's class path. */
  private static String runtimeInterfaceClientClasspath() {
    List<String> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("aws-lambda-java-runtime-interface-client-")
          || name.startsWith("aws-lambda-java-serialization-")) {
        out.add(entry);
      }
    }
    assertEquals(2, out.size(), "runtime interface client jars on the test class path: " + out);
    return String.join(File.pathSeparator, out);
  }

  /** The emulator: cached in local/target/rie, else built with `go install`, else a skip. */
  private static Path emulator() throws Exception {
    Path dir =
        Path.of(System.getProperty("qs.rie.dir", ROOT.resolve("local/target/rie").toString()));
    Path binary = dir.resolve("aws-lambda-rie");
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Optional<Path> go = onPath("go");
    Assumptions.assumeTrue(
        go.isPresent(),
        "Go is not installed, so the Lambda Runtime Interface Emulator cannot be built (go install "
            + RIE_MODULE
            + "); install Go 1.22+ or put aws-lambda-rie in "
            + dir);
    Files.createDirectories(dir);
    ProcessBuilder pb =
        new ProcessBuilder(go.get().toString(), "install", RIE_MODULE)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("go-install.log").toFile());
    pb.environment().put("GOBIN", dir.toAbsolutePath().toString());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("go install of the emulator took over 5 minutes");
    }
    assertEquals(
        0, p.exitValue(), "go install failed: " + Files.readString(dir.resolve("go-install.log")));
    assertTrue(Files.isExecutable(binary), binary + " was not built");
    return binary;
  }

  private static Optional<Path> onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(d, program);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    for (String d : List.of("/usr/local/go/bin", System.getProperty("user.home") + "/go/bin")) {
      Path p = Path.of(d, program);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port, Process p, Path log) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        fail("the emulator exited: " + tail(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    fail("the emulator did not listen on 127.0.0.1:" + port + ": " + tail(log));
  }

  /** The emulator's last REPORT line (init and invoke durations), if any. */
  private static String lastReport(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("REPORT RequestId")) {
          Matcher m = REPORT.matcher(lines.get(i));
          return m.find() ? "(emulator: invoke " + m.group(1) + " ms)" : "";
        }
      }
    } catch (IOException e) {
      return "";
    }
    return "";
  }

  /** Stops the emulator and its JVM, noting the JVM's peak resident memory (VmHWM) first. */
  private void stop(String function, Process rieProcess) {
    ProcessHandle h = rieProcess.toHandle();
    List<ProcessHandle> children = h.descendants().toList();
    for (ProcessHandle c : children) {
      String rss = vmHwm(c.pid());
      if (!rss.isEmpty()) {
        measurements.add(String.format("%-22s peak RSS of its JVM: %s", function, rss));
      }
      c.destroy();
    }
    h.destroy();
    try {
      if (!rieProcess.waitFor(5, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        rieProcess.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String vmHwm(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return line.substring("VmHWM:".length()).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "";
    }
    return "";
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
