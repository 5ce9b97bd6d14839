package io.quantaseal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.client.StandIn.Reply;
import io.quantaseal.client.proxy.DatadogEvent;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.RotateRequest;
import io.quantaseal.client.vault.SealRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries (docs/clients.md): 429 and 5xx with full-jitter backoff for idempotent calls and POSTs
 * with an Idempotency-Key, Retry-After honoured up to the cap and a longer one returned, never for
 * client-key registration. The waits are recorded, not slept.
 */
class RetryTest {
  private StandIn api;
  private final List<Duration> waits = new ArrayList<>();
  private QuantaSealClient qs;

  @BeforeEach
  void start() throws IOException {
    api = new StandIn();
    qs = api.builder(waits).clientKey(api.clientKey()).build();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static Reply error(int status, String code) {
    return Reply.json(
            status,
            "{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\",\"request_id\":\"req_e\"}}")
        .with("X-Request-Id", "req_e");
  }

  /** Fails {@code failures} times with {@code failure}, then answers {@code success}. */
  private void failThen(int failures, Reply failure, String success) {
    AtomicInteger n = new AtomicInteger();
    api.handle(
        r ->
            n.incrementAndGet() <= failures
                ? failure
                : Reply.json(200, success).with("X-Request-Id", "req_ok"));
  }

  @Test
  void theDefaults_areTheSameInEverySdk() {
    RetryPolicy p = RetryPolicy.defaults();
    assertEquals(4, p.maxAttempts());
    assertEquals(Duration.ofMillis(250), p.baseDelay());
    assertEquals(Duration.ofSeconds(20), p.maxBackoff());
    assertEquals(Duration.ofSeconds(20), p.maxRetryAfter());
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertThrows(IllegalArgumentException.class, () -> p.withMaxAttempts(0));
  }

  @Test
  void backoff_isFullJitterUnderADoublingCeiling_cappedAt20s() {
    RetryPolicy p = RetryPolicy.defaults();
    assertEquals(Duration.ofMillis(250), p.backoff(1, () -> 1.0));
    assertEquals(Duration.ofMillis(500), p.backoff(2, () -> 1.0));
    assertEquals(Duration.ofMillis(1000), p.backoff(3, () -> 1.0));
    assertEquals(Duration.ofSeconds(20), p.backoff(40, () -> 1.0));
    assertEquals(Duration.ZERO, p.backoff(5, () -> 0.0));
    assertEquals(Duration.ofMillis(125), p.backoff(1, () -> 0.5));
  }

  @Test
  void a503OnAGet_isRetriedWithBackoff_untilItAnswers() {
    failThen(2, error(503, "key_unavailable"), "{\"integrations\":[]}");
    assertEquals(0, qs.integrations().list().items().size());
    assertEquals(3, api.requests.size());
    assertEquals(List.of(Duration.ofMillis(125), Duration.ofMillis(250)), waits); // jitter 0.5
  }

  @Test
  void afterMaxAttempts_theLastErrorIsThrown() {
    failThen(99, error(502, "internal_error"), "{}");
    QuantaSealApiException e =
        assertThrows(QuantaSealApiException.class, () -> qs.integrations().list());
    assertEquals(502, e.status());
    assertEquals(4, api.requests.size());
    assertEquals(3, waits.size());
  }

  @Test
  void a429_waitsItsRetryAfter() {
    failThen(1, error(429, "rate_limited").with("Retry-After", "3"), "{\"integrations\":[]}");
    qs.integrations().list();
    assertEquals(List.of(Duration.ofSeconds(3)), waits);
  }

  @Test
  void aRetryAfterAsAnHttpDate_isHonoured() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    assertEquals(
        Duration.ofSeconds(7), Transport.retryAfter("Sun, 06 Dec 2026 10:00:07 GMT", clock));
    assertEquals(Duration.ZERO, Transport.retryAfter("Sun, 06 Dec 2026 09:00:00 GMT", clock));
    assertEquals(null, Transport.retryAfter("soon", clock));
  }

