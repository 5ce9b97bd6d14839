package io.quantaseal.siem;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.siem.metrics.MetricsPushService;
import io.quantaseal.testsupport.LocalEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Throughput of the SIEM push to a loopback fake Datadog (docs/benchmarks.md, "SIEM push").
 *
 * <p>Audit stream: audit records as DynamoDB stream events (JSON, as Lambda passes them) through
 * {@link SiemPushHandler#handleRequest} — event parsing, destination lookup, log building,
 * batching, gzip, HTTP — in batches of {@code batch} records; records per second and Datadog
 * requests per 10,000 records. Scheduled metrics: one tenant's hour of audit records (in DynamoDB
 * Local) read, aggregated into per-minute series and sent.
 *
 * <pre>
 * mvn -q -pl functions/siem-push test-compile exec:java \
 *   -Dexec.mainClass=io.quantaseal.siem.PushBenchmark -Dexec.classpathScope=test \
 *   -Dexec.args="10000 1000 5"
 * </pre>
 *
 * Arguments: records per round (10,000), stream batch size (1,000), measured rounds (5).
 */
public final class PushBenchmark {
  private PushBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    try (LocalEngines engines = LocalEngines.start();
        SiemTestBed bed = new SiemTestBed(engines, Instant.now().truncatedTo(ChronoUnit.SECONDS))) {
      bed.clock.set(Instant.now());
      System.out.printf(
          "SIEM push benchmark: %d records per round, batches of %d, %d rounds (+2 warm-up), %s, %d CPUs%n",
          records,
          batch,
          rounds,
          System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors());
      stream(bed, "audit only (logs)", List.of(SiemStream.AUDIT), 0, records, batch, rounds);
      stream(
          bed,
          "audit + security_alerts, 1% alerts",
          List.of(SiemStream.AUDIT, SiemStream.SECURITY_ALERTS),
          100,
          records,
          batch,
          rounds);
      metrics(bed, records);
    }
    System.exit(0);
  }

  private static void stream(
      SiemTestBed bed,
      String name,
      List<SiemStream> streams,
      int alertEvery,
      int records,
      int batch,
      int rounds)
      throws Exception {
    SiemTestBed.Seeded t =
        bed.tenant(Optional.empty(), List.of("send_event", "send_metric", "send_log"), streams);
    SiemPushHandler handler = bed.siem.handler();
    double[] rates = new double[rounds];
    long requests = 0;
    long logRequests = 0;
    long eventRequests = 0;
    long measured = 0;
    for (int round = -2; round < rounds; round++) {
      List<byte[]> events = new ArrayList<>();
      Instant t0 = Instant.now();
      List<AuditRecord> all = new ArrayList<>();
      for (int i = 0; i < records; i++) {
        Optional<String> alert =
            alertEvery > 0 && i % alertEvery == 7
                ? Optional.of(AuditActions.ALERT_UNSEAL)
                : Optional.empty();
        all.add(
            new AuditRecord(
                bed.ids.next(Ids.AUDIT),
                t.tenantId(),
                t0.plusMillis(i),
                Optional.of("key_0000000000000000000000000a"),
                i % 3 == 0 ? AuditActions.PROXY_CALL : AuditActions.VAULT_SEAL,
                "vlt_" + (i % 97),
                "success",
                "req_" + i,
                Map.of(
                    "operation",
                    "send_log",
                    "upstream_status",
                    "202",
                    "latency_ms",
                    Integer.toString(i % 250)),
                alert));
      }
      for (int from = 0; from < records; from += batch) {
        events.add(
            SiemTestBed.streamEvent(all.subList(from, Math.min(records, from + batch)))
                .json()
                .toString()
                .getBytes(StandardCharsets.UTF_8));
      }
      int before = bed.dd.requests().size();
      int logsBefore = bed.dd.count(FakeDatadog.LOGS);
      int eventsBefore = bed.dd.count(FakeDatadog.EVENTS);
      long start = System.nanoTime();
      for (byte[] e : events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(e), out, null);
        if (!out.toString(StandardCharsets.UTF_8).equals("{\"batchItemFailures\":[]}")) {
          throw new IllegalStateException("undelivered: " + out);
        }
      }
      long nanos = System.nanoTime() - start;
      if (round >= 0) {
        rates[round] = records / (nanos / 1e9);
        requests += bed.dd.requests().size() - before;
        logRequests += bed.dd.count(FakeDatadog.LOGS) - logsBefore;
        eventRequests += bed.dd.count(FakeDatadog.EVENTS) - eventsBefore;
        measured += records;
      }
    }
    Arrays.sort(rates);
    double per10k = 10_000.0 / measured;
    System.out.printf(
        "stream, %s: %.0f records/s median (min %.0f, max %.0f); Datadog requests per 10,000 records: %.1f (logs %.1f, events %.1f)%n",
        name,
        rates[rates.length / 2],
        rates[0],
        rates[rates.length - 1],
        requests * per10k,
        logRequests * per10k,
        eventRequests * per10k);
  }

  private static void metrics(SiemTestBed bed, int records) {
    SiemTestBed.Seeded t =
        bed.tenant(Optional.empty(), List.of("send_event", "send_metric", "send_log"), List.of());
    Instant now = bed.clock.instant();
    Instant start = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(50));
    bed.siem
        .destinations()
        .repository()
        .create(
            new SiemDestination(
                t.tenantId(),
                bed.ids.next(Ids.SIEM_DESTINATION),
                "datadog",
                t.integrationId(),
                List.of(SiemStream.METRICS),
                start,
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    List<WriteRequest> writes = new ArrayList<>();
    String[] actions = {
      AuditActions.VAULT_SEAL,
      AuditActions.VAULT_UNSEAL,
      AuditActions.PROXY_CALL,
      AuditActions.VAULT_ROTATE
    };
    for (int i = 0; i < records; i++) {
      AuditRecord r =
          new AuditRecord(
              bed.ids.next(Ids.AUDIT),
              t.tenantId(),
              start.plusMillis((long) i * 48 * 60_000 / records),
              Optional.empty(),
              actions[i % actions.length],
              "vlt_" + (i % 97),
              i % 17 == 0 ? "denied" : "success",
              "req_" + i,
              Map.of("operation", "send_log", "upstream_status", "202"),
              Optional.empty());
      writes.add(
          WriteRequest.builder()
              .putRequest(PutRequest.builder().item(AuditLog.toItem(r)).build())
              .build());
      if (writes.size() == 25) {
        List<WriteRequest> w = List.copyOf(writes);
        bed.dynamo.batchWriteItem(b -> b.requestItems(Map.of(bed.config.auditTable(), w)));
        writes.clear();
      }
    }
    if (!writes.isEmpty()) {
      List<WriteRequest> w = List.copyOf(writes);
      bed.dynamo.batchWriteItem(b -> b.requestItems(Map.of(bed.config.auditTable(), w)));
    }
    TenantRecord tenant = bed.tenants.find(t.tenantId()).orElseThrow();
    int before = bed.dd.count(FakeDatadog.SERIES);
    long s = System.nanoTime();
    MetricsPushService.TenantResult r =
        bed.siem.metrics().pushTenant(tenant, Deadline.after(Duration.ofSeconds(60)), "req_bench");
    long nanos = System.nanoTime() - s;
    System.out.printf(
        "metrics: %d audit records over %d periods -> %s in %d ms (%.0f records/s), %d series requests%n",
        records,
        r.periods(),
        r.outcome(),
        nanos / 1_000_000,
        records / (nanos / 1e9),
        bed.dd.count(FakeDatadog.SERIES) - before);
  }
}
