package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.lambda.LambdaEventJson;
import io.quantaseal.testsupport.RepoRoot;
import io.quantaseal.testsupport.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code events/} runs in process as {@code run-local invoke} runs it (the sample
 * tenant and API key those events name exist): API events go to the function the template routes
 * their resource to and get an answer below 500; authorizer events give the documented decision;
 * the schedule and the audit stream batch are processed without failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleEventsIntegrationTest {
  private static final Path ROOT = RepoRoot.find();
  @TempDir static Path dataDir;
  private LocalRunner runner;

  @BeforeAll
  void start() {
    runner =
        LocalRunner.start(
            LocalRunner.Settings.defaults(ROOT)
                .withDataDir(dataDir, false)
                .withFakeDatadog(true)
                .withSampleTenant(true),
            false,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  static Stream<String> events() throws IOException {
    Path dir = ROOT.resolve("events");
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** The function a sample event is for, the way API Gateway, EventBridge or the stream pick it. */
  private String functionFor(JsonNode event) {
    SamTemplate t = runner.template();
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
      return t.functions().values().stream()
          .filter(f -> !f.schedules().isEmpty())
          .findFirst()
          .orElseThrow()
          .logicalId();
    }
    throw new AssertionError("cannot tell which function takes " + event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void sampleEvent_runsThroughItsFunction(String name) {
    JsonNode event = TestEvents.repo().json(name);
    String function = functionFor(event);
    JsonNode answer = runner.invoke(function, event);
    if (function.equals("AuthorizerFunction")) {
      String key = event.path("headers").path("X-API-Key").asText("");
      if (name.contains("without-key") || name.contains("malformed")) {
        assertEquals("Unauthorized", answer.path("errorMessage").asText(), name + ": " + answer);
      } else {
        String effect =
            answer.path("policyDocument").path("Statement").path(0).path("Effect").asText();
        assertEquals(
            key.equals(LocalRunner.SAMPLE_API_KEY) ? "Allow" : "Deny",
            effect,
            name + ": " + answer);
      }
      return;
    }
    assertFalse(answer.has("errorMessage"), name + " failed: " + answer);
    if (event.has("httpMethod")) {
      int status = answer.path("statusCode").asInt();
      assertTrue(status >= 200 && status < 500, name + " answered " + answer);
      assertTrue(answer.path("headers").path("X-Request-Id").asText().startsWith("req_"), name);
    } else if (event.has("Records")) {
      assertEquals(0, answer.path("batchItemFailures").size(), name + ": " + answer);
    }
  }

  @Test
  void everyFunctionOfTheTemplate_hasSampleEvents() throws IOException {
    List<String> covered = new ArrayList<>();
    for (String name : events().toList()) {
      covered.add(functionFor(TestEvents.repo().json(name)));
    }
    for (String f : runner.template().functions().keySet()) {
      assertTrue(covered.contains(f), f + " has no sample event under events/");
    }
  }

  @Test
  void invokeCommand_printsTheAnswerLikeSamLocalInvoke() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LocalRunner.run(
            new String[] {
              "invoke",
              "SealFunction",
              "-e",
              ROOT.resolve("events/seal/server-keys.json").toString(),
              "--template",
              ROOT.resolve("template.yaml").toString(),
              "--data-dir",
              dataDir.resolve("cli").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    JsonNode answer = readJson(out);
    assertEquals(200, answer.path("statusCode").asInt(), answer.toString());

    out.reset();
    code =
        LocalRunner.run(
            new String[] {
              "invoke",
              "AuthorizerFunction",
              "-e",
              ROOT.resolve("events/authorizer/request-malformed-key.json").toString(),
              "--template",
              ROOT.resolve("template.yaml").toString(),
              "--data-dir",
              dataDir.resolve("cli").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, code);
    assertEquals("Unauthorized", readJson(out).path("errorMessage").asText());
  }

  private static JsonNode readJson(ByteArrayOutputStream out) {
    try {
      return LambdaEventJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(out.toString(StandardCharsets.UTF_8), e);
    }
  }
}
