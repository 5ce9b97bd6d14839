package io.quantaseal.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A fake Datadog on 127.0.0.1 (WireMock, dynamic port) that answers like Datadog's documented API,
 * records what it received, and misbehaves on request.
 *
 * <p>Both of Datadog's hosts are served on one port: callers are configured with {@link #baseUrl()}
 * in place of {@code https://api.{site}} and {@code https://http-intake.logs.{site}}.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>GET /api/v1/validate</td><td>200 {"valid":true}</td></tr>
 *   <tr><td>POST /api/v1/events</td><td>202 {"status":"ok","event":{id, title, text, …}}</td></tr>
 *   <tr><td>POST /api/v2/series</td><td>202 {"errors":[]}</td></tr>
 *   <tr><td>POST /api/v2/logs</td><td>202 {}</td></tr>
 * </table>
 *
 * <p>Every request needs a {@code DD-API-KEY} header holding a known key, else 403 {@code
 * {"errors":["Forbidden"]}} (for the logs intake, as documented: 401 when the header is missing,
 * 403 when the key is unknown, in the intake's {@code {"errors":[{"status","title","detail"}]}}
 * shape). Bodies may be sent with {@code Content-Encoding: gzip} or {@code deflate}; malformed JSON
 * gets 400. Documented size limits answer 413: series over 512,000 bytes as sent or 5 MB
 * decompressed, logs over 5 MB decompressed.
 *
 * <p>Faults are scripted in order: each applies to the next {@code times} requests that passed the
 * key check (optionally on one path), then the fake answers normally again.
 *
 * <pre>{@code
 * try (FakeDatadog dd = FakeDatadog.start("good-key")) {
 *   dd.rateLimit(2, Duration.ofSeconds(1));           // two 429s, then 202
 *   dd.on("/api/v2/logs").fail(1, 503);               // next log batch: 503
 *   dd.randomFailures(0.3, 42L, 500, 503);            // then 30% 5xx, reproducibly
 *   ... run the code under test against dd.baseUrl() ...
 *   assertEquals(3, dd.count("/api/v2/series"));
 *   JsonNode series = dd.requests("/api/v2/series").get(2).json();
 * }
 * }</pre>
 */
public final class FakeDatadog implements AutoCloseable {

  /** Header that carries the API key. */
  public static final String API_KEY_HEADER = "DD-API-KEY";

  /** Header that carries the application key (recorded, never required). */
  public static final String APPLICATION_KEY_HEADER = "DD-APPLICATION-KEY";

  public static final String VALIDATE = "/api/v1/validate";
  public static final String EVENTS = "/api/v1/events";
  public static final String SERIES = "/api/v2/series";
  public static final String LOGS = "/api/v2/logs";

  /** Series payload limit as sent (Datadog: 500 KiB). */
  public static final int SERIES_MAX_BYTES = 512_000;

  /** Decompressed payload limit of series and logs (Datadog: 5 MB). */
  public static final int MAX_DECOMPRESSED_BYTES = 5 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRANSFORMER = "quantaseal-fake-datadog";
  private static final Set<String> ROUTES = Set.of(VALIDATE, EVENTS, SERIES, LOGS);

  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
  private final List<ScriptedFault> faults = new CopyOnWriteArrayList<>();
  private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
  private final AtomicLong eventIds = new AtomicLong(7_000_000_000_000_000_000L);
  private final Object lock = new Object();
  private volatile Duration delayAll = Duration.ZERO;
  private RandomFailures randomFailures; // guarded by lock
  private final Path root;
  private final WireMockServer server;

  private FakeDatadog(Collection<String> keys) {
    apiKeys.addAll(keys);
    try {
      root = Files.createTempDirectory("fake-datadog-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temp directory", e);
    }
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderDirectory(root.toString())
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(8)
                .containerThreads(32)
                .jettyStopTimeout(1_000L)
                .extensions(new Transformer()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(TRANSFORMER)));
  }

  /** Starts the fake; requests must carry one of these API keys. */
  public static FakeDatadog start(String... knownApiKeys) {
    return new FakeDatadog(Arrays.asList(knownApiKeys));
  }

  /** The port, on 127.0.0.1. */
  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>}: stands for both {@code api.{site}} and the logs intake. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** Accepts this API key from now on. */
  public FakeDatadog addApiKey(String apiKey) {
    apiKeys.add(Objects.requireNonNull(apiKey));
    return this;
  }

  /** Refuses this API key from now on (403), as after a key is revoked in Datadog. */
  public FakeDatadog revokeApiKey(String apiKey) {
    apiKeys.remove(apiKey);
    return this;
  }

  // ---- faults ----------------------------------------------------------------------------------

  /** Scripts faults for requests to this path only (e.g. {@link #LOGS}). */
  public Script on(String path) {
    return new Script(Objects.requireNonNull(path));
  }

  /** 429 with {@code X-RateLimit-*} and {@code Retry-After} headers, {@code times} times. */
  public FakeDatadog rateLimit(int times, Duration reset) {
    new Script(null).rateLimit(times, reset);
    return this;
  }

  /** Answers {@code status} (any 4xx/5xx) with Datadog's error body, {@code times} times. */
  public FakeDatadog fail(int times, int status) {
    new Script(null).fail(times, status);
    return this;
  }

  /** 400 with these messages in Datadog's error body, {@code times} times. */
  public FakeDatadog badRequest(int times, String... errors) {
    new Script(null).badRequest(times, errors);
    return this;
  }

  /** 413 Payload Too Large, {@code times} times. */
  public FakeDatadog payloadTooLarge(int times) {
    new Script(null).payloadTooLarge(times);
    return this;
  }

  /** Answers normally but only after {@code delay}, {@code times} times. */
  public FakeDatadog delay(int times, Duration delay) {
    new Script(null).delay(times, delay);
    return this;
  }

  /** Never answers in practice (10 minutes), {@code times} times: for client timeouts. */
  public FakeDatadog hang(int times) {
    new Script(null).hang(times);
    return this;
  }

  /** Delays every answer from now on by {@code delay} ({@link Duration#ZERO} to stop). */
  public FakeDatadog delayAll(Duration delay) {
    this.delayAll = Objects.requireNonNull(delay);
    return this;
  }

  /**
   * From now on, answers a {@code ratio} of the requests not taken by a scripted fault with one of
   * {@code statuses} (default 500 and 503), drawn from a generator seeded with {@code seed}: the
   * same sequence of requests gets the same sequence of failures.
   */
  public FakeDatadog randomFailures(double ratio, long seed, int... statuses) {
    if (ratio < 0 || ratio > 1) {
      throw new IllegalArgumentException("ratio must be within [0, 1]: " + ratio);
    }
    int[] pool = statuses.length == 0 ? new int[] {500, 503} : statuses.clone();
    synchronized (lock) {
      randomFailures = new RandomFailures(ratio, new Random(seed), pool);
    }
    return this;
  }

  /** Drops scripted faults, random failures and the global delay. */
  public FakeDatadog clearFaults() {
    faults.clear();
    synchronized (lock) {
      randomFailures = null;
    }
    delayAll = Duration.ZERO;
    return this;
  }

  /** {@link #clearFaults()} and forgets received requests; known keys stay. */
  public FakeDatadog reset() {
    clearFaults();
    received.clear();
    return this;
  }

  // ---- inspection ------------------------------------------------------------------------------

  /** Every request received, in arrival order. */
  public List<ReceivedRequest> requests() {
    return List.copyOf(received);
  }

  /** Requests received on this path, in arrival order. */
  public List<ReceivedRequest> requests(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** How many requests arrived on this path. */
  public int count(String path) {
    return (int) received.stream().filter(r -> r.path().equals(path)).count();
  }

  /** Request counts per path, sorted by path. */
  public Map<String, Integer> countsByPath() {
    Map<String, Integer> counts = new TreeMap<>();
    received.forEach(r -> counts.merge(r.path(), 1, Integer::sum));
    return counts;
  }

  /**
   * Waits until at least {@code n} requests arrived on {@code path} (for code that sends in the
   * background); true if they did within {@code timeout}.
   */
  public boolean awaitCount(String path, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(path) < n) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Stops the server (in-flight delayed answers are abandoned) and deletes its files. */
  @Override
  public void close() {
    server.stop();
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Temp files left behind are harmless.
    }
  }

  @Override
  public String toString() {
    return "FakeDatadog[" + baseUrl() + "]";
  }

  // ---- scripting -------------------------------------------------------------------------------

  /** Faults limited to one path; see {@link FakeDatadog#on(String)}. */
  public final class Script {
    private final String path; // null: any path

    private Script(String path) {
      this.path = path;
    }

    public Script rateLimit(int times, Duration reset) {
      long seconds = Math.max(1, (reset.toMillis() + 999) / 1000);
      return add(
          times,
          p -> {
            Answer a = error(p, 429, "Too Many Requests", "Rate limit exceeded");
            a.headers.put("X-RateLimit-Limit", "100");
            a.headers.put("X-RateLimit-Period", "60");
            a.headers.put("X-RateLimit-Remaining", "0");
            a.headers.put("X-RateLimit-Reset", Long.toString(seconds));
            a.headers.put("X-RateLimit-Name", "fake_datadog");
            a.headers.put("Retry-After", Long.toString(seconds));
            return a;
          });
    }

    public Script fail(int times, int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("not an error status: " + status);
      }
      return add(times, p -> error(p, status, reason(status), reason(status)));
    }

    public Script badRequest(int times, String... errors) {
      List<String> messages = errors.length == 0 ? List.of("Bad Request") : List.of(errors);
      return add(times, p -> error(p, 400, "Bad Request", messages.toArray(String[]::new)));
    }

    public Script payloadTooLarge(int times) {
      return add(times, p -> error(p, 413, "Payload Too Large", "Payload too large"));
    }

    public Script delay(int times, Duration delay) {
      Objects.requireNonNull(delay);
      return add(times, p -> new Answer(0).delay(delay));
    }

    public Script hang(int times) {
      return delay(times, Duration.ofMinutes(10));
    }

    private Script add(int times, java.util.function.Function<String, Answer> answer) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be positive: " + times);
      }
      faults.add(new ScriptedFault(path, times, answer));
      return this;
    }
  }

  private static final class ScriptedFault {
    final String path;
    int remaining; // guarded by FakeDatadog.lock
    final java.util.function.Function<String, Answer> answer;

    ScriptedFault(String path, int remaining, java.util.function.Function<String, Answer> answer) {
      this.path = path;
      this.remaining = remaining;
      this.answer = answer;
    }
  }

  private record RandomFailures(double ratio, Random random, int[] statuses) {}

  // ---- answering -------------------------------------------------------------------------------

  /** A response under construction; status 0 means "the normal answer". */
  private static final class Answer {
    int status;
    String body;
    final Map<String, String> headers = new LinkedHashMap<>();
    Duration delay = Duration.ZERO;

    Answer(int status) {
      this.status = status;
    }

    Answer json(JsonNode node) {
      this.body = node.toString();
      return this;
    }

    Answer delay(Duration d) {
      this.delay = d;
      return this;
    }
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return TRANSFORMER;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      LoggedRequest request = serveEvent.getRequest();
      String method = request.getMethod().getName();
      URI uri = URI.create(request.getUrl());
      String path = uri.getRawPath();
      byte[] raw = request.getBody() == null ? new byte[0] : request.getBody();
      String encoding = request.getHeader("Content-Encoding");
      Answer answer;
      byte[] body;
      try {
        body = decode(raw, encoding);
        answer = answer(method, path, request, raw, body);
      } catch (IOException badEncoding) {
        body = raw;
        answer = error(path, 400, "Bad Request", "Cannot decode " + encoding + " body");
      }
      if (!delayAll.isZero() && answer.delay.isZero()) {
        answer.delay = delayAll;
      }
      received.add(
          new ReceivedRequest(
              method,
              path,
              uri.getRawQuery(),
              headersOf(request.getHeaders()),
              body,
              answer.status,
              Instant.now(),
              answer.delay));
      var builder =
          com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
              .withStatus(answer.status)
              .withHeader("Content-Type", "application/json")
              .withBody(answer.body == null ? "{}" : answer.body);
      answer.headers.forEach(builder::withHeader);
      if (!answer.delay.isZero()) {
        builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, answer.delay.toMillis()));
      }
      return builder.build();
    }
  }

  private Answer answer(
      String method, String path, LoggedRequest request, byte[] raw, byte[] body) {
    if (!ROUTES.contains(path)) {
      return error(path, 404, "Not Found", "Not found");
    }
    String expectedMethod = path.equals(VALIDATE) ? "GET" : "POST";
    if (!expectedMethod.equals(method)) {
      return error(path, 405, "Method Not Allowed", "Method Not Allowed");
    }
    String key = request.getHeader(API_KEY_HEADER);
    if (key == null || key.isEmpty()) {
      return path.equals(LOGS)
          ? error(path, 401, "Unauthorized", "API key is missing")
          : error(path, 403, "Forbidden", "Forbidden");
    }
    if (!apiKeys.contains(key)) {
      return error(path, 403, "Forbidden", "Forbidden");
    }
    Answer scripted = nextFault(path);
    Answer normal = normalAnswer(path, raw, body);
    if (scripted == null) {
      return normal;
    }
    if (scripted.status == 0) { // a delay: the normal answer, later
      return normal.delay(scripted.delay);
    }
    return scripted;
  }

  private Answer nextFault(String path) {
    synchronized (lock) {
      Iterator<ScriptedFault> it = faults.iterator();
      while (it.hasNext()) {
        ScriptedFault fault = it.next();
        if (fault.remaining > 0 && (fault.path == null || fault.path.equals(path))) {
          fault.remaining--;
          if (fault.remaining == 0) {
            faults.remove(fault);
          }
          return fault.answer.apply(path);
        }
      }
      if (randomFailures != null && randomFailures.random().nextDouble() < randomFailures.ratio()) {
        int[] pool = randomFailures.statuses();
        int status = pool[randomFailures.random().nextInt(pool.length)];
        return error(path, status, reason(status), reason(status));
      }
      return null;
    }
  }

  private Answer normalAnswer(String path, byte[] raw, byte[] body) {
    switch (path) {
      case VALIDATE:
        return new Answer(200).json(JSON.createObjectNode().put("valid", true));
      case EVENTS:
        {
          JsonNode event = parse(body);
          if (event == null || !event.isObject()) {
            return error(path, 400, "Bad Request", "Invalid JSON body: expected an event object");
          }
          if (!event.hasNonNull("title") || !event.hasNonNull("text")) {
            return error(path, 400, "Bad Request", "Event title and text are required");
          }
          long id = eventIds.incrementAndGet();
          ObjectNode echo = JSON.createObjectNode();
          echo.put("id", id);
          echo.put("id_str", Long.toString(id));
          echo.set("title", event.get("title"));
          echo.set("text", event.get("text"));
          echo.put(
              "date_happened",
              event.hasNonNull("date_happened")
                  ? event.get("date_happened").asLong()
                  : Instant.now().getEpochSecond());
          echo.putNull("handle");
          echo.set("priority", event.hasNonNull("priority") ? event.get("priority") : null);
          echo.putNull("related_event_id");
          echo.set("tags", event.has("tags") ? event.get("tags") : JSON.createArrayNode());
          echo.put("url", "https://app.datadoghq.com/event/event?id=" + id);
          ObjectNode response = JSON.createObjectNode();
          response.put("status", "ok");
          response.set("event", echo);
          return new Answer(202).json(response);
        }
      case SERIES:
        {
          if (raw.length > SERIES_MAX_BYTES || body.length > MAX_DECOMPRESSED_BYTES) {
            return error(path, 413, "Payload Too Large", "Payload too large");
          }
          JsonNode series = parse(body);
          if (series == null || !series.path("series").isArray()) {
            return error(path, 400, "Bad Request", "Invalid JSON body: expected {\"series\":[…]}");
          }
          return new Answer(202)
              .json(JSON.createObjectNode().set("errors", JSON.createArrayNode()));
        }
      case LOGS:
        {
          if (body.length > MAX_DECOMPRESSED_BYTES) {
            return error(path, 413, "Payload Too Large", "Payload too large");
          }
          JsonNode logs = parse(body);
          if (logs == null || !(logs.isObject() || logs.isArray())) {
            return error(path, 400, "Bad Request", "Invalid JSON body");
          }
          return new Answer(202).json(JSON.createObjectNode());
        }
      default:
        return error(path, 404, "Not Found", "Not found");
    }
  }

  /**
   * Datadog's error bodies: the API answers {@code {"errors":["…"]}}, the logs intake {@code
   * {"errors":[{"status":"…","title":"…","detail":"…"}]}}.
   */
  private static Answer error(String path, int status, String title, String... messages) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode errors = body.putArray("errors");
    for (String message : messages) {
      if (LOGS.equals(path)) {
        errors
            .addObject()
            .put("status", Integer.toString(status))
            .put("title", title)
            .put("detail", message);
      } else {
        errors.add(message);
      }
    }
    return new Answer(status).json(body);
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 413 -> "Payload Too Large";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error " + status;
    };
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException malformed) {
      return null;
    }
  }

  /**
   * Undoes {@code Content-Encoding}. WireMock may already have gunzipped the body, so the gzip
   * magic number decides, not the header alone.
   */
  static byte[] decode(byte[] raw, String encoding) throws IOException {
    if (encoding == null || raw.length == 0) {
      return raw;
    }
    String e = encoding.trim().toLowerCase(Locale.ROOT);
    if (e.equals("gzip") && raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return readLimited(in);
      }
    }
    if (e.equals("deflate")) {
      try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(raw))) {
        return readLimited(in);
      }
    }
    return raw;
  }

  // A zip bomb must not take the test JVM down: stop one byte past the limit.
  private static byte[] readLimited(InputStream in) throws IOException {
    return in.readNBytes(MAX_DECOMPRESSED_BYTES + 1);
  }

  private static Map<String, List<String>> headersOf(HttpHeaders headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (HttpHeader h : headers.all()) {
      map.computeIfAbsent(h.key(), k -> new ArrayList<>()).addAll(h.values());
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(map);
  }

  /** One request as the fake saw it: body decoded, plus the status it was answered with. */
  public static final class ReceivedRequest {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int status;
    private final Instant receivedAt;
    private final Duration answerDelay;

    ReceivedRequest(
        String method,
        String path,
        String query,
        Map<String, List<String>> headers,
        byte[] body,
        int status,
        Instant receivedAt,
        Duration answerDelay) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.headers = headers;
      this.body = body;
      this.status = status;
      this.receivedAt = receivedAt;
      this.answerDelay = answerDelay;
    }

    public String method() {
      return method;
    }

    public String path() {
      return path;
    }

    /** Raw query string, or null. */
    public String query() {
      return query;
    }

    /** All headers; lookups ignore case. */
    public Map<String, List<String>> headers() {
      return headers;
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body after undoing {@code Content-Encoding}. */
    public byte[] body() {
      return body.clone();
    }

    public String bodyAsString() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON. */
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Body of " + method + " " + path + " is not JSON", e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The status the fake answered with. */
    public int status() {
      return status;
    }

    public Instant receivedAt() {
      return receivedAt;
    }

    /**
     * How long the fake held the answer back ({@link #delay}, {@link #hang}, {@link #delayAll});
     * {@link Duration#ZERO} when it answered at once. A caller that gave up earlier never saw
     * {@link #status()}.
     */
    public Duration answerDelay() {
      return answerDelay;
    }

    /** Never prints key headers. */
    @Override
    public String toString() {
      return method + " " + path + " -> " + status + " (" + body.length + " bytes)";
    }
  }
}
