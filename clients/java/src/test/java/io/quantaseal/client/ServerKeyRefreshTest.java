package io.quantaseal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quantaseal.client.StandIn.Reply;
import io.quantaseal.client.encryption.ServerKey;
import io.quantaseal.client.encryption.ServerKeyStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server keys are fetched once and re-fetched once when an envelope names an unknown {@code skid}
 * (docs/clients.md): a rotated signing key does not break a long-lived client, and an envelope
 * signed by a key the service does not list stays invalid after one refresh.
 */
class ServerKeyRefreshTest {
  private StandIn api;
  private QuantaSealClient qs;

  @BeforeEach
  void start() throws IOException {
    api = new StandIn();
    qs = api.client();
    api.handle(
        r -> {
          String rid = api.nextRequestId();
          return Reply.json(
                  200,
                  api.envelope(
                      rid,
                      "{\"vault_entry_id\":\"vlt_1\",\"credential_type\":\"bearer_token\","
                          + "\"version\":1,\"values\":{\"token\":\"t-"
                          + api.currentSkid()
                          + "\"}}"))
              .with("X-Request-Id", rid);
        });
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void keysAreFetchedOnce_forManyEnvelopes() {
    for (int i = 0; i < 3; i++) {
      qs.vault().unseal("vlt_1");
    }
    assertEquals(1, api.serverKeyFetches.get());
  }

  @Test
  void concurrentDecrypts_shareOneFetch() throws Exception {
    String envelope = api.envelope("req_c", "same");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return qs.encryption().decrypt(envelope, "req_c");
                }));
      }
      start.countDown();
      for (var r : results) {
        assertArrayEquals("same".getBytes(StandardCharsets.UTF_8), r.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, api.serverKeyFetches.get());
  }

  @Test
  void aRotatedSigningKey_isFetchedOnce_andTheClientGoesOn() {
    String first = api.currentSkid();
    assertEquals("t-" + first, qs.vault().unseal("vlt_1").value("token"));
    api.rotateSigningKey();
    String second = api.currentSkid();
    assertEquals("t-" + second, qs.vault().unseal("vlt_1").value("token"));
    assertEquals(2, api.serverKeyFetches.get());
    assertEquals("t-" + second, qs.vault().unseal("vlt_1").value("token"));
    assertEquals(2, api.serverKeyFetches.get(), "the new key is cached");
    // A client made from this one shares the cache.
    qs.withClientKey(api.clientKey()).vault().unseal("vlt_1");
    assertEquals(2, api.serverKeyFetches.get());
  }

  @Test
  void theListShowsRetiringAndRetiredKeys_butARetiredKeyVerifiesNothing() {
    String first = api.currentSkid();
    qs.vault().unseal("vlt_1");
    api.rotateSigningKey();
    List<ServerKey> keys = qs.encryption().listServerKeys();
    assertEquals(List.of(first, api.currentSkid()), keys.stream().map(ServerKey::skid).toList());
    assertEquals(ServerKeyStatus.RETIRING, keys.get(0).status());
    assertEquals(Optional.of(Instant.parse("2026-11-27T00:06:00Z")), keys.get(0).verifiesUntil());
    assertEquals(Optional.empty(), keys.get(1).retiredAt());
    api.retireRetiringKeys();
    List<ServerKey> all = qs.encryption().listServerKeys(true);
    assertEquals("include_retired=true", api.serverKeyQueries.get(api.serverKeyQueries.size() - 1));
    assertEquals(ServerKeyStatus.RETIRED, all.get(0).status());
    // Signed by the retired key: the cache, even fed the include_retired list, does not trust it.
    String current = api.currentSkid();
    api.signWith(first);
    assertThrows(InvalidEnvelopeException.class, () -> qs.vault().unseal("vlt_1"));
    api.signWith(current);
    assertEquals("t-" + current, qs.vault().unseal("vlt_1").value("token"));
  }

  @Test
  void anUnlistedSigningKey_isRefetchedOnce_thenInvalid() {
    qs.vault().unseal("vlt_1");
    api.signWithUnlistedKey();
    assertThrows(InvalidEnvelopeException.class, () -> qs.vault().unseal("vlt_1"));
    assertEquals(2, api.serverKeyFetches.get());
  }

  @Test
  void decrypt_refreshesToo_andBindsTheExpectedRequestId() {
    qs.encryption().listServerKeys();
    api.rotateSigningKey();
    String envelope = api.envelope("req_x", "hello");
    assertArrayEquals(
        "hello".getBytes(StandardCharsets.UTF_8), qs.encryption().decrypt(envelope, "req_x"));
    assertEquals(2, api.serverKeyFetches.get());
    assertArrayEquals(
        "hello".getBytes(StandardCharsets.UTF_8),
        qs.encryption().decrypt(StandIn.JSON.valueToTree(parse(envelope))));
    InvalidEnvelopeException e =
        assertThrows(
            InvalidEnvelopeException.class, () -> qs.encryption().decrypt(envelope, "req_y"));
    assertEquals("invalid envelope", e.getMessage());
    assertEquals(null, e.getCause());
  }

  private static Object parse(String json) {
    try {
      return StandIn.JSON.readValue(json, Object.class);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
