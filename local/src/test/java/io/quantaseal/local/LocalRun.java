package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantaseal.common.config.EnvironmentFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local run for the tests, started exactly as {@code ./run-local [options]} starts one ({@link
 * LocalRunner#startServing}) on a free port with {@code --data-dir DIR --env-file DIR/local.env},
 * its console kept; and the API calls that give its tenant a Datadog SIEM destination, as a user
 * makes them.
 */
final class LocalRun implements AutoCloseable {
  private final LocalRunner runner;
  private final Path envFile;
  private final Map<String, String> env;
  private final Http http;
  private final ByteArrayOutputStream console;

  private LocalRun(
      LocalRunner runner, Path envFile, Map<String, String> env, ByteArrayOutputStream console) {
    this.runner = runner;
    this.envFile = envFile;
    this.env = env;
    this.http = new Http(URI.create(env.get("QS_URL")));
    this.console = console;
  }

  /** {@code ./run-local --port 0 --data-dir dir --env-file dir/local.env options...}. */
  static LocalRun start(Path dir, String... options) throws IOException {
    Path envFile = dir.resolve("local.env");
    List<String> args =
        new ArrayList<>(
            List.of("--port", "0", "--data-dir", dir.toString(), "--env-file", envFile.toString()));
    args.addAll(List.of(options));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(console, true, StandardCharsets.UTF_8);
    LocalRunner runner = LocalRunner.startServing(args.toArray(String[]::new), log, log);
    return new LocalRun(runner, envFile, EnvironmentFile.over(Map.of(), envFile), console);
  }

  LocalRunner runner() {
    return runner;
  }

  /** The file the run wrote for other processes. */
  Path envFile() {
    return envFile;
  }

  /** What the env file holds. */
  Map<String, String> env() {
    return env;
  }

  Http http() {
    return http;
  }

  String apiKey() {
    return env.get("QS_API_KEY");
  }

  String tenantId() {
    return env.get("QS_TENANT_ID");
  }

  /** Everything the run printed so far (banner, invocations, the fake Datadog's lines). */
  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** Seals a Datadog API key ({@code POST /api/v2/vault/seal}); the entry id. */
  String sealDatadogKey(String datadogKey) {
    Http.Answer a =
        http.post(
            "/api/v2/vault/seal",
            apiKey(),
            "{\"credential_type\":\"api_key\",\"name\":\"dd\",\"values\":{\"api_key\":\""
                + datadogKey
                + "\"}}");
    assertEquals(201, a.status(), a.toString());
    return a.json().path("vault_entry_id").asText();
  }

  /** A Datadog integration of {@code entry} allowing {@code operations}; its id. */
  String integration(String entry, String... operations) {
    Http.Answer a =
        http.post(
            "/api/v2/integrations",
            apiKey(),
            "{\"system_type\":\"datadog\",\"name\":\"siem\",\"credential_id\":\""
                + entry
                + "\",\"config\":{\"site\":\"datadoghq.com\"},\"allowed_operations\":"
                + jsonArray(operations)
                + "}");
    assertEquals(201, a.status(), a.toString());
    return a.json().path("integration_id").asText();
  }

  /** A SIEM destination sending {@code streams} through {@code integration}; its id. */
  String destination(String integration, String... streams) {
    Http.Answer a =
        http.post(
            "/api/v2/siem/destinations",
            apiKey(),
            "{\"system_type\":\"datadog\",\"integration_id\":\""
                + integration
                + "\",\"streams\":"
                + jsonArray(streams)
                + "}");
    assertEquals(201, a.status(), a.toString());
    return a.json().path("destination_id").asText();
  }

  /**
   * A class of the test class path run in its own JVM (the operator, the DLQ replay), as a user
   * runs it next to {@code ./run-local}; its output goes to {@code log}. Waits for it to end.
   */
  static int java(Path log, String mainClass, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(mainClass + " did not finish: " + Files.readString(log));
    }
    return p.exitValue();
  }

  private static String jsonArray(String... items) {
    return "[\"" + String.join("\",\"", items) + "\"]";
  }

  @Override
  public void close() {
    runner.close();
  }
}
