package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one request layer: every call of every resource group goes through {@link #send(Call)}. It
 * adds the headers ({@code X-API-Key}, {@code User-Agent}, {@code Idempotency-Key}), applies the
 * {@link RetryPolicy}, maps error answers to {@link QuantaSealApiException} and I/O failures to
 * {@link TransportException}. What it logs (java.util.logging, FINE) never holds a header value or
 * a body.
 */
final class Transport {
  static final String VERSION = "0.1.0";
  static final String USER_AGENT =
      "quantaseal-java/" + VERSION + " java/" + System.getProperty("java.version");

  private static final Logger LOG = Logger.getLogger("io.quantaseal.client");

  /**
   * The largest answer read: above any valid envelope ({@code EnvelopeReader.MAX_ENVELOPE_BYTES})
   * and any list page; a longer one is not read into memory.
   */
  static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

  private static final java.util.regex.Pattern IDEMPOTENCY_KEY =
      java.util.regex.Pattern.compile("[!-~]{1,255}");

  /** Waits between attempts; tests give one that records instead of sleeping. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** One API call. */
  record Call(
      String method,
      String path,
      Map<String, String> query,
      JsonNode body,
      String idempotencyKey,
      boolean neverRetry,
      boolean acceptUpstream) {
    static Call get(String path) {
      return new Call("GET", path, Map.of(), null, null, false, false);
    }

    static Call get(String path, Map<String, String> query) {
      return new Call("GET", path, query, null, null, false, false);
    }

    static Call delete(String path, Map<String, String> query) {
      return new Call("DELETE", path, query, null, null, false, false);
    }

    static Call post(String path, JsonNode body, String idempotencyKey) {
      return new Call("POST", path, Map.of(), body, idempotencyKey, false, false);
    }

    static Call patch(String path, JsonNode body) {
      return new Call("PATCH", path, Map.of(), body, null, false, false);
    }

    Call neverRetried() {
      return new Call(method, path, query, body, idempotencyKey, true, acceptUpstream);
    }

    Call acceptingUpstream() {
      return new Call(method, path, query, body, idempotencyKey, neverRetry, true);
    }

    boolean retryable() {
      return !neverRetry
          && (method.equals("GET")
              || method.equals("DELETE")
              || (method.equals("POST") && idempotencyKey != null));
    }
  }

  private final String base;
  private final String apiKey;
  private final HttpClient http;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Clock clock;

  Transport(
      URI base,
      String apiKey,
      HttpClient http,
      Duration timeout,
      RetryPolicy retry,
      Sleeper sleeper,
      DoubleSupplier jitter,
      Clock clock) {
    String b = base.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.apiKey = apiKey;
    this.http = http;
    this.timeout = timeout;
    this.retry = retry;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.clock = clock;
  }

  static DoubleSupplier defaultJitter() {
    return () -> ThreadLocalRandom.current().nextDouble();
  }

  static String newIdempotencyKey() {
    return UUID.randomUUID().toString();
  }

  String baseUrl() {
    return base;
  }

  /** Sends one call, with retries; returns its 2xx answer (or an accepted upstream one). */
  Response send(Call call) {
    HttpRequest request = request(call);
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= retry.maxAttempts();
      HttpResponse<java.io.InputStream> answer;
      byte[] content;
      try {
        answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = answer.body()) {
          content = in.readNBytes(MAX_ANSWER_BYTES + 1);
        }
      } catch (ConnectException | HttpConnectTimeoutException e) {
        // Nothing was sent: safe to try again, whatever the request (unless it is never retried).
        if (last || call.neverRetry()) {
          throw failure(call, e);
        }
        pause(call, attempt, e.getClass().getSimpleName(), null);
        continue;
      } catch (IOException e) {
        if (last || !call.retryable()) {
          throw failure(call, e);
        }
        pause(call, attempt, e.getClass().getSimpleName(), null);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TransportException(call.method() + " " + call.path() + ": interrupted", e);
      }
      Response response = new Response(answer.statusCode(), answer.headers(), content);
      if (content.length > MAX_ANSWER_BYTES) {
        throw response.unexpected("the answer is over " + MAX_ANSWER_BYTES + " bytes");
      }
      int status = response.status();
      if ((call.acceptUpstream() && response.fromUpstream()) || (status >= 200 && status < 300)) {
        return response;
      }
      QuantaSealApiException error = error(response);
      boolean retryableStatus = status == 429 || (status >= 500 && status <= 599);
      if (last || !call.retryable() || !retryableStatus) {
        throw error;
      }
      Duration hint = error.retryAfter().orElse(null);
      if (hint != null && hint.compareTo(retry.maxRetryAfter()) > 0) {
        throw error; // longer than the client waits: the caller decides, with the hint
      }
      pause(call, attempt, String.valueOf(status), hint);
    }
  }

  private HttpRequest request(Call call) {
    StringBuilder uri = new StringBuilder(base).append(call.path());
    if (!call.query().isEmpty()) {
      StringJoiner q = new StringJoiner("&", "?", "");
      call.query()
          .forEach(
              (k, v) ->
                  q.add(
                      URLEncoder.encode(k, StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(v, StandardCharsets.UTF_8)));
      uri.append(q);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(timeout)
            .header("X-API-Key", apiKey)
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json");
    if (call.idempotencyKey() != null) {
      if (!IDEMPOTENCY_KEY.matcher(call.idempotencyKey()).matches()) {
        throw new IllegalArgumentException(
            "an Idempotency-Key is 1 to 255 printable ASCII characters, without spaces");
      }
      b.header("Idempotency-Key", call.idempotencyKey());
    }
    if (call.body() != null) {
      b.header("Content-Type", "application/json")
          .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(Json.write(call.body())));
    } else {
      b.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private static TransportException failure(Call call, IOException e) {
    return new TransportException(
        call.method() + " " + call.path() + ": " + e.getClass().getSimpleName(), e);
  }

  private void pause(Call call, int attempt, String why, Duration retryAfter) {
    Duration delay = retryAfter != null ? retryAfter : retry.backoff(attempt, jitter);
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine(
          String.format(
              "quantaseal: %s %s got %s; retry %d of %d in %d ms",
              call.method(), call.path(), why, attempt, retry.maxAttempts() - 1, delay.toMillis()));
    }
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException(call.method() + " " + call.path() + ": interrupted", e);
    }
  }

  /** The exception of an error answer: the contract's body, or a fallback for any other body. */
  QuantaSealApiException error(Response r) {
    HttpHeaders h = r.headers();
    Duration retryAfter = retryAfter(h.firstValue("Retry-After").orElse(null), clock);
    String requestId = r.requestId();
    if (requestId == null) {
      requestId = h.firstValue("x-amzn-RequestId").map(id -> "req_" + id).orElse(null);
    }
    JsonNode body = Json.parseOrNull(r.body());
    JsonNode e = body == null ? null : body.get("error");
    if (e != null && e.isObject() && e.path("code").isTextual() && e.path("message").isTextual()) {
      String bodyId = e.path("request_id").isTextual() ? e.get("request_id").textValue() : null;
      return new QuantaSealApiException(
          r.status(),
          e.get("code").textValue(),
          e.get("message").textValue(),
          bodyId != null ? bodyId : requestId,
          retryAfter);
    }
    return new QuantaSealApiException(
        r.status(),
        QuantaSealApiException.UNEXPECTED_RESPONSE,
        "HTTP " + r.status() + " without the API's error body",
        requestId,
        retryAfter);
  }

  /** A {@code Retry-After} (delta-seconds or an HTTP-date) as a wait, or null. */
  static Duration retryAfter(String value, Clock clock) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (!v.isEmpty() && v.length() <= 18 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), when.toInstant());
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
