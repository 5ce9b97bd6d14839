package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quantaseal.fakedatadog.FakeDatadog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** run-local's fake Datadog: which keys it takes, and the line it prints per request. */
class LocalFakeDatadogTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef";

  @Test
  void anyKeyButTheRejectedOne_oneEscapedLinePerRequest_neverTheKey() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    HttpClient http = HttpClient.newHttpClient();
    try (FakeDatadog dd =
        LocalFakeDatadog.start(0, new PrintStream(console, true, StandardCharsets.UTF_8))) {
      assertEquals(200, send(http, dd, "GET", "/api/v1/validate", KEY, null));
      assertEquals(
          403, send(http, dd, "GET", "/api/v1/validate", LocalFakeDatadog.REJECTED_KEY, null));
      assertEquals(
          202,
          send(
              http,
              dd,
              "POST",
              "/api/v2/logs",
              KEY,
              "[{\"ddsource\":\"quantaseal\",\"evt\":{\"name\":\"vault.seal\"}}]"));
      assertEquals(401, send(http, dd, "POST", "/api/v2/logs", null, "[]"));
    }
    String printed = console.toString(StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            "fake-datadog: GET /api/v1/validate -> 200 (key valid)",
            "fake-datadog: GET /api/v1/validate -> 403 (DD-API-KEY missing or refused)",
            "fake-datadog: POST /api/v2/logs -> 202 (1 log: ddsource quantaseal ×1 (vault.seal"
                + " ×1))",
            "fake-datadog: POST /api/v2/logs -> 401 (DD-API-KEY missing)"),
        printed.lines().toList());
    assertFalse(printed.contains(KEY));
  }

  private static int send(
      HttpClient http, FakeDatadog dd, String method, String path, String key, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(dd.baseUrl().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header(FakeDatadog.API_KEY_HEADER, key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
