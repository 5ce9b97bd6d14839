package io.quantaseal.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.Items;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.store.VaultTableKeys;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.CredentialType;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.siem.SeriesPoints.Point;
import io.quantaseal.siem.destinations.ResolvedDestination;
import io.quantaseal.siem.metrics.AuditTrail;
import io.quantaseal.siem.metrics.MetricsPushService;
import io.quantaseal.siem.metrics.MetricsPushService.Outcome;
import io.quantaseal.siem.metrics.MetricsPushState;
import io.quantaseal.siem.metrics.UsageHistory;
import io.quantaseal.testsupport.LocalEngines;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The scheduled push on DynamoDB Local + moto + the fake Datadog: exact series for seeded vault and
 * proxy activity, the watermark never skipping or double-counting a period across failures and
 * re-sends, the lease keeping overlapping runs apart, and a 403 stopping the tenant with one alert.
 */
@ExtendWith(SharedEngines.class)
class MetricsPushIntegrationTest {
  private static final List<String> ALL_OPS = List.of("send_event", "send_metric", "send_log");
  private static final List<SiemStream> ALL_STREAMS =
      List.of(SiemStream.METRICS, SiemStream.AUDIT, SiemStream.SECURITY_ALERTS);

  private SiemTestBed bed;
  private Instant base;

