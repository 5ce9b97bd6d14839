package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeRecipient;
import io.quantaseal.crypto.envelope.EnvelopeSealer;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A loopback stand-in for the QuantaSeal API (127.0.0.1, a free port): it records every request and
 * answers what the test's handler says. It holds real keys: {@link #envelope} seals a real envelope
 * (the service's own sealer) to the test's client key, signed by the current server key, and {@link
 * #rotateSigningKey()} rotates that key the way the service does (the old one stays listed as
 * retired).
 */
final class StandIn implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final SecureRandom RANDOM = new SecureRandom();
  static final String API_KEY = "qs_test_" + "A".repeat(43);

  /** One request as the stand-in received it. */
  record Request(
      String method, String path, String query, Map<String, String> headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
      }
    }

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** An answer: status, headers, body. */
  record Reply(int status, Map<String, String> headers, String body) {
    static Reply json(int status, String body) {
      return new Reply(status, Map.of(), body);
    }

    Reply with(String header, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(header, value);
      return new Reply(status, h, body);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger serverKeyFetches = new AtomicInteger();
  final List<String> serverKeyQueries = new CopyOnWriteArrayList<>();
  final SecretBytes seed = SecretBytes.random(64, RANDOM);
  final SecretBytes macKey = SecretBytes.random(64, RANDOM);
  final String rkid = "ck_standin";
  final String hkid = "hk_standin";
  private final List<String[]> listedKeys = new CopyOnWriteArrayList<>(); // skid, b64, status
  private volatile MlDsaPrivateKey signer;
  private final Map<String, MlDsaPrivateKey> signers =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile String skid;
  private final AtomicInteger keyNumber = new AtomicInteger();
  private final AtomicInteger requestNumber = new AtomicInteger();
  private volatile Function<Request, Reply> handler = r -> Reply.json(404, "{}");
  private final HttpServer server;

  StandIn() throws IOException {
    rotateSigningKey();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::answer);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  ClientKey clientKey() {
    return ClientKey.of(rkid, hkid, seed, macKey);
  }

  /** A builder for a client of this stand-in that never sleeps (waits are recorded). */
  QuantaSealClient.Builder builder(List<Duration> waits) {
    return QuantaSealClient.builder(uri(), API_KEY).sleeper(waits::add).jitter(() -> 0.5);
  }

  QuantaSealClient client() {
    return builder(new ArrayList<>()).clientKey(clientKey()).build();
  }

  void handle(Function<Request, Reply> h) {
    this.handler = h;
  }

  String nextRequestId() {
    return "req_standin-" + requestNumber.incrementAndGet();
  }

  /** Makes a new signing key current; the old one stays listed (retiring). */
  void rotateSigningKey() {
    for (String[] k : listedKeys) {
      if (k[2].equals("active")) {
        k[2] = "retiring";
      }
    }
    signer = MlDsa65.generateKeyPair(RANDOM);
    skid = "sk_standin_" + keyNumber.incrementAndGet();
    signers.put(skid, signer);
    listedKeys.add(new String[] {skid, B64.encodeToString(signer.publicKey().toBytes()), "active"});
  }

  /** The retiring keys become retired: listed only with include_retired=true. */
  void retireRetiringKeys() {
    for (String[] k : listedKeys) {
      if (k[2].equals("retiring")) {
        k[2] = "retired";
      }
    }
  }

  /** Signs with an earlier key again. */
  void signWith(String earlierSkid) {
    signer = signers.get(earlierSkid);
    skid = earlierSkid;
  }

  /** Signs with a key the list does not (yet) hold. */
  void signWithUnlistedKey() {
    signer = MlDsa65.generateKeyPair(RANDOM);
    skid = "sk_unlisted_" + keyNumber.incrementAndGet();
  }

  String currentSkid() {
    return skid;
  }

  String serverKeysJson(boolean includeRetired) {
    StringBuilder b = new StringBuilder("{\"keys\":[");
    int n = 0;
    for (String[] k : listedKeys) {
      if (k[2].equals("retired") && !includeRetired) {
        continue;
      }
      b.append(n++ == 0 ? "" : ",")
          .append("{\"skid\":\"")
          .append(k[0])
          .append("\",\"alg\":\"ML-DSA-65\",\"public_key\":\"")
          .append(k[1])
          .append("\",\"created_at\":\"2026-11-26T00:00:00Z\",\"status\":\"")
          .append(k[2])
          .append(
              k[2].equals("active")
                  ? "\""
                  : "\",\"retired_at\":\"2026-11-27T00:00:00Z\",\"verifies_until\":\"2026-11-27T00:06:00Z\"")
          .append("}");
    }
    return b.append("]}").toString();
  }

  /** A real envelope of {@code plaintext} to the test's client key, for request {@code rid}. */
  String envelope(String rid, String plaintext) {
    return envelope(rid, plaintext, rkid, seed);
  }

  String envelope(String rid, String plaintext, String toRkid, SecretBytes toSeed) {
    EnvelopeSealer sealer = EnvelopeSealer.create(skid, signer, RANDOM, Clock.systemUTC());
    try (EnvelopeRecipient r =
        EnvelopeRecipient.create(
            toRkid, MlKem768.keyPairFromSeed(toSeed).encapsulationKey(), hkid, macKey)) {
      return sealer.seal(r, rid, plaintext.getBytes(StandardCharsets.UTF_8)).toJson();
    }
  }

  private void answer(HttpExchange x) throws IOException {
    try (x) {
      Map<String, String> headers = new LinkedHashMap<>();
      x.getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      Request req =
          new Request(
              x.getRequestMethod(),
              x.getRequestURI().getRawPath(),
              x.getRequestURI().getRawQuery(),
              headers,
              x.getRequestBody().readAllBytes());
      Reply reply;
      if (req.path().equals("/api/v2/encryption/server-keys") && req.method().equals("GET")) {
        serverKeyFetches.incrementAndGet();
        serverKeyQueries.add(String.valueOf(req.query()));
        reply =
            Reply.json(200, serverKeysJson("include_retired=true".equals(req.query())))
                .with("X-Request-Id", "req_keys-" + serverKeyFetches.get());
      } else {
        requests.add(req);
        reply = handler.apply(req);
      }
      byte[] out =
          reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/json");
      reply.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
      x.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = x.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    seed.close();
    macKey.close();
  }
}
