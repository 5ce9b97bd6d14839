package io.quantaseal.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeRecipient;
import io.quantaseal.crypto.envelope.EnvelopeSealer;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
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
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 6: the client binds an envelope to the answer it came in. A loopback stand-in for
 * the API seals real envelopes (the service's own sealer, its own keys) and can misbehave like a
 * man in the middle: replay an earlier valid envelope under a new {@code X-Request-Id}, drop the
 * header, or answer with an envelope to another client key.
 */
class AnswerBindingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the stand-in does with the next envelope answer. */
  enum Mode {
    HONEST,
    REPLAY_PREVIOUS,
    NO_REQUEST_ID,
    TO_OTHER_CLIENT_KEY
  }

  private final MlDsaPrivateKey signer = MlDsa65.generateKeyPair(RANDOM);
  private final EnvelopeSealer sealer =
      EnvelopeSealer.create("sk_test", signer, RANDOM, Clock.systemUTC());
  private final SecretBytes seed = SecretBytes.random(64, RANDOM);
  private final SecretBytes otherSeed = SecretBytes.random(64, RANDOM);
  private final SecretBytes mac = SecretBytes.random(64, RANDOM);
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HONEST);
  private final AtomicReference<String> previous = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private QuantaSealClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::answer);
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    RegisteredClientKey key =
        new RegisteredClientKey(
            "ck_mine",
            "hk_tenant",
            SecretBytes.copyOf(seed.reveal()),
            SecretBytes.copyOf(mac.reveal()));
    client = QuantaSealClient.builder(base, "qs_test_" + "A".repeat(43)).clientKey(key).build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      byte[] body = x.getRequestBody().readAllBytes();
      if (path.equals("/api/v2/encryption/server-keys")) {
        String keys =
            "{\"keys\":[{\"skid\":\"sk_test\",\"alg\":\"ML-DSA-65\",\"public_key\":\""
                + B64URL.encodeToString(signer.publicKey().toBytes())
                + "\",\"created_at\":\"2026-11-26T00:00:00Z\",\"status\":\"active\"}]}";
        send(x, 200, "req_keys", keys);
        return;
      }
      bodies.add(JSON.readTree(body));
      String rid = "req_" + requests.incrementAndGet();
      byte[] plaintext =
          (path.endsWith("/unseal")
                  ? "{\"vault_entry_id\":\"vlt_1\",\"credential_type\":\"bearer_token\",\"version\":1,"
                      + "\"values\":{\"token\":\"secret-"
                      + rid
                      + "\"}}"
                  : "{\"integration_id\":\"int_1\",\"operation\":\"send_event\",\"upstream\":"
                      + "{\"status\":202,\"body\":{\"n\":\""
                      + rid
                      + "\"},\"latency_ms\":1},"
                      + "\"audit_id\":\"aud_1\"}")
              .getBytes(StandardCharsets.UTF_8);
      Mode m = mode.get();
      MlKemDecapsulationKey recipient =
          MlKem768.keyPairFromSeed(m == Mode.TO_OTHER_CLIENT_KEY ? otherSeed : seed);
      String rkid = m == Mode.TO_OTHER_CLIENT_KEY ? "ck_other" : "ck_mine";
      String envelope;
      try (EnvelopeRecipient r =
          EnvelopeRecipient.create(rkid, recipient.encapsulationKey(), "hk_tenant", mac)) {
        envelope = sealer.seal(r, rid, plaintext).toJson();
      }
      String served = m == Mode.REPLAY_PREVIOUS ? previous.get() : envelope;
      previous.set(envelope);
      if (path.endsWith("/proxy/outbound")) {
        x.getResponseHeaders().set("X-QS-Source", "upstream");
      }
      send(x, path.endsWith("/unseal") ? 200 : 202, m == Mode.NO_REQUEST_ID ? null : rid, served);
    }
  }

  private static void send(HttpExchange x, int status, String requestId, String body)
      throws IOException {
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    if (requestId != null) {
      x.getResponseHeaders().set("X-Request-Id", requestId);
    }
    x.sendResponseHeaders(status, out.length);
    try (OutputStream os = x.getResponseBody()) {
      os.write(out);
    }
  }

  @Test
  void honestAnswers_open_andTheRequestsNameTheClientKey() {
    JsonNode unsealed = client.unseal("vlt_1");
    assertEquals("secret-req_1", unsealed.path("values").path("token").asText());
    ProxyResult proxied = client.proxy("int_1", "send_event", JSON.createObjectNode());
    assertEquals(202, proxied.status());
    assertEquals("req_2", proxied.requestId());
    assertEquals("req_2", proxied.plaintext().path("upstream").path("body").path("n").asText());
    for (JsonNode b : bodies) {
      assertEquals("ck_mine", b.path("rkid").asText(), "rkid is always sent: " + b);
    }
  }

  @Test
  void anEarlierValidEnvelope_servedAsAnotherAnswer_isRejected() {
    client.unseal("vlt_1");
    mode.set(Mode.REPLAY_PREVIOUS);
    // Same client key, same MAC key, valid signature, within the skew: only the rid differs.
    assertThrows(InvalidEnvelopeException.class, () -> client.unseal("vlt_1"));
    assertThrows(
        InvalidEnvelopeException.class,
        () -> client.proxy("int_1", "send_event", JSON.createObjectNode()));
  }

  @Test
  void anAnswerWithoutXRequestId_isRejected() {
    mode.set(Mode.NO_REQUEST_ID);
    assertThrows(InvalidEnvelopeException.class, () -> client.unseal("vlt_1"));
  }

  @Test
  void anEnvelopeToAnotherClientKey_isRejectedEvenByAReaderThatHoldsThatKey() {
    mode.set(Mode.TO_OTHER_CLIENT_KEY);
    assertThrows(InvalidEnvelopeException.class, () -> client.unseal("vlt_1"));
    // A reader holding both keys opens it as a raw envelope, but not as the answer to a request
    // that named ck_mine.
    String envelope = previous.get();
    EnvelopeReader both =
        EnvelopeReader.builder()
            .clientKey("ck_mine", seed)
            .clientKey("ck_other", otherSeed)
            .macKey("hk_tenant", mac)
            .serverKeys(client.serverKeys())
            .build();
    String rid = HybridCryptoEnvelope.parse(envelope).rid();
    both.open(envelope);
    assertThrows(InvalidEnvelopeException.class, () -> both.openAnswer(envelope, rid, "ck_mine"));
    both.openAnswer(envelope, rid, "ck_other");
    assertThrows(InvalidEnvelopeException.class, () -> both.openAnswer(envelope, null, "ck_other"));
    assertThrows(
        InvalidEnvelopeException.class, () -> both.openAnswer(envelope, rid + "x", "ck_other"));
  }
}