  @BeforeEach
  void start(LocalEngines engines) {
    base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
    bed = new SiemTestBed(engines, base.minus(Duration.ofDays(100)));
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private AuditTrail trail() {
    return new AuditTrail(bed.dynamo, bed.config.auditTable());
  }

  private MetricsPushService.TenantResult push(String tenantId) {
    TenantRecord t = bed.tenants.find(tenantId).orElseThrow();
    return bed.siem.metrics().pushTenant(t, Deadline.after(Duration.ofSeconds(30)), "req_test");
  }

  private AuditRecord at(
      Instant t, String tenant, String action, String outcome, String target, String... details) {
    bed.clock.set(t);
    var e = bed.audit.record(tenant, action, "req_test").target(target).outcome(outcome);
    for (int i = 0; i + 1 < details.length; i += 2) {
      if (details[i].equals("alert")) {
        e.securityAlert(details[i + 1]);
      } else {
        e.detail(details[i], details[i + 1]);
      }
    }
    return e.write();
  }

  private String destination(String tenant, String integrationId, Instant createdAt) {
    String id = bed.ids.next(Ids.SIEM_DESTINATION);
    bed.siem
        .destinations()
        .repository()
        .create(
            new SiemDestination(
                tenant,
                id,
                "datadog",
                integrationId,
                ALL_STREAMS,
                createdAt,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    return id;
  }

  @Test
  void scheduledPush_seededActivity_sendsExactlyTheDocumentedSeries() {
    // 100 days ago: the tenant, its Datadog key and an old bearer token; a second integration
    // that allows everything and is never used.
    SiemTestBed.Seeded s = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    String tenant = s.tenantId();
    String oldEntry = bed.ids.next(Ids.VAULT_ENTRY);
    bed.vault.create(
        tenant,
        oldEntry,
        Optional.empty(),
        CredentialType.BEARER_TOKEN,
        Map.of("token", "tok-" + SiemTestBed.randomHex(16)));
    Instant created = bed.clock.instant();
    bed.integrations.put(
        new IntegrationRecord(
            tenant,
            bed.ids.next(Ids.INTEGRATION),
            "datadog",
            Optional.empty(),
            oldEntry,
            "datadoghq.com",
            ALL_OPS,
            Optional.empty(),
            0,
            created,
            created));

    // Minute M-1: the Datadog key is rotated, the destination created, an API key issued and
    // revoked.
    Instant mMinus1 = base.minus(Duration.ofMinutes(1));
    bed.clock.set(mMinus1.plusSeconds(5));
    VaultEntryRecord dd = bed.entries.find(tenant, s.entryId()).orElseThrow();
    bed.vault.rotate(dd, Map.of("api_key", s.ddApiKey())).orElseThrow();
    destination(tenant, s.integrationId(), mMinus1.plusSeconds(10));
    bed.clock.set(mMinus1.plusSeconds(20));
    TenantProvisioning ops = bed.provisioning;
    String revoked = ops.issueApiKey(tenant, false, java.util.Set.of()).apiKeyId();
    bed.clock.set(mMinus1.plusSeconds(30));
    ops.revokeApiKey(tenant, revoked);

    // Minute M0.
    Instant m0 = base;
    String integ = s.integrationId();
    at(
        m0.plusSeconds(1),
        tenant,
        AuditActions.VAULT_SEAL,
        "success",
        "vlt_a",
        "credential_type",
        "bearer_token");
    at(
        m0.plusSeconds(2),
        tenant,
        AuditActions.VAULT_SEAL,
        "success",
        "vlt_b",
        "credential_type",
        "api_key");
    at(
        m0.plusSeconds(3),
        tenant,
        AuditActions.VAULT_UNSEAL,
        "success",
        "vlt_a",
        "alert",
        AuditActions.ALERT_UNSEAL);
    at(
        m0.plusSeconds(4),
        tenant,
        AuditActions.VAULT_UNSEAL,
        "denied",
        "vlt_a",
        "reason",
        "missing_scope",
        "alert",
        AuditActions.ALERT_POLICY_DENIAL);
    at(m0.plusSeconds(5), tenant, AuditActions.VAULT_ROTATE, "success", "vlt_a", "version", "2");
    at(
        m0.plusSeconds(6),
        tenant,
        AuditActions.PROXY_CALL,
        "success",
        integ,
        "operation",
        "send_log",
        "upstream_status",
        "202");
    at(
        m0.plusSeconds(7),
        tenant,
        AuditActions.PROXY_CALL,
        "denied",
        integ,
        "operation",
        "send_metric",
        "reason",
        "operation_not_allowed",
        "alert",
        AuditActions.ALERT_POLICY_DENIAL);
    at(
        m0.plusSeconds(8),
        tenant,
        AuditActions.AUTH_FAILURE,
        "denied",
        "",
        "reason",
        "revoked_api_key",
        "alert",
        AuditActions.ALERT_AUTH_FAILURE);
    // Minute M1.
    Instant m1 = base.plusSeconds(60);
    at(m1.plusSeconds(1), tenant, AuditActions.VAULT_DELETE, "success", "vlt_b");
    for (int i = 0; i < 3; i++) {
      at(
          m1.plusSeconds(2 + i),
          tenant,
          AuditActions.PROXY_CALL,
          "success",
          integ,
          "operation",
          "send_metric",
          "upstream_status",
          "202");
    }
    at(
        m1.plusSeconds(5),
        tenant,
        AuditActions.PROXY_CALL,
        "error",
        integ,
        "operation",
        "send_event",
        "reason",
        "upstream_unreachable");
    at(m1.plusSeconds(6), tenant, AuditActions.VAULT_DELETE, "denied", "vlt_c", "reason", "in_use");
    // Minute M2: nothing. Another tenant's activity must not show up.
    SiemTestBed.Seeded other = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    at(m0.plusSeconds(9), other.tenantId(), AuditActions.VAULT_SEAL, "success", "vlt_x");

    // Run at M3 + 61 s: M-1, M0, M1 and M2 are closed (60 s lag), M3 is not.
    Instant m2 = base.plusSeconds(120);
    Instant m3 = base.plusSeconds(180);
    bed.clock.set(m3.plusSeconds(61));
    MetricsPushService.TenantResult r = push(tenant);

    assertEquals(Outcome.PUSHED, r.outcome(), r.toString());
    assertEquals(4, r.periods());
    assertEquals(1, r.requests());
    assertEquals(m3.getEpochSecond(), bed.siem.metricsState().watermark(tenant).getAsLong());
    List<FakeDatadog.ReceivedRequest> series = bed.dd.requests(FakeDatadog.SERIES);
    assertEquals(1, series.size());
    assertEquals(s.ddApiKey(), series.get(0).header("DD-API-KEY"));
    assertEquals(202, series.get(0).status());

    Expected e = new Expected(tenant);
    long tm1 = mMinus1.getEpochSecond();
    long t0 = m0.getEpochSecond();
    long t1 = m1.getEpochSecond();
    long t2 = m2.getEpochSecond();
    e.count("quantaseal.audit.records", tm1, 2);
    e.count("quantaseal.security.alerts", tm1, 1, "quantaseal:alert_type:api_key_revoked");

    e.count("quantaseal.audit.records", t0, 8);
    e.count(
        "quantaseal.vault.operations",
        t0,
        2,
        "quantaseal:operation:seal",
        "quantaseal:outcome:success");
    e.count(
        "quantaseal.vault.operations",
        t0,
        1,
        "quantaseal:operation:unseal",
        "quantaseal:outcome:success");
    e.count(
        "quantaseal.vault.operations",
        t0,
        1,
        "quantaseal:operation:unseal",
        "quantaseal:outcome:denied");
    e.count(
        "quantaseal.vault.operations",
        t0,
        1,
        "quantaseal:operation:rotate",
        "quantaseal:outcome:success");
    e.count(
        "quantaseal.proxy.requests",
        t0,
        1,
        "quantaseal:operation:send_log",
        "quantaseal:outcome:success");
    e.count(
        "quantaseal.proxy.requests",
        t0,
        1,
        "quantaseal:operation:send_metric",
        "quantaseal:outcome:denied");
    e.count("quantaseal.crypto.operations", t0, 3, "quantaseal:crypto_operation:seal");
    e.count("quantaseal.crypto.operations", t0, 2, "quantaseal:crypto_operation:open");
    e.count("quantaseal.crypto.operations", t0, 2, "quantaseal:crypto_operation:envelope");
    e.count("quantaseal.kms.calls", t0, 3, "quantaseal:kms_operation:generate_data_key");
    e.count("quantaseal.kms.calls", t0, 4, "quantaseal:kms_operation:decrypt");
    e.count(
        "quantaseal.policy.denials",
        t0,
        1,
        "quantaseal:action:vault.unseal",
        "quantaseal:reason:missing_scope");
    e.count(
        "quantaseal.policy.denials",
        t0,
        1,
        "quantaseal:action:proxy.call",
        "quantaseal:reason:operation_not_allowed");
    e.count("quantaseal.auth.failures", t0, 1, "quantaseal:reason:revoked_api_key");
    e.count("quantaseal.security.alerts", t0, 1, "quantaseal:alert_type:credential_unsealed");
    e.count("quantaseal.security.alerts", t0, 2, "quantaseal:alert_type:policy_denial");
    e.count("quantaseal.security.alerts", t0, 1, "quantaseal:alert_type:auth_failure");

    e.count("quantaseal.audit.records", t1, 6);
    e.count(
        "quantaseal.vault.operations",
        t1,
        1,
        "quantaseal:operation:delete",
        "quantaseal:outcome:success");
    e.count(
        "quantaseal.vault.operations",
        t1,
        1,
        "quantaseal:operation:delete",
        "quantaseal:outcome:denied");
    e.count(
        "quantaseal.proxy.requests",
        t1,
        3,
        "quantaseal:operation:send_metric",
        "quantaseal:outcome:success");
    e.count(
        "quantaseal.proxy.requests",
        t1,
        1,
        "quantaseal:operation:send_event",
        "quantaseal:outcome:error");
    e.count("quantaseal.crypto.operations", t1, 1, "quantaseal:crypto_operation:erase");
    e.count("quantaseal.crypto.operations", t1, 4, "quantaseal:crypto_operation:open");
    e.count("quantaseal.crypto.operations", t1, 3, "quantaseal:crypto_operation:envelope");
    e.count("quantaseal.kms.calls", t1, 8, "quantaseal:kms_operation:decrypt");

    e.count("quantaseal.audit.records", t2, 0);

    // Compliance at the newest period: rotation 1 of 2 entries (50), least privilege 1 of 2
    // integrations (50), a revoked key presented today (0), all integrations healthy (100):
    // (40·50 + 20·50 + 20·0 + 20·100) / 100 = 50.
    e.gauge("quantaseal.compliance.score", t2, 50);
    e.gauge("quantaseal.compliance.rule", t2, 50, "quantaseal:rule:credential_rotation");
    e.gauge("quantaseal.compliance.rule", t2, 50, "quantaseal:rule:least_privilege");
    e.gauge("quantaseal.compliance.rule", t2, 0, "quantaseal:rule:no_revoked_key_presented");
    e.gauge("quantaseal.compliance.rule", t2, 100, "quantaseal:rule:integration_health");

    assertEquals(
        e.sorted(),
        new TreeSet<>(SeriesPoints.of(series.get(0).json()))
            .stream().map(Point::toString).toList());

    // Nothing new: no request. One more minute: exactly that period.
    assertEquals(Outcome.UP_TO_DATE, push(tenant).outcome());
    assertEquals(1, bed.dd.count(FakeDatadog.SERIES));
    bed.clock.advance(Duration.ofMinutes(1));
    MetricsPushService.TenantResult next = push(tenant);
    assertEquals(Outcome.PUSHED, next.outcome());
    assertEquals(1, next.periods());
    List<Point> points = SeriesPoints.of(bed.dd.requests(FakeDatadog.SERIES).get(1).json());
    assertTrue(
        points.stream()
            .anyMatch(
                p ->
                    p.metric().equals("quantaseal.audit.records")
                        && p.timestamp() == m3.getEpochSecond()
                        && p.value() == 0));
    assertTrue(points.stream().allMatch(p -> p.timestamp() == m3.getEpochSecond()));
  }

  /** Expected points with the common tags. */
  private static final class Expected {
    final String tenant;
    final List<Point> points = new ArrayList<>();

    Expected(String tenant) {
      this.tenant = tenant;
    }

    void count(String metric, long ts, long value, String... tags) {
      points.add(new Point(metric, 1, 60, tags(tags), ts, value));
    }

    void gauge(String metric, long ts, long value, String... tags) {
      points.add(new Point(metric, 3, 0, tags(tags), ts, value));
    }

    String tags(String... own) {
      TreeSet<String> t = new TreeSet<>(List.of(own));
      t.add("env:test");
      t.add("service:quantaseal");
      t.add("tenant:" + tenant);
      return String.join(",", t);
    }

    List<String> sorted() {
      return new TreeSet<>(points).stream().map(Point::toString).toList();
    }
  }

  @Test
  void scheduledPush_failsHalfWay_resumesWithoutSkippingOrDoubleCounting() {
    SiemTestBed.Seeded s = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    Instant start = base.minus(Duration.ofMinutes(10));
    destination(s.tenantId(), s.integrationId(), start);
    for (int i = 0; i < 15; i++) {
      at(
          start.plusSeconds(60L * i + 7),
          s.tenantId(),
          AuditActions.VAULT_SEAL,
          "success",
          "vlt_" + i);
    }
    bed.clock.set(start.plus(Duration.ofMinutes(16)).plusSeconds(1)); // 15 closed periods
    // The first request (10 periods) is accepted; every attempt of the second fails.
    bed.dd.on(FakeDatadog.SERIES).delay(1, Duration.ofMillis(1)).fail(4, 503);

    MetricsPushService.TenantResult first = push(s.tenantId());
    assertEquals(Outcome.DELIVERY_FAILED, first.outcome());
    assertEquals(10, first.periods());
    long afterFirst = start.plus(Duration.ofMinutes(10)).getEpochSecond();
    assertEquals(afterFirst, bed.siem.metricsState().watermark(s.tenantId()).getAsLong());

    MetricsPushService.TenantResult second = push(s.tenantId());
    assertEquals(Outcome.PUSHED, second.outcome());
    assertEquals(5, second.periods());

    // Across accepted requests every period's record count arrived exactly once, with its value.
    Map<Long, List<Long>> counts = new TreeMap<>();
    for (Point p : SeriesPoints.accepted(bed.dd)) {
      if (p.metric().equals("quantaseal.audit.records")) {
        counts.computeIfAbsent(p.timestamp(), k -> new ArrayList<>()).add(p.value());
      }
    }
    assertEquals(15, counts.size());
    for (int i = 0; i < 15; i++) {
      assertEquals(
          List.of(1L), counts.get(start.plusSeconds(60L * i).getEpochSecond()), "period " + i);
    }
    assertEquals(1 + 4 + 1, bed.dd.count(FakeDatadog.SERIES)); // 1 ok, 4 failed attempts, 1 ok
  }

  @Test
  void scheduledPush_crashAfterAcceptance_resendsIdenticalPointsThatOverwrite() {
    SiemTestBed.Seeded s = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    Instant start = base.minus(Duration.ofMinutes(3));
    destination(s.tenantId(), s.integrationId(), start);
    for (int i = 0; i < 3; i++) {
      at(
          start.plusSeconds(60L * i + 3),
          s.tenantId(),
          AuditActions.VAULT_UNSEAL,
          "success",
          "vlt_a");
    }
    bed.clock.set(start.plus(Duration.ofMinutes(4)).plusSeconds(1));
    assertEquals(Outcome.PUSHED, push(s.tenantId()).outcome());

    // A run that crashed after Datadog accepted but before the watermark moved: the state still
    // holds the old watermark.
    bed.dynamo.updateItem(
        u ->
            u.tableName(bed.config.vaultTable())
                .key(Items.key(VaultTableKeys.pk(s.tenantId()), MetricsPushState.SK))
                .updateExpression("SET watermark = :w")
                .expressionAttributeValues(
                    Map.of(":w", AttributeValue.fromN(Long.toString(start.getEpochSecond())))));
    assertEquals(Outcome.PUSHED, push(s.tenantId()).outcome());

    List<FakeDatadog.ReceivedRequest> series = bed.dd.requests(FakeDatadog.SERIES);
    assertEquals(2, series.size());
    // Same metric, tags, timestamp and value: Datadog keeps one point (the last), not a sum.
    assertEquals(
        new TreeSet<>(SeriesPoints.of(series.get(0).json())),
        new TreeSet<>(SeriesPoints.of(series.get(1).json())));
  }

  @Test
  void lease_overlappingRuns_onlyOneWorksTheTenant() throws Exception {
    SiemTestBed.Seeded s = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    Instant start = base.minus(Duration.ofMinutes(3));
    destination(s.tenantId(), s.integrationId(), start);
    bed.clock.set(start.plus(Duration.ofMinutes(4)).plusSeconds(1));
    bed.dd.delayAll(Duration.ofMillis(800));

    CompletableFuture<MetricsPushService.TenantResult> a =
        CompletableFuture.supplyAsync(() -> push(s.tenantId()));
    assertTrue(bed.dd.awaitCount(FakeDatadog.SERIES, 1, Duration.ofSeconds(10)));
    MetricsPushService.TenantResult b = push(s.tenantId());
    assertEquals(Outcome.LEASE_HELD, b.outcome());
    assertEquals(Outcome.PUSHED, a.get(20, TimeUnit.SECONDS).outcome());
    assertEquals(1, bed.dd.count(FakeDatadog.SERIES));
  }

  @Test
  void lease_expiredAndTakenOver_staleRunCannotMoveTheWatermark() {
    MetricsPushState state = bed.siem.metricsState();
    Instant now = base;
    MetricsPushState.Lease a =
        state.acquire("ten_lease", "run_a", now, now.plusSeconds(60)).orElseThrow();
    assertTrue(
        state.acquire("ten_lease", "run_b", now.plusSeconds(10), now.plusSeconds(70)).isEmpty());
    // A's lease expires (it hangs); B takes over and advances.
    MetricsPushState.Lease b =
        state
            .acquire("ten_lease", "run_b", now.plusSeconds(61), now.plusSeconds(121))
            .orElseThrow();
    b = state.advance(b, 1200, UsageHistory.empty(), now.plusSeconds(121));
    assertThrows(
        MetricsPushState.LeaseLostException.class,
        () -> state.advance(a, 600, UsageHistory.empty(), now.plusSeconds(200)));
    assertEquals(1200, state.watermark("ten_lease").getAsLong());
    // A's release does not free B's lease.
    state.release(a);
    assertTrue(
        state.acquire("ten_lease", "run_c", now.plusSeconds(62), now.plusSeconds(122)).isEmpty());
    state.release(b);
    assertFalse(
        state.acquire("ten_lease", "run_c", now.plusSeconds(62), now.plusSeconds(122)).isEmpty());
  }

  @Test
  void scheduledPush_datadog403_stopsTheTenantWithOneAlertAndResumesAfterRotation() {
    SiemTestBed.Seeded s = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    Instant start = base.minus(Duration.ofMinutes(3));
    String dest = destination(s.tenantId(), s.integrationId(), start);
    bed.clock.set(start.plus(Duration.ofMinutes(4)).plusSeconds(1));
    bed.dd.revokeApiKey(s.ddApiKey());

    assertEquals(Outcome.NO_ACTIVE_DESTINATION, push(s.tenantId()).outcome());
    assertEquals(Outcome.NO_ACTIVE_DESTINATION, push(s.tenantId()).outcome());
    assertEquals(1, bed.dd.count(FakeDatadog.SERIES)); // the second run did not call Datadog
    assertTrue(bed.siem.metricsState().watermark(s.tenantId()).isEmpty());
    ResolvedDestination d =
        bed.siem
            .destinations()
            .resolve(bed.siem.destinations().repository().find(s.tenantId(), dest).orElseThrow());
    assertEquals(ResolvedDestination.Status.STOPPED_CREDENTIAL_REJECTED, d.status());
    List<AuditRecord> alerts =
        trail().between(s.tenantId(), start, bed.clock.instant().plusSeconds(1)).stream()
            .filter(a -> a.action().equals(SiemActions.DELIVERY_FORBIDDEN))
            .toList();
    assertEquals(1, alerts.size());
    assertEquals(
        Optional.of(SiemActions.ALERT_SIEM_CREDENTIAL_REJECTED), alerts.get(0).securityAlert());
    assertEquals(dest, alerts.get(0).target());
    assertFalse(bed.integrations.find(s.tenantId(), s.integrationId()).orElseThrow().healthy());

    // The tenant rotates its Datadog key: the destination resumes from where it stopped.
    String newKey = "dd" + SiemTestBed.randomHex(15);
    bed.dd.addApiKey(newKey);
    VaultEntryRecord entry = bed.entries.find(s.tenantId(), s.entryId()).orElseThrow();
    bed.vault.rotate(entry, Map.of("api_key", newKey)).orElseThrow();
    MetricsPushService.TenantResult r = push(s.tenantId());
    assertEquals(Outcome.PUSHED, r.outcome());
    assertEquals(3, r.periods());
  }

  @Test
  void scheduleEvent_fromTheEventsFolder_runsEveryTenant() throws Exception {
    SiemTestBed.Seeded withMetrics = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    SiemTestBed.Seeded without = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    Instant start = base.minus(Duration.ofMinutes(2));
    destination(withMetrics.tenantId(), withMetrics.integrationId(), start);
    bed.clock.set(start.plus(Duration.ofMinutes(3)).plusSeconds(1));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.io.InputStream in =
        java.nio.file.Files.newInputStream(
            io.quantaseal.testsupport.TestEvents.repo().path("siem-push/schedule.json"))) {
      bed.siem.handler().handleRequest(in, out, null);
    }
    com.fasterxml.jackson.databind.JsonNode summary =
        io.quantaseal.common.json.Json.parseLenient(
            out.toString(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> outcomes = new TreeMap<>();
    summary
        .path("tenants")
        .forEach(t -> outcomes.put(t.path("tenant_id").asText(), t.path("outcome").asText()));
    assertEquals(
        Map.of(withMetrics.tenantId(), "pushed", without.tenantId(), "no_destination"), outcomes);
    assertEquals(1, bed.dd.count(FakeDatadog.SERIES));
  }

  @Test
  void auditTrail_recordsInAPeriodsFirstAndLastSecond_areAllRead() {
    String tenant = "ten_edges";
    Instant p = base;
    // Instant.toString drops a zero fraction: "…:00Z" sorts after "…:00.120Z".
    List<Instant> inside = List.of(p, p.plusMillis(120), p.plusSeconds(59), p.plusMillis(59_999));
    for (Instant t : inside) {
      at(t, tenant, AuditActions.VAULT_SEAL, "success", "vlt_e");
    }
    at(p.minusMillis(1), tenant, AuditActions.VAULT_SEAL, "success", "vlt_before");
    at(p.plusSeconds(60), tenant, AuditActions.VAULT_SEAL, "success", "vlt_after");
    List<AuditRecord> read = trail().between(tenant, p, p.plusSeconds(60));
    assertEquals(inside, read.stream().map(AuditRecord::time).toList());
  }

  @Test
  void scheduledPush_backlogOlderThanDatadogAccepts_recordsTheGapAndMovesOn() {
    SiemTestBed.Seeded s = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    Instant start = base.minus(Duration.ofMinutes(90)); // e.g. the function was down 90 minutes
    destination(s.tenantId(), s.integrationId(), start);
    bed.clock.set(base.plusSeconds(61));
    MetricsPushService.TenantResult r = push(s.tenantId());
    assertEquals(Outcome.PUSHED, r.outcome());
    long oldest = base.plusSeconds(61).minus(Duration.ofMinutes(55)).getEpochSecond();
    long firstSent = (oldest + 59) / 60 * 60;
    assertEquals(
        base.getEpochSecond(), bed.siem.metricsState().watermark(s.tenantId()).getAsLong());
    for (Point p : SeriesPoints.accepted(bed.dd)) {
      assertTrue(p.timestamp() >= firstSent, "no point older than Datadog accepts");
    }
    List<AuditRecord> gaps =
        trail().between(s.tenantId(), start, bed.clock.instant().plusSeconds(1)).stream()
            .filter(a -> a.action().equals(SiemActions.METRICS_GAP))
            .toList();
    assertEquals(1, gaps.size());
    assertEquals(start.toString(), gaps.get(0).details().get("from"));
    assertEquals(Instant.ofEpochSecond(firstSent).toString(), gaps.get(0).details().get("to"));
  }
}
