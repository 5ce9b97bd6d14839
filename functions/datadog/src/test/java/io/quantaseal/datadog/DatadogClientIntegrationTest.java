package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.fakedatadog.FakeDatadog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DatadogClient against the fake Datadog on loopback: URLs, headers, gzip, retries, budget. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatadogClientIntegrationTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef";
  private static final String APP_KEY = "fedcba9876543210fedcba9876543210fedcba98";
  private static final String EVENT = "{\"title\":\"t\",\"text\":\"x\"}";

  private FakeDatadog dd;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    dd = FakeDatadog.start(KEY);
  }

  @AfterAll
  void stop() {
    dd.close();
  }

  @BeforeEach
  void reset() {
    dd.reset();
    sleeps.clear();
  }

  private DatadogClientBuilder client() {
    return DatadogClient.builder()
        .baseUrlOverride(Optional.of(dd.baseUrl()))
        .sleeper(sleeps::add)
        .jitter(() -> 0.5);
  }

  private static Deadline budget() {
    return Deadline.after(Duration.ofSeconds(10));
  }

  // ---- URLs ---------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(DatadogSite.class)
  void url_withoutOverride_fixedHostsOfTheSite(DatadogSite site) {
    DatadogClient c = DatadogClient.builder().build();
    assertEquals(
        URI.create("https://api." + site.id() + "/api/v1/validate"),
        c.url(site, DatadogEndpoint.VALIDATE));
    assertEquals(
        URI.create("https://api." + site.id() + "/api/v1/events"),
        c.url(site, DatadogEndpoint.EVENTS));
    assertEquals(
        URI.create("https://api." + site.id() + "/api/v2/series"),
        c.url(site, DatadogEndpoint.SERIES));
    assertEquals(
        URI.create("https://http-intake.logs." + site.id() + "/api/v2/logs"),
        c.url(site, DatadogEndpoint.LOGS));
  }

  @Test
  void sites_exactlyTheContractsList() {
    assertEquals(
        "datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, uk1.datadoghq.com,"
            + " ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com, us2.ddog-gov.com",
        DatadogSite.ids());
    assertEquals(URI.create("https://api.datadoghq.eu"), DatadogSite.EU1.apiBase());
    assertEquals(URI.create("https://http-intake.logs.datadoghq.eu"), DatadogSite.EU1.logsBase());
    assertTrue(DatadogSite.fromId("DATADOGHQ.COM").isEmpty());
    assertThrows(InvalidRequestException.class, () -> DatadogSite.parse("evil.example"));
  }

  @Test
  void override_replacesSchemeHostAndPortOfBothHosts_pathStays() {
    DatadogClient c =
        DatadogClient.builder()
            .baseUrlOverride(Optional.of(URI.create("http://127.0.0.1:8089")))
            .build();
    assertEquals(
        URI.create("http://127.0.0.1:8089/api/v2/logs"),
        c.url(DatadogSite.US5, DatadogEndpoint.LOGS));
    assertEquals(
        URI.create("http://127.0.0.1:8089/api/v1/events"),
        c.url(DatadogSite.AP2, DatadogEndpoint.EVENTS));
  }

  @Test
  void override_comesOnlyFromTheDeploymentsEnvironment() {
    DatadogClient production = DatadogClient.fromConfig(QuantaSealConfig.from(Map.of()));
    assertTrue(production.baseUrlOverride().isEmpty());
    assertEquals(
        URI.create("https://api.datadoghq.eu/api/v1/events"),
        production.url(DatadogSite.EU1, DatadogEndpoint.EVENTS));
    DatadogClient local =
        DatadogClient.fromConfig(
            QuantaSealConfig.from(
                Map.of(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE, dd.baseUrl().toString())));
    assertEquals(
        URI.create(dd.baseUrl() + "/api/v2/logs"),
        local.url(DatadogSite.EU1, DatadogEndpoint.LOGS));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://127.0.0.1:21",
        "http://127.0.0.1:8089/prefix",
        "http://user:pw@127.0.0.1:8089",
        "http://127.0.0.1:8089?x=1",
        "127.0.0.1:8089"
      })
  void override_anythingButSchemeHostPort_refusedAtStartup(String override) {
    assertThrows(
        IllegalArgumentException.class,
        () -> DatadogClient.builder().baseUrlOverride(Optional.of(URI.create(override))).build());
  }

  // ---- requests -----------------------------------------------------------------------------

  @Test
  void validate_knownKey200_unknownKey403NotRetried() {
    DatadogClient c = client().build();
    DatadogResponse ok = c.validate(DatadogSite.EU1, KEY, budget());
    assertEquals(200, ok.status());
    assertTrue(ok.body().contains("\"valid\":true"));
    assertEquals(1, ok.attempts());

    DatadogResponse refused =
        c.validate(DatadogSite.EU1, "ffffffffffffffffffffffffffffffff", budget());
    assertEquals(403, refused.status());
    assertTrue(refused.credentialRejected());
    assertEquals(1, refused.attempts());
    assertEquals(2, dd.count(FakeDatadog.VALIDATE));
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void headers_apiKeyJsonAndUserAgent_applicationKeyOnlyWhereNeeded() {
    client().build().sendEvent(DatadogSite.US1, KEY, Optional.of(APP_KEY), EVENT, budget());
    FakeDatadog.ReceivedRequest r = dd.requests(FakeDatadog.EVENTS).get(0);
    assertEquals(KEY, r.header("DD-API-KEY"));
    assertNull(r.header("DD-APPLICATION-KEY"), "events, series, logs and validate need none");
    assertEquals("application/json", r.header("Content-Type"));
    assertTrue(r.header("User-Agent").startsWith("quantaseal/"));
    assertNull(r.header("Content-Encoding"));
  }

  @Test
  void gzip_seriesAndLogsOverTheThreshold_eventsNever() {
    DatadogClient c = client().gzipThreshold(1024).build();
    StringBuilder logs = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      logs.append(i == 0 ? "" : ",").append("{\"message\":\"line ").append(i).append("\"}");
    }
    logs.append("]");
    assertEquals(
        202,
        c.sendLogs(DatadogSite.EU1, KEY, Optional.empty(), logs.toString(), budget()).status());
    assertEquals("gzip", dd.requests(FakeDatadog.LOGS).get(0).header("Content-Encoding"));
    assertEquals(100, dd.requests(FakeDatadog.LOGS).get(0).json().size());

    assertEquals(
        202,
        c.sendLogs(DatadogSite.EU1, KEY, Optional.empty(), "[{\"message\":\"x\"}]", budget())
            .status());
    assertNull(dd.requests(FakeDatadog.LOGS).get(1).header("Content-Encoding"), "small: plain");

    String longEvent = "{\"title\":\"t\",\"text\":\"" + "x".repeat(3000) + "\"}";
    assertEquals(
        202, c.sendEvent(DatadogSite.EU1, KEY, Optional.empty(), longEvent, budget()).status());
    assertNull(dd.requests(FakeDatadog.EVENTS).get(0).header("Content-Encoding"));
  }

  @Test
  void rejectsKeysThatCannotBeAHeader_beforeAnyRequest() {
    DatadogClient c = client().build();
    assertThrows(
        InvalidRequestException.class,
        () -> c.validate(DatadogSite.US1, KEY + "\r\nX-Injected: 1", budget()));
    assertThrows(InvalidRequestException.class, () -> c.validate(DatadogSite.US1, "", budget()));
    assertEquals(0, dd.requests().size());
  }

  // ---- retries ------------------------------------------------------------------------------

  @Test
  void nonRetryableStatuses_answeredAtOnce() {
    DatadogClient c = client().build();
    for (int status : new int[] {400, 401, 403, 404, 413}) {
      dd.reset();
      dd.fail(3, status);
      DatadogResponse r = c.sendEvent(DatadogSite.US1, KEY, Optional.empty(), EVENT, budget());
      assertEquals(status, r.status());
      assertEquals(1, r.attempts());
      assertEquals(1, dd.requests().size(), "status " + status + " is final");
    }
    assertTrue(sleeps.isEmpty());
  }

  @Test
  void rateLimited_waitsTheAnnouncedResetCappedAtMaxRateLimitWait() {
    DatadogClient c = client().maxRateLimitWait(Duration.ofMillis(1500)).build();
    dd.rateLimit(1, Duration.ofSeconds(1)).rateLimit(1, Duration.ofSeconds(30));
    DatadogResponse r =
        c.sendSeries(DatadogSite.US1, KEY, Optional.empty(), "{\"series\":[]}", budget());
    assertEquals(202, r.status());
    assertEquals(3, r.attempts());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(1500)), sleeps);
  }

  @Test
  void serverErrors_fullJitterExponentialBackoff_capped() {
    DatadogClient c =
        client()
            .jitter(() -> 0.999999)
            .baseBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(300))
            .maxAttempts(5)
            .build();
    dd.fail(4, 503);
    DatadogResponse r = c.sendEvent(DatadogSite.US1, KEY, Optional.empty(), EVENT, budget());
    assertEquals(202, r.status());
    assertEquals(5, r.attempts());
    assertEquals(4, sleeps.size());
    long[] ceilings = {100, 200, 300, 300};
    for (int i = 0; i < 4; i++) {
      long ms = sleeps.get(i).toMillis();
      assertTrue(ms <= ceilings[i] && ms >= ceilings[i] - 1, i + ": " + ms);
    }
    DatadogClient zero = client().jitter(() -> 0.0).build();
    dd.fail(1, 500);
    sleeps.clear();
    zero.sendEvent(DatadogSite.US1, KEY, Optional.empty(), EVENT, budget());
    assertEquals(List.of(Duration.ZERO), sleeps, "full jitter reaches zero");
  }

  @Test
  void retries_neverWaitPastTheDeadline() {
    AtomicLong now = new AtomicLong();
    Deadline.Ticker ticker = now::get;
    DatadogClient c =
        DatadogClient.builder()
            .baseUrlOverride(Optional.of(dd.baseUrl()))
            .sleeper(
                d -> {
                  sleeps.add(d);
                  now.addAndGet(d.toNanos());
                })
            .maxAttempts(10)
            .build();
    dd.rateLimit(10, Duration.ofSeconds(1));
    DatadogResponse r =
        c.sendEvent(
            DatadogSite.US1,
            KEY,
            Optional.empty(),
            EVENT,
            Deadline.after(Duration.ofMillis(2500), ticker));
    assertEquals(429, r.status(), "the last answer, once no wait fits");
    assertEquals(3, r.attempts());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeps);
  }

  @Test
  void noTimeLeft_unreachableWithoutARequest() {
    DatadogClient c = client().build();
    DatadogUnreachableException e =
        assertThrows(
            DatadogUnreachableException.class,
            () ->
                c.sendEvent(
                    DatadogSite.US1, KEY, Optional.empty(), EVENT, Deadline.after(Duration.ZERO)));
    assertEquals(0, e.attempts());
    assertEquals(502, e.status());
    assertEquals(0, dd.requests().size());
  }

  @Test
  void connectionRefused_retriedThenUnreachable_messageWithoutSecrets() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    DatadogClient c =
        DatadogClient.builder()
            .baseUrlOverride(Optional.of(URI.create("http://127.0.0.1:" + port)))
            .sleeper(sleeps::add)
            .build();
    DatadogUnreachableException e =
        assertThrows(
            DatadogUnreachableException.class,
            () ->
                c.sendLogs(
                    DatadogSite.US1,
                    KEY,
                    Optional.empty(),
                    "[{\"message\":\"secret payload\"}]",
                    budget()));
    assertEquals(4, e.attempts());
    assertEquals("upstream_unreachable", e.code());
    assertFalse(e.getMessage().contains(KEY));
    assertFalse(e.getMessage().contains("secret payload"));
    assertTrue(e.getMessage().contains("/api/v2/logs"), e.getMessage());
  }

  @Test
  void hangingAttempt_cutAtTheAttemptTimeout_thenRetried() {
    DatadogClient c = client().attemptTimeout(Duration.ofMillis(200)).build();
    dd.hang(1);
    long start = System.nanoTime();
    DatadogResponse r = c.sendEvent(DatadogSite.US1, KEY, Optional.empty(), EVENT, budget());
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(202, r.status());
    assertEquals(2, r.attempts());
    assertTrue(ms >= 200 && ms < 2000, ms + " ms");
    assertTrue(r.latencyMs() >= 200);
  }

  @Test
  void answerThenSilence_returnsTheLastAnswer() {
    DatadogClient c = client().attemptTimeout(Duration.ofMillis(200)).maxAttempts(2).build();
    dd.fail(1, 503).hang(1);
    DatadogResponse r = c.sendEvent(DatadogSite.US1, KEY, Optional.empty(), EVENT, budget());
    assertEquals(503, r.status());
    assertEquals(2, r.attempts());
  }
}
