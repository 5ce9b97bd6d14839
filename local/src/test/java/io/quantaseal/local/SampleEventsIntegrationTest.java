package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.testsupport.RepoRoot;
import io.quantaseal.testsupport.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code events/} through {@code run-local invoke} (its entry point, {@link
 * LocalRunner#run}, with a fresh data directory each), checked against the answer events/README.md
 * documents for it: the table there is the expectation, one row per event file.
 */
class SampleEventsIntegrationTest {
  private static final Path ROOT = RepoRoot.find();
  private static final Path EVENTS = ROOT.resolve("events");

  /** A row of the table: {@code | `file` | `Function` | `/pointer` is `json`, ... |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*`([^`]+\\.json)`\\s*\\|\\s*`(\\w+)`\\s*\\|(.*)\\|\\s*$");

  /** One check of an answer cell: {@code `/pointer` is `json`}. */
  private static final Pattern CHECK = Pattern.compile("`(/[^`]*)` is `([^`]+)`");

  @TempDir Path dataDirs;

  /** What events/README.md says {@code invoke} answers for one file. */
  record Expected(String file, String function, Map<String, JsonNode> checks) {
    @Override
    public String toString() {
      return file;
    }
  }

  static List<Expected> table() throws IOException {
    List<Expected> rows = new ArrayList<>();
    for (String line : Files.readAllLines(EVENTS.resolve("README.md"))) {
      Matcher m = ROW.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, JsonNode> checks = new LinkedHashMap<>();
      Matcher c = CHECK.matcher(m.group(3));
      while (c.find()) {
        checks.put(c.group(1), LocalJson.mapper().readTree(c.group(2)));
      }
      assertFalse(checks.isEmpty(), "events/README.md: no check in the row of " + m.group(1));
      rows.add(new Expected(m.group(1), m.group(2), checks));
    }
    return rows;
  }

  static List<String> eventFiles() throws IOException {
    try (Stream<Path> files = Files.walk(EVENTS)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .map(p -> EVENTS.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  @Test
  void theTable_hasOneRowPerEventFile() throws IOException {
    List<String> rows = table().stream().map(Expected::file).toList();
    assertEquals(new TreeSet<>(rows).size(), rows.size(), "a file is listed twice: " + rows);
    assertEquals(eventFiles(), new ArrayList<>(new TreeSet<>(rows)));
  }

  @Test
  void everyFunctionOfTheTemplate_hasASampleEvent() throws IOException {
    SamTemplate template = SamTemplate.read(ROOT.resolve("template.yaml"));
    List<String> covered = table().stream().map(Expected::function).toList();
    for (String f : template.functions().keySet()) {
      assertTrue(covered.contains(f), f + " has no sample event under events/");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void sampleEvent_throughInvoke_answersAsDocumented(Expected row) throws IOException {
    JsonNode event = TestEvents.repo().json(row.file());
    assertEquals(
        functionFor(SamTemplate.read(ROOT.resolve("template.yaml")), event),
        row.function(),
        "events/README.md names another function than the template routes the event to");

    Invocation r = invoke(row.function(), row.file(), dataDirs.resolve("fresh"));
    JsonNode answer = r.answer();
    assertEquals(answer.has("errorMessage") ? 1 : 0, r.exitCode(), r.toString());
    row.checks()
        .forEach(
            (pointer, value) ->
                assertEquals(value, at(answer, pointer), row.file() + " " + pointer + ": " + r));
    if (event.has("httpMethod") && answer.has("statusCode")) {
      assertTrue(answer.path("headers").path("X-Request-Id").asText().startsWith("req_"), r + "");
    }
  }

  /**
   * The unseal sample's envelope opens with the sample client key of sample-tenant.json, to the
   * seeded entry's current values: the seeded client key is the key pair that file describes, bound
   * to the sample API key (a --persist run, so that server-keys and unseal see the same signing
   * key).
   */
  @Test
  void unsealSample_opensWithTheSampleClientKey() throws IOException {
    Path dir = dataDirs.resolve("persisted");
    Invocation keys = invoke("SealFunction", "seal/server-keys.json", dir, "--persist");
    Invocation unsealed = invoke("SealFunction", "seal/unseal.json", dir, "--persist");
    assertEquals(200, unsealed.answer().path("statusCode").asInt(), unsealed.toString());

    SampleTenant sample = SampleTenant.load();
    Path keyFile = dir.resolve("client-key.json");
    Files.writeString(keyFile, sample.clientKeys().get(0).json().toString());
    Path serverKeys = dir.resolve("server-keys.json");
    Files.writeString(serverKeys, keys.answer().path("body").asText());
    Path envelope = dir.resolve("envelope.json");
    Files.writeString(envelope, unsealed.answer().path("body").asText());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ClientTools.openEnvelope(
        keyFile,
        keyFile,
        serverKeys,
        envelope.toString(),
        System.in,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    JsonNode plaintext = LocalJson.mapper().readTree(out.toByteArray());
    SampleTenant.Entry entry = sample.entries().get(0);
    assertEquals(entry.entryId(), plaintext.path("vault_entry_id").asText());
    assertEquals(entry.versions().size(), plaintext.path("version").asInt());
    assertEquals(
        LocalJson.mapper().valueToTree(entry.versions().get(entry.versions().size() - 1)),
        plaintext.path("values"));
  }

  @Test
  void invokeCommand_withAnUnknownFunction_saysWhichExist() {
    Invocation r = invoke("NoSuchFunction", "seal/server-keys.json", dataDirs.resolve("x"));
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("no function NoSuchFunction"), r.stderr());
    assertTrue(r.stderr().contains("SealFunction"), r.stderr());
  }

  /** One {@code run-local invoke}: exit code, stdout and stderr. */
  record Invocation(int exitCode, String stdout, String stderr) {
    JsonNode answer() {
      try {
        return LocalJson.mapper().readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("not JSON on stdout: " + this, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ", stdout " + stdout + ", stderr " + tail(stderr);
    }

    private static String tail(String s) {
      return s.length() > 2000 ? "…" + s.substring(s.length() - 2000) : s;
    }
  }

  private static Invocation invoke(String function, String file, Path dataDir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "invoke",
                function,
                "-e",
                EVENTS.resolve(file).toString(),
                "--template",
                ROOT.resolve("template.yaml").toString(),
                "--data-dir",
                dataDir.toString()));
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LocalRunner.run(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Invocation(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * JSON Pointer into {@code node}; a string met on the way (an API answer's body) is read as JSON.
   */
  private static JsonNode at(JsonNode node, String pointer) {
    JsonNode current = node;
    String[] tokens = pointer.substring(1).split("/", -1);
    for (String token : tokens) {
      if (current.isTextual()) {
        try {
          current = LocalJson.mapper().readTree(current.asText());
        } catch (IOException e) {
          throw new AssertionError(pointer + " goes through a string that is not JSON: " + current);
        }
      }
      String name = token.replace("~1", "/").replace("~0", "~");
      current = current.isArray() ? current.path(Integer.parseInt(name)) : current.path(name);
    }
    return current;
  }

  /** The function a sample event is for, the way API Gateway, EventBridge or the stream pick it. */
  private static String functionFor(SamTemplate t, JsonNode event) {
    if ("REQUEST".equals(event.path("type").asText()) && event.has("methodArn")) {
      return t.authorizer().orElseThrow().functionId();
    }
    if (event.has("httpMethod") && event.has("resource")) {
      String method = event.path("httpMethod").asText();
      String resource = event.path("resource").asText();
      Optional<SamTemplate.Route> r =
          t.routes().stream()
              .filter(x -> x.method().equals(method) && x.path().equals(resource))
              .findFirst();
      assertTrue(r.isPresent(), method + " " + resource + " is not a route of template.yaml");
      return r.get().functionId();
    }
    if (event.path("Records").path(0).path("eventSource").asText().equals("aws:dynamodb")) {
      return t.functions().values().stream()
          .filter(f -> !f.streams().isEmpty())
          .findFirst()
          .orElseThrow()
          .logicalId();
    }
    if (event.path("detail-type").asText().equals("Scheduled Event")) {
      // EventBridge names a SAM schedule's rule <stack>-<FunctionId><EventName>-<suffix>.
      String rule = event.path("resources").path(0).asText();
      List<String> scheduled =
          t.functions().values().stream()
              .filter(f -> !f.schedules().isEmpty())
              .map(SamTemplate.Function::logicalId)
              .toList();
      return scheduled.size() == 1
          ? scheduled.get(0)
          : scheduled.stream()
              .filter(id -> rule.contains("/quantaseal-" + id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          rule + " names none of the scheduled functions " + scheduled));
    }
    throw new AssertionError("cannot tell which function takes " + event);
  }
}
