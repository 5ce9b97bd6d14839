package io.quantaseal.fakedatadog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeDatadogIntegrationTest {

  private static final String KEY = "0123456789abcdef0123456789abcdef";
  private static final String SERIES_BODY =
      "{\"series\":[{\"metric\":\"quantaseal.seal.count\",\"type\":1,"
          + "\"points\":[{\"timestamp\":1700000000,\"value\":1}],\"tags\":[\"tenant:ten_1\"]}]}";
  private static final String EVENT_BODY =
      "{\"title\":\"Unseal denied\",\"text\":\"operation not allowed\","
          + "\"tags\":[\"tenant:ten_1\"],\"alert_type\":\"warning\",\"priority\":\"normal\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeDatadog dd;
  private HttpClient http;

  @BeforeAll
  void start() {
    dd = FakeDatadog.start(KEY);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterAll
  void stop() {
    dd.close();
  }

  @BeforeEach
  void reset() {
    dd.reset();
  }

  private HttpResponse<String> send(String method, String path, String key, byte[] body)
      throws IOException, InterruptedException {
    return send(method, path, key, body, null, Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(
      String method, String path, String key, byte[] body, String encoding, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(dd.baseUrl().resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (key != null) {
      b.header(FakeDatadog.API_KEY_HEADER, key);
    }
    if (encoding != null) {
      b.header("Content-Encoding", encoding);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return send("POST", path, KEY, body.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  // ---- the documented API --------------------------------------------------------------------

  @Test
  void baseUrl_isLoopback() {
    assertEquals(URI.create("http://127.0.0.1:" + dd.port()), dd.baseUrl());
  }

  @Test
  void validate_knownKey_200Valid() throws Exception {
    HttpResponse<String> r = send("GET", FakeDatadog.VALIDATE, KEY, null);

    assertEquals(200, r.statusCode());
    assertEquals("{\"valid\":true}", r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void validate_unknownOrMissingKey_403Forbidden() throws Exception {
    HttpResponse<String> unknown = send("GET", FakeDatadog.VALIDATE, "not-a-key", null);
    HttpResponse<String> missing = send("GET", FakeDatadog.VALIDATE, null, null);

    assertEquals(403, unknown.statusCode());
    assertEquals("{\"errors\":[\"Forbidden\"]}", unknown.body());
    assertEquals(403, missing.statusCode());
  }

  @Test
  void revokeApiKey_thenValidate_403_andAddApiKey_200() throws Exception {
    dd.addApiKey("second-key");
    assertEquals(200, send("GET", FakeDatadog.VALIDATE, "second-key", null).statusCode());

    dd.revokeApiKey("second-key");

    assertEquals(403, send("GET", FakeDatadog.VALIDATE, "second-key", null).statusCode());
  }

  @Test
  void events_post_202WithEventEcho() throws Exception {
    HttpResponse<String> r = post(FakeDatadog.EVENTS, EVENT_BODY);

    assertEquals(202, r.statusCode());
    JsonNode body = json(r);
    assertEquals("ok", body.get("status").asText());
    JsonNode event = body.get("event");
    assertEquals("Unseal denied", event.get("title").asText());
    assertEquals("operation not allowed", event.get("text").asText());
    assertEquals("tenant:ten_1", event.get("tags").get(0).asText());
    assertEquals(event.get("id").asText(), event.get("id_str").asText());
    assertTrue(event.get("url").asText().endsWith("id=" + event.get("id_str").asText()));
    assertTrue(event.get("date_happened").asLong() > 1_600_000_000L);
  }

  @Test
  void series_post_202EmptyErrors() throws Exception {
    HttpResponse<String> r = post(FakeDatadog.SERIES, SERIES_BODY);

    assertEquals(202, r.statusCode());
    assertEquals("{\"errors\":[]}", r.body());
  }

  @Test
  void logs_post_202EmptyObject_singleOrArray() throws Exception {
    assertEquals("{}", post(FakeDatadog.LOGS, "{\"message\":\"hello\"}").body());
    HttpResponse<String> r =
        post(
            FakeDatadog.LOGS,
            "[{\"message\":\"a\",\"ddsource\":\"quantaseal\"},{\"message\":\"b\"}]");

    assertEquals(202, r.statusCode());
    assertEquals("{}", r.body());
  }

  @Test
  void logs_missingKey_401_unknownKey_403_inIntakeErrorShape() throws Exception {
    byte[] log = "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> missing = send("POST", FakeDatadog.LOGS, null, log);
    HttpResponse<String> unknown = send("POST", FakeDatadog.LOGS, "nope", log);

    assertEquals(401, missing.statusCode());
    assertEquals(403, unknown.statusCode());
    JsonNode error = json(unknown).get("errors").get(0);
    assertEquals("403", error.get("status").asText());
    assertEquals("Forbidden", error.get("title").asText());
  }

  @Test
  void everyApiEndpoint_withoutKey_403() throws Exception {
    for (String path : List.of(FakeDatadog.EVENTS, FakeDatadog.SERIES)) {
      HttpResponse<String> r =
          send("POST", path, null, SERIES_BODY.getBytes(StandardCharsets.UTF_8));
      assertEquals(403, r.statusCode(), path);
      assertEquals("{\"errors\":[\"Forbidden\"]}", r.body(), path);
    }
  }

  @Test
  void gzipBody_isAccepted_andRecordedDecoded() throws Exception {
    HttpResponse<String> r =
        send("POST", FakeDatadog.SERIES, KEY, gzip(SERIES_BODY), "gzip", Duration.ofSeconds(10));

    assertEquals(202, r.statusCode());
    FakeDatadog.ReceivedRequest received = dd.requests(FakeDatadog.SERIES).get(0);
    assertEquals(SERIES_BODY, received.bodyAsString());
    assertEquals("quantaseal.seal.count", received.json().at("/series/0/metric").asText());
    assertEquals("gzip", received.header("content-encoding"));
    assertEquals(KEY, received.header("dd-api-key"));
    assertEquals(202, received.status());
  }

  @Test
  void deflateBody_isAccepted_andRecordedDecoded() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
      deflate.write(SERIES_BODY.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> r =
        send("POST", FakeDatadog.SERIES, KEY, out.toByteArray(), "deflate", Duration.ofSeconds(10));

    assertEquals(202, r.statusCode());
    assertEquals(SERIES_BODY, dd.requests(FakeDatadog.SERIES).get(0).bodyAsString());
  }

  @Test
  void malformedJson_400InDatadogShape() throws Exception {
    HttpResponse<String> r = post(FakeDatadog.EVENTS, "{not json");

    assertEquals(400, r.statusCode());
    assertTrue(json(r).get("errors").get(0).isTextual());
  }

  @Test
  void unknownPath_404_wrongMethod_405() throws Exception {
    assertEquals(404, send("GET", "/api/v1/monitor", KEY, null).statusCode());
    assertEquals(405, send("GET", FakeDatadog.SERIES, KEY, null).statusCode());
  }

  @Test
  void series_overDocumentedSize_413() throws Exception {
    String big = "{\"series\":[],\"pad\":\"" + "x".repeat(FakeDatadog.SERIES_MAX_BYTES) + "\"}";

    assertEquals(413, post(FakeDatadog.SERIES, big).statusCode());
  }

  // ---- scripted faults -----------------------------------------------------------------------

  @Test
  void rateLimit_twice_then202_withRateLimitHeaders() throws Exception {
    dd.rateLimit(2, Duration.ofSeconds(3));

    HttpResponse<String> first = post(FakeDatadog.SERIES, SERIES_BODY);
    HttpResponse<String> second = post(FakeDatadog.SERIES, SERIES_BODY);
    HttpResponse<String> third = post(FakeDatadog.SERIES, SERIES_BODY);

    assertEquals(
        List.of(429, 429, 202),
        List.of(first.statusCode(), second.statusCode(), third.statusCode()));
    assertEquals("3", first.headers().firstValue("X-RateLimit-Reset").orElseThrow());
    assertEquals("3", first.headers().firstValue("Retry-After").orElseThrow());
    assertEquals("0", first.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    assertEquals("100", first.headers().firstValue("X-RateLimit-Limit").orElseThrow());
    assertEquals("60", first.headers().firstValue("X-RateLimit-Period").orElseThrow());
    assertTrue(json(first).get("errors").isArray());
    assertEquals(
        List.of(429, 429, 202),
        dd.requests().stream().map(FakeDatadog.ReceivedRequest::status).toList());
  }

  @Test
  void on_path_faultOnlyHitsThatPath() throws Exception {
    dd.on(FakeDatadog.LOGS).fail(1, 503);

    assertEquals(202, post(FakeDatadog.SERIES, SERIES_BODY).statusCode());
    HttpResponse<String> logs = post(FakeDatadog.LOGS, "{\"message\":\"x\"}");
    assertEquals(503, logs.statusCode());
    assertEquals("503", json(logs).at("/errors/0/status").asText());
    assertEquals(202, post(FakeDatadog.LOGS, "{\"message\":\"x\"}").statusCode());
  }

  @Test
  void faults_applyInScriptOrder() throws Exception {
    dd.fail(1, 500).payloadTooLarge(1).badRequest(1, "Invalid tag", "Invalid title");

    assertEquals(500, post(FakeDatadog.EVENTS, EVENT_BODY).statusCode());
    assertEquals(413, post(FakeDatadog.EVENTS, EVENT_BODY).statusCode());
    HttpResponse<String> bad = post(FakeDatadog.EVENTS, EVENT_BODY);
    assertEquals(400, bad.statusCode());
    assertEquals("{\"errors\":[\"Invalid tag\",\"Invalid title\"]}", bad.body());
    assertEquals(202, post(FakeDatadog.EVENTS, EVENT_BODY).statusCode());
  }

  @Test
  void faults_doNotPreemptTheKeyCheck() throws Exception {
    dd.fail(1, 500);

    assertEquals(403, send("GET", FakeDatadog.VALIDATE, "nope", null).statusCode());
    assertEquals(500, send("GET", FakeDatadog.VALIDATE, KEY, null).statusCode());
  }

  @Test
  void delay_answersNormallyAfterTheDelay() throws Exception {
    dd.delay(1, Duration.ofMillis(400));

    long start = System.nanoTime();
    HttpResponse<String> r = post(FakeDatadog.SERIES, SERIES_BODY);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(202, r.statusCode());
    assertTrue(elapsedMs >= 400, "answered after " + elapsedMs + " ms");
  }

  @Test
  void delayAll_slowsEveryAnswerUntilCleared() throws Exception {
    dd.delayAll(Duration.ofMillis(250));
    long start = System.nanoTime();
    post(FakeDatadog.LOGS, "{}");
    post(FakeDatadog.LOGS, "{}");
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 500);

    dd.clearFaults();
    start = System.nanoTime();
    post(FakeDatadog.LOGS, "{}");
    assertTrue((System.nanoTime() - start) / 1_000_000 < 250);
  }

  @Test
  void hang_clientTimesOut_andServerStillStopsPromptly() throws Exception {
    try (FakeDatadog own = FakeDatadog.start(KEY)) {
      own.hang(1);
      HttpRequest request =
          HttpRequest.newBuilder(own.baseUrl().resolve(FakeDatadog.SERIES))
              .timeout(Duration.ofMillis(500))
              .header(FakeDatadog.API_KEY_HEADER, KEY)
              .POST(HttpRequest.BodyPublishers.ofString(SERIES_BODY))
              .build();

      assertThrows(
          HttpTimeoutException.class,
          () -> http.send(request, HttpResponse.BodyHandlers.ofString()));
      assertEquals(1, own.count(FakeDatadog.SERIES));

      long start = System.nanoTime();
      own.close();
      assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "close took too long");
    }
  }

  @Test
  void randomFailures_seeded_sameSequenceEveryTime_nearTheRatio() throws Exception {
    List<Integer> first = statuses(dd.randomFailures(0.3, 42L, 500, 503), 100);
    dd.reset();
    List<Integer> second = statuses(dd.randomFailures(0.3, 42L, 500, 503), 100);

    assertEquals(first, second);
    long failures = first.stream().filter(s -> s >= 500).count();
    assertTrue(failures >= 15 && failures <= 45, failures + " failures of 100");
    assertTrue(first.stream().allMatch(s -> s == 202 || s == 500 || s == 503), first.toString());
  }

  private List<Integer> statuses(FakeDatadog fake, int n) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      statuses.add(post(FakeDatadog.LOGS, "{\"message\":\"m" + i + "\"}").statusCode());
    }
    return statuses;
  }

  // ---- inspection ----------------------------------------------------------------------------

  @Test
  void inspection_countsPerPath_andRequestsInOrder() throws Exception {
    post(FakeDatadog.SERIES, SERIES_BODY);
    post(FakeDatadog.LOGS, "{\"message\":\"one\"}");
    post(FakeDatadog.LOGS, "{\"message\":\"two\"}");
    send("GET", FakeDatadog.VALIDATE, KEY, null);

    assertEquals(
        Map.of(FakeDatadog.LOGS, 2, FakeDatadog.SERIES, 1, FakeDatadog.VALIDATE, 1),
        dd.countsByPath());
    assertEquals(2, dd.count(FakeDatadog.LOGS));
    List<FakeDatadog.ReceivedRequest> logs = dd.requests(FakeDatadog.LOGS);
    assertEquals("one", logs.get(0).json().get("message").asText());
    assertEquals("two", logs.get(1).json().get("message").asText());
    assertEquals("POST", logs.get(0).method());
    assertNotNull(logs.get(0).receivedAt());
    assertEquals(4, dd.requests().size());
    assertTrue(dd.awaitCount(FakeDatadog.LOGS, 2, Duration.ofMillis(10)));
  }

  @Test
  void receivedRequest_toString_neverShowsTheKey() throws Exception {
    post(FakeDatadog.SERIES, SERIES_BODY);

    String text = dd.requests().get(0).toString();

    assertTrue(!text.contains(KEY), text);
  }

  @Test
  void receivedRequest_jsonOfAGetIsMissing_jsonOrNullOfGarbageIsNull_sizesAsSent()
      throws Exception {
    send("GET", FakeDatadog.VALIDATE, KEY, null);
    send("POST", FakeDatadog.LOGS, KEY, "not json".getBytes(StandardCharsets.UTF_8));
    send("POST", FakeDatadog.SERIES, KEY, gzip(SERIES_BODY), "gzip", Duration.ofSeconds(10));
    List<FakeDatadog.ReceivedRequest> r = dd.requests();
    assertTrue(r.get(0).json().isMissingNode());
    assertEquals(null, r.get(1).jsonOrNull());
    assertEquals(400, r.get(1).status());
    assertThrows(IllegalStateException.class, () -> r.get(1).json());
    assertEquals(gzip(SERIES_BODY).length, r.get(2).bytesReceived(), "as sent, compressed");
    assertEquals(SERIES_BODY.length(), r.get(2).body().length, "decoded");
  }

  @Test
  void anyKeyButTheRefusedOnes_andEachRequestHeardBeforeItIsAnswered() throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FakeDatadog any =
        FakeDatadog.builder()
            .acceptAnyApiKeyBut("refused-key")
            .onRequest(r -> heard.add(r.decodedPath() + " " + r.status()))
            .start()) {
      HttpResponse<String> ok = get(any, "/api/v1/validate", "whatever-key");
      assertEquals(200, ok.statusCode());
      assertEquals(403, get(any, "/api/v1/validate", "refused-key").statusCode());
      assertEquals(403, get(any, "/api/v1/validate", " ").statusCode(), "blank is no key");
      assertEquals(404, get(any, "/api/v1/a%20b", "whatever-key").statusCode());
      assertEquals(
          List.of(
              "/api/v1/validate 200",
              "/api/v1/validate 403",
              "/api/v1/validate 403",
              "/api/v1/a b 404"),
          heard);
      assertEquals("/api/v1/a%20b", any.requests().get(3).path(), "path() as sent");
    }
  }

  private HttpResponse<String> get(FakeDatadog target, String path, String key)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(target.baseUrl().resolve(path))
            .header(FakeDatadog.API_KEY_HEADER, key)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listensOnLoopbackOnly() {
    assertTrue(dd.address().getAddress().isLoopbackAddress(), dd.address().toString());
    assertEquals(dd.port(), dd.address().getPort());
  }
}
