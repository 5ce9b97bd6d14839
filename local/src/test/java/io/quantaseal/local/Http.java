package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for the tests: requests to the local API, JSON answers. */
final class Http {
  /** An answer: status, headers (case-insensitive lookup), body. */
  record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return LocalJson.mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  Answer send(String method, String path, String apiKey, String body, Map<String, String> headers) {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    if (body != null) {
      all.put("Content-Type", "application/json");
    }
    all.putAll(headers);
    return sendBytes(
        method,
        path,
        apiKey,
        body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        all);
  }

  /** A request with these exact body bytes (or none) and headers (no Content-Type unless given). */
  Answer sendBytes(
      String method, String path, String apiKey, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null) {
      b.header("X-API-Key", apiKey);
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer get(String path, String apiKey) {
    return send("GET", path, apiKey, null, Map.of());
  }

  Answer post(String path, String apiKey, String body) {
    return send("POST", path, apiKey, body, Map.of());
  }
}
