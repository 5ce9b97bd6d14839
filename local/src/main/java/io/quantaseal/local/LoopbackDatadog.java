package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantaseal.common.lambda.LambdaEventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A stand-in for Datadog on 127.0.0.1, for local runs and the README's walk-through: it answers the
 * four endpoints QuantaSeal calls the way Datadog does when all is well ({@code GET
 * /api/v1/validate} 200 {@code {"valid":true}}; {@code POST /api/v1/events} 202 with the event;
 * {@code POST /api/v2/series} 202; {@code POST /api/v2/logs} 202), refuses a request without {@code
 * DD-API-KEY} (403), and prints one line per request saying what arrived ({@link
 * DatadogRequestSummary}; never the key). The key {@code invalid-datadog-key} is refused like a key
 * of another organisation, to try {@code credential_rejected}. Point QuantaSeal at it with {@code
 * QS_DATADOG_BASE_URL_OVERRIDE}.
 */
public final class LoopbackDatadog implements AutoCloseable {
  /** The API key this server refuses (403), as Datadog does a key of another org or site. */
  public static final String REJECTED_KEY = "invalid-datadog-key";

  /** One request as received. */
  public record Received(String method, String path, int status, JsonNode body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrintStream log;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicLong eventIds = new AtomicLong(1_000_000);

  private LoopbackDatadog(HttpServer server, ExecutorService executor, PrintStream log) {
    this.server = server;
    this.executor = executor;
    this.log = log;
  }

  /** Listens on {@code port} of 127.0.0.1 (0: a free port). */
  public static LoopbackDatadog start(int port, PrintStream log) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4, daemon("loopback-datadog"));
    LoopbackDatadog d = new LoopbackDatadog(server, executor, log);
    server.createContext("/", d::handle);
    server.setExecutor(executor);
    server.start();
    return d;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Everything received so far, oldest first. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      String path = x.getRequestURI().getPath();
      byte[] raw = x.getRequestBody().readNBytes(6 * 1024 * 1024);
      JsonNode body = parse(raw, x.getRequestHeaders().getFirst("Content-Encoding"));
      String key = x.getRequestHeaders().getFirst("DD-API-KEY");
      int status;
      JsonNode answer;
      if (key == null || key.isBlank() || key.equals(REJECTED_KEY)) {
        status = 403;
        answer = json().set("errors", json().arrayNode().add("Forbidden"));
      } else {
        switch (method + " " + path) {
          case "GET /api/v1/validate" -> {
            status = 200;
            answer = json().put("valid", true);
          }
          case "POST /api/v1/events" -> {
            status = 202;
            ObjectNode event =
                body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : json();
            event.put("id", eventIds.incrementAndGet());
            answer = json().put("status", "ok").set("event", event);
          }
          case "POST /api/v2/series" -> {
            status = 202;
            answer = json().set("errors", json().arrayNode());
          }
          case "POST /api/v2/logs" -> {
            status = 202;
            answer = json();
          }
          default -> {
            status = 404;
            answer = json().set("errors", json().arrayNode().add("Not found"));
          }
        }
      }
      received.add(new Received(method, path, status, body));
      log.printf(
          "fake-datadog: %s %s -> %d (%s)%n",
          ConsoleText.escape(method),
          ConsoleText.escape(path),
          status,
          DatadogRequestSummary.of(path, status, body, raw.length));
      byte[] out = LambdaEventJson.mapper().writeValueAsBytes(answer);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(status, out.length);
      try (OutputStream os = x.getResponseBody()) {
        os.write(out);
      }
    }
  }

  private static JsonNode parse(byte[] raw, String encoding) {
    if (raw.length == 0) {
      return null;
    }
    try {
      InputStream in = new ByteArrayInputStream(raw);
      if ("gzip".equalsIgnoreCase(encoding)) {
        in = new GZIPInputStream(in);
      } else if ("deflate".equalsIgnoreCase(encoding)) {
        in = new InflaterInputStream(in);
      }
      return LambdaEventJson.mapper()
          .readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static ObjectNode json() {
    return LambdaEventJson.mapper().createObjectNode();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "LoopbackDatadog[" + baseUrl() + "]";
  }
}