  @Test
  void aRetryAfterLongerThanTheCap_isNotWaited_theErrorCarriesTheHint() {
    failThen(1, error(429, "rate_limited").with("Retry-After", "60"), "{\"integrations\":[]}");
    QuantaSealApiException e =
        assertThrows(QuantaSealApiException.class, () -> qs.integrations().list());
    assertEquals(Optional.of(Duration.ofSeconds(60)), e.retryAfter());
    assertEquals("rate_limited", e.code());
    assertTrue(e.isRetryable());
    assertEquals(1, api.requests.size());
    assertTrue(waits.isEmpty());
  }

  @Test
  void aPostWithoutAnIdempotencyKey_isNeverRetried() {
    failThen(1, error(503, "key_unavailable"), OperationsTest.DETAIL);
    assertThrows(
        QuantaSealApiException.class,
        () -> qs.vault().rotateEntry("vlt_1", RotateRequest.ofValue("k")));
    assertEquals(1, api.requests.size());
  }

  @Test
  void aPostWithAnIdempotencyKey_isRetried_withTheSameKey() {
    failThen(2, error(500, "internal_error"), OperationsTest.ENTRY);
    qs.vault().seal(SealRequest.builder(CredentialType.API_KEY).value("k").build());
    assertEquals(3, api.requests.size());
    assertEquals(
        1,
        new HashSet<>(api.requests.stream().map(r -> r.header("Idempotency-Key")).toList()).size());
  }

  @Test
  void clientKeyRegistration_isNeverRetried() {
    failThen(1, error(503, "key_unavailable"), "{}");
    assertThrows(QuantaSealApiException.class, () -> qs.encryption().createClientKey());
    assertEquals(1, api.requests.size());
  }

  @Test
  void apiKeyCreation_isNeverRetried_evenWithAnIdempotencyKey() {
    failThen(1, error(503, "key_unavailable"), "{}");
    assertThrows(
        QuantaSealApiException.class,
        () ->
            qs.tenant()
                .createApiKey(
                    io.quantaseal.client.tenant.CreateApiKeyRequest.builder("k")
                        .idempotencyKey("once")
                        .build()));
    assertEquals(1, api.requests.size());
  }

  @Test
  void a4xxOtherThan429_isNotRetried() {
    failThen(1, error(404, "not_found"), "{}");
    assertThrows(QuantaSealApiException.class, () -> qs.vault().getEntry("vlt_1"));
    assertEquals(1, api.requests.size());
  }

  @Test
  void datadogs5xxInAnEnvelope_isAnAnswer_notRetried() {
    api.handle(
        r -> {
          String rid = api.nextRequestId();
          return Reply.json(
                  503,
                  api.envelope(
                      rid,
                      "{\"integration_id\":\"int_1\",\"operation\":\"send_event\",\"upstream\":"
                          + "{\"status\":503,\"body\":\"down\",\"latency_ms\":3},\"audit_id\":\"aud_1\"}"))
              .with("X-Request-Id", rid)
              .with("X-QS-Source", "upstream");
        });
    var answer = qs.proxy().outbound("int_1", DatadogEvent.of("t", "x"));
    assertEquals(503, answer.upstream().status());
    assertEquals("down", answer.upstream().body().asText());
    assertEquals(1, api.requests.size());
  }

  @Test
  void aRefusedConnection_isRetried_thenATransportException() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<Duration> w = new ArrayList<>();
    QuantaSealClient dead =
        QuantaSealClient.builder(URI.create("http://127.0.0.1:" + port), StandIn.API_KEY)
            .sleeper(w::add)
            .jitter(() -> 0.0)
            .build();
    TransportException e = assertThrows(TransportException.class, () -> dead.integrations().list());
    assertTrue(e.getMessage().startsWith("GET /api/v2/integrations: "), e.getMessage());
    assertEquals(3, w.size());
  }
}
