package io.quantaseal.fakedatadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * The fake Datadog on 127.0.0.1 (the JDK's HTTP server) that the tests and {@code ./run-local
 * --fake-datadog} share: it answers like Datadog's documented API, records what it received, and
 * misbehaves on request.
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
 * <p>Every request needs a {@code DD-API-KEY} header with an accepted key (the known ones, or any
 * but the refused ones: {@link Builder#acceptAnyApiKeyBut(String...)}), else 403 {@code
 * {"errors":["Forbidden"]}}; the logs intake answers as Datadog documents for it (401 when the
 * header is missing, 403 when the key is refused) in its {@code
 * {"errors":[{"status","title","detail"}]}} shape. Bodies may be sent with {@code Content-Encoding:
 * gzip} or {@code deflate}; one that does not decode, or malformed JSON, gets 400. Documented size
 * limits answer 413: series over 512,000 bytes as sent or 5 MB decompressed, logs over 5 MB
 * decompressed. Unknown paths get 404, a wrong method 405.
 *
 * <p>Faults are scripted in order: each applies to the next {@code times} requests that passed the
 * key check (optionally on one path), then the fake answers normally again. A delayed answer holds
 * no server thread while it waits.
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

  /** Most bytes read of one request body; the rest is dropped (and the body is over any limit). */
  static final int MAX_READ_BYTES = 64 * 1024 * 1024;

  /** "Never" for a hang: longer than any test or client timeout. */
  static final Duration HANG = Duration.ofMinutes(10);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROUTES = Set.of(VALIDATE, EVENTS, SERIES, LOGS);

  private final Set<String> apiKeys = ConcurrentHashMap.newKeySet();
  private final Set<String> refusedKeys;
  private final boolean anyKey;
  private final Consumer<ReceivedRequest> listener;
  private final List<ScriptedFault> faults = new CopyOnWriteArrayList<>();
  private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
  private final AtomicLong eventIds = new AtomicLong(7_000_000_000_000_000_000L);
  private final Object lock = new Object();
  private volatile Duration delayAll = Duration.ZERO;
  private RandomFailures randomFailures; // guarded by lock
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService delayed;

  private FakeDatadog(Builder b) throws IOException {
    apiKeys.addAll(b.apiKeys);
    refusedKeys = Set.copyOf(b.refusedKeys);
    anyKey = b.anyKey;
    listener = b.listener;
    server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 128);
    handlers = Executors.newFixedThreadPool(8, daemonThreads("fake-datadog"));
    delayed = Executors.newScheduledThreadPool(2, daemonThreads("fake-datadog-delayed"));
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  /** Starts the fake on a free port; requests must carry one of these API keys. */
  public static FakeDatadog start(String... knownApiKeys) {
    return builder().apiKeys(List.of(knownApiKeys)).start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The address the server is bound to (127.0.0.1 only). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The port, on 127.0.0.1. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}: stands for both {@code api.{site}} and the logs intake. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
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

  /** Stops the server at once; answers still held back are abandoned. */
  @Override
  public void close() {
    delayed.shutdownNow();
    server.stop(0);
    handlers.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeDatadog[" + baseUrl() + "]";
  }

  // ---- configuration ---------------------------------------------------------------------------

  /** Where the fake listens, which keys it accepts, who hears of each request. */
  public static final class Builder {
    private int port;
    private final List<String> apiKeys = new ArrayList<>();
    private final List<String> refusedKeys = new ArrayList<>();
    private boolean anyKey;
    private Consumer<ReceivedRequest> listener = r -> {};

    private Builder() {}

    /** The port on 127.0.0.1 (default 0: a free one). */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      return this;
    }

    /** Accept these API keys (more with {@link FakeDatadog#addApiKey}). */
    public Builder apiKeys(Collection<String> keys) {
      keys.forEach(k -> apiKeys.add(Objects.requireNonNull(k)));
      return this;
    }

    /**
     * Accept every non-empty API key but {@code refused} (403 like a key of another organisation or
     * site): for local runs, where any key may be sealed.
     */
    public Builder acceptAnyApiKeyBut(String... refused) {
      this.anyKey = true;
      refusedKeys.addAll(List.of(refused));
      return this;
    }

    /**
     * Called with each request once its answer is decided, before the answer is sent (the local
     * runner prints a console line); must be quick and must not throw.
     */
    public Builder onRequest(Consumer<ReceivedRequest> listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * @throws UncheckedIOException when the port cannot be bound
     */
    public FakeDatadog start() {
      try {
        return new FakeDatadog(this);
      } catch (IOException e) {
        throw new UncheckedIOException("fake Datadog cannot listen on 127.0.0.1:" + port, e);
      }
    }
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
      return delay(times, HANG);
    }

    private Script add(int times, Function<String, Answer> answer) {
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
    final Function<String, Answer> answer;

    ScriptedFault(String path, int remaining, Function<String, Answer> answer) {
      this.path = path;
      this.remaining = remaining;
      this.answer = answer;
    }
  }

  private record RandomFailures(double ratio, Random random, int[] statuses) {}

  // ---- answering -------------------------------------------------------------------------------

  /** A response under construction; status 0 means "the normal answer". */
  private static final class Answer {
    final int status;
    String body = "{}";
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

  private void handle(HttpExchange x) {
    try {
      String method = x.getRequestMethod();
      URI uri = x.getRequestURI();
      String path = uri.getRawPath();
      byte[] raw;
      try (InputStream in = x.getRequestBody()) {
        raw = in.readNBytes(MAX_READ_BYTES);
      }
      String encoding = x.getRequestHeaders().getFirst("Content-Encoding");
      Answer answer;
      byte[] body;
      try {
        body = decode(raw, encoding);
        answer = answer(method, path, x.getRequestHeaders(), raw, body);
      } catch (IOException badEncoding) {
        body = raw;
        answer = error(path, 400, "Bad Request", "Cannot decode " + encoding + " body");
      }
      Duration global = delayAll;
      if (!global.isZero() && answer.delay.isZero()) {
        answer.delay = global;
      }
      ReceivedRequest request =
          new ReceivedRequest(
              method,
              path,
              uri.getPath(),
              uri.getRawQuery(),
              headersOf(x.getRequestHeaders()),
              body,
              raw.length,
              answer.status,
              Instant.now(),
              answer.delay);
      received.add(request);
      listener.accept(request);
      if (answer.delay.isZero()) {
        send(x, answer);
      } else {
        Answer later = answer;
        delayed.schedule(() -> send(x, later), answer.delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IOException | RuntimeException e) {
      x.close();
    }
  }

  private static void send(HttpExchange x, Answer answer) {
    try (x) {
      byte[] out = answer.body.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/json");
      answer.headers.forEach((k, v) -> x.getResponseHeaders().set(k, v));
      x.sendResponseHeaders(answer.status, out.length);
      try (OutputStream os = x.getResponseBody()) {
        os.write(out);
      }
    } catch (IOException gone) {
      // The client gave up (timeout) and closed the connection: nothing to answer.
    }
  }

  private Answer answer(String method, String path, Headers headers, byte[] raw, byte[] body) {
    if (!ROUTES.contains(path)) {
      return error(path, 404, "Not Found", "Not found");
    }
    String expectedMethod = path.equals(VALIDATE) ? "GET" : "POST";
    if (!expectedMethod.equals(method)) {
      return error(path, 405, "Method Not Allowed", "Method Not Allowed");
    }
    String key = headers.getFirst(API_KEY_HEADER);
    if (key == null || key.isEmpty()) {
      return path.equals(LOGS)
          ? error(path, 401, "Unauthorized", "API key is missing")
          : error(path, 403, "Forbidden", "Forbidden");
    }
    if (!accepted(key)) {
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

  private boolean accepted(String key) {
    if (refusedKeys.contains(key)) {
      return false;
    }
    return anyKey ? !key.isBlank() : apiKeys.contains(key);
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

  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException malformed) {
      return null;
    }
  }

  /** Undoes {@code Content-Encoding} (gzip, deflate; anything else is taken as sent). */
  static byte[] decode(byte[] raw, String encoding) throws IOException {
    if (encoding == null || raw.length == 0) {
      return raw;
    }
    String e = encoding.trim().toLowerCase(Locale.ROOT);
    if (e.equals("gzip")) {
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

  private static Map<String, List<String>> headersOf(Headers headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> map.computeIfAbsent(k, n -> new ArrayList<>()).addAll(v));
    map.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(map);
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One request as the fake saw it: body decoded, plus the status it was answered with. */
  public static final class ReceivedRequest {
    private final String method;
    private final String path;
    private final String decodedPath;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final int bytesReceived;
    private final int status;
    private final Instant receivedAt;
    private final Duration answerDelay;

    ReceivedRequest(
        String method,
        String path,
        String decodedPath,
        String query,
        Map<String, List<String>> headers,
        byte[] body,
        int bytesReceived,
        int status,
        Instant receivedAt,
        Duration answerDelay) {
      this.method = method;
      this.path = path;
      this.decodedPath = decodedPath;
      this.query = query;
      this.headers = headers;
      this.body = body;
      this.bytesReceived = bytesReceived;
      this.status = status;
      this.receivedAt = receivedAt;
      this.answerDelay = answerDelay;
    }

    public String method() {
      return method;
    }

    /** The path as sent (percent-encoded). */
    public String path() {
      return path;
    }

    /** The path with percent-escapes decoded (may hold any character: escape it to print it). */
    public String decodedPath() {
      return decodedPath;
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

    /** Bytes of the body as sent (before undoing {@code Content-Encoding}). */
    public int bytesReceived() {
      return bytesReceived;
    }

    public String bodyAsString() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body parsed as JSON; a missing node for an empty body (a GET's).
     *
     * @throws IllegalStateException when it is not JSON
     */
    public JsonNode json() {
      if (body.length == 0) {
        return MissingNode.getInstance();
      }
      JsonNode node = parse(body);
      if (node == null) {
        throw new IllegalStateException("Body of " + method + " " + path + " is not JSON");
      }
      return node;
    }

    /** The body parsed as JSON, or null when it is empty or not JSON. */
    public JsonNode jsonOrNull() {
      return parse(body);
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
