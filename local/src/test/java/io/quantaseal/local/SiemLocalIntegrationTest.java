package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.fakedatadog.FakeDatadog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIEM push live in a local run, as a user meets it: the runner started exactly as {@code
 * ./run-local --fake-datadog} starts it (short schedule and metrics lag), a destination created
 * through the API, vault, proxy and bad-key requests — and, with no invoke by hand, the audit
 * stream delivers logs and alert events and the schedule delivers the closed minute's series to the
 * loopback Datadog.
 */
class SiemLocalIntegrationTest {
  @TempDir Path dir;
  private LocalRun run;

  @AfterEach
  void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void localRun_destinationAndActivity_seriesLogsAndAlertEventsReachDatadogWithoutInvoke()
      throws Exception {
    run = LocalRun.start(dir, "--fake-datadog", "--siem-interval", "2", "--siem-metrics-lag", "1");
    Map<String, String> env = run.env();
    assertTrue(env.get("QS_SIEM_DLQ_URL").contains("SiemDeadLetterQueue"), env.toString());
    Http http = run.http();
    String key = run.apiKey();
    FakeDatadog dd = run.runner().datadog().orElseThrow();

    // The tenant's Datadog key, an integration that may send all three, a destination.
    String entry = run.sealDatadogKey("0123456789abcdef0123456789abcdef");
    String integrationId = run.integration(entry, "send_event", "send_log", "send_metric");
    run.destination(integrationId, "metrics", "audit", "security_alerts");

    // A client key (the proxy answers with envelopes), as the README registers one.
    ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
    ClientTools.newClientKey(
        dir.resolve("client-key.json"), new PrintStream(publicKey, true, StandardCharsets.UTF_8));
    Http.Answer registered =
        http.post(
            "/api/v2/encryption/client-keys", key, publicKey.toString(StandardCharsets.UTF_8));
    assertEquals(201, registered.status(), registered.toString());

    // Vault and proxy traffic, a policy denial (a security alert), and bad keys.
    assertEquals(200, http.get("/api/v2/vault/entries", key).status());
    // Unseal without the vault:unseal scope: refused, audited as a policy denial (an alert).
    Http.Answer denied =
        http.post("/api/v2/vault/unseal", key, "{\"vault_entry_id\":\"" + entry + "\"}");
    assertEquals(403, denied.status(), denied.toString());
    Http.Answer sent =
        http.post(
            "/api/v2/proxy/outbound",
            key,
            "{\"integration_id\":\""
                + integrationId
                + "\",\"operation\":\"send_event\",\"payload\":{\"title\":\"t\",\"text\":\"x\"}}");
    assertEquals(202, sent.status(), sent.toString());
    assertEquals(403, http.get("/api/v2/vault/entries", "qs_test_" + "x".repeat(43)).status());
    assertEquals(401, http.get("/api/v2/vault/entries", null).status());

    // Logs for the tenant's records, from the stream, within seconds.
    assertTrue(
        await(
            dd,
            r ->
                r.path().equals("/api/v2/logs")
                    && logActions(r).contains("siem_destination.create"),
            30),
        "no log for siem_destination.create: " + run.console());
    Set<String> actions = new HashSet<>();
    dd.requests().stream()
        .filter(r -> r.path().equals("/api/v2/logs"))
        .forEach(r -> actions.addAll(logActions(r)));
    assertTrue(
        actions.containsAll(
            List.of("vault.seal", "integration.create", "siem_destination.create", "proxy.call")),
        actions.toString());
    // The denial is a security alert: a Datadog event too.
    assertTrue(
        await(
            dd,
            r ->
                r.path().equals("/api/v1/events")
                    && r.jsonOrNull().path("title").asText().contains("policy_denial"),
            30),
        "no alert event: " + run.console());
    // Bad keys name no tenant: nothing of theirs reaches this tenant's Datadog.
    assertFalse(actions.contains("auth.failure"), actions.toString());

    // The closed minute's series, from the schedule, after the lag.
    assertTrue(
        await(
            dd,
            r ->
                r.path().equals("/api/v2/series")
                    && seriesNames(r).contains("quantaseal.vault.operations"),
            75),
        "no series: " + run.console());
    JsonNode series =
        dd.requests().stream()
            .filter(r -> r.path().equals("/api/v2/series"))
            .filter(r -> seriesNames(r).contains("quantaseal.vault.operations"))
            .findFirst()
            .orElseThrow()
            .json();
    for (JsonNode s : series.path("series")) {
      assertTrue(tags(s).contains("tenant:" + env.get("QS_TENANT_ID")), s.toString());
    }
    String out = run.console();
    assertTrue(out.contains("event-source: SiemPushFunction.AuditStream"), out);
    // The fake Datadog's console lines say what arrived.
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "fake-datadog: POST /api/v2/logs -> 202 \\(\\d+ logs?: ddsource"
                            + " quantaseal ×\\d+ \\(.*(vault\\.seal|more).*\\)\\)")),
        out);
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.matches(
                        "fake-datadog: POST /api/v2/series -> 202 \\(\\d+ series:"
                            + " quantaseal\\..*\\)")),
        out);
    assertTrue(
        out.lines()
            .anyMatch(
                l ->
                    l.startsWith(
                        "fake-datadog: POST /api/v1/events -> 202 (1 event: title \"QuantaSeal"
                            + " security alert: policy_denial")),
        out);
  }

  static Set<String> logActions(FakeDatadog.ReceivedRequest r) {
    Set<String> out = new HashSet<>();
    if (r.jsonOrNull() != null) {
      for (JsonNode e : r.jsonOrNull().isArray() ? r.jsonOrNull() : List.of(r.jsonOrNull())) {
        out.add(e.path("quantaseal").path("action").asText());
      }
    }
    return out;
  }

  static Set<String> seriesNames(FakeDatadog.ReceivedRequest r) {
    Set<String> out = new HashSet<>();
    if (r.jsonOrNull() != null) {
      r.jsonOrNull().path("series").forEach(s -> out.add(s.path("metric").asText()));
    }
    return out;
  }

  static Set<String> tags(JsonNode series) {
    Set<String> out = new HashSet<>();
    series.path("tags").forEach(t -> out.add(t.asText()));
    return out;
  }

  static boolean await(FakeDatadog dd, Predicate<FakeDatadog.ReceivedRequest> p, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < end) {
      if (dd.requests().stream().anyMatch(p)) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}
