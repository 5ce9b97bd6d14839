package io.quantaseal.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.siem.delivery.DlqReplayer;
import io.quantaseal.testsupport.LocalEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 10,000 audit records through SiemPushFunction while the fake Datadog fails 30% of requests with
 * 5xx, answers bursts of 429 and sometimes hangs (longer than the client waits): every record
 * reaches the server at least once, the dead-letter queue holds exactly what was not delivered
 * within the retry budget, and the replay delivers the rest. Backoff waits go to a recording
 * sleeper, so the run takes seconds.
 */
@ExtendWith(SharedEngines.class)
class AuditStreamFaultIntegrationTest {
  static final int RECORDS = 10_000;
  static final int BATCH = 2_000;
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);
  static final Duration HANG = Duration.ofSeconds(2);
  static final Duration BATCH_HANG = ATTEMPT_TIMEOUT.plusMillis(200);

  private SiemTestBed bed;

  @BeforeEach
  void start(LocalEngines engines) {
    bed =
        new SiemTestBed(
            engines,
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            s -> s,
            b -> b.attemptTimeout(ATTEMPT_TIMEOUT).maxAttempts(4));
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  /** Record ids in what the server received: any answer, and answers the client actually got. */
  private record Seen(
      Set<String> any, Set<String> delivered, Map<String, Integer> requestsByPath) {}

  private Seen seen() {
    Set<String> any = new HashSet<>();
    Set<String> delivered = new HashSet<>();
    Map<String, Integer> byPath = new TreeMap<>();
    for (FakeDatadog.ReceivedRequest r : bed.dd.requests()) {
      byPath.merge(r.path(), 1, Integer::sum);
      List<String> ids = new ArrayList<>();
      JsonNode body = r.json();
      if (r.path().equals(FakeDatadog.LOGS)) {
        for (JsonNode e : body.isArray() ? body : List.of(body)) {
          ids.add("log:" + e.path("quantaseal").path("event_id").asText());
        }
      } else if (r.path().equals(FakeDatadog.EVENTS)) {
        ids.add("alert_event:" + AuditStreamIntegrationTest.tagValue(body, "quantaseal.event_id:"));
      }
      any.addAll(ids);
      boolean answered = r.answerDelay().compareTo(ATTEMPT_TIMEOUT) < 0;
      if (r.status() / 100 == 2 && answered) {
        delivered.addAll(ids);
      }
    }
    return new Seen(any, delivered, byPath);
  }

  @Test
  void tenThousandRecords_5xx429AndHangs_noneLostDlqExactReplayDeliversTheRest() throws Exception {
    SiemTestBed.Seeded a =
        bed.tenant(
            Optional.empty(),
            List.of("send_event", "send_log"),
            List.of(SiemStream.AUDIT, SiemStream.SECURITY_ALERTS));
    bed.dd.randomFailures(0.3, 42L, 500, 502, 503);
    Instant t0 = bed.clock.instant();
    List<AuditRecord> all = new ArrayList<>();
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < RECORDS; i++) {
      // One in a hundred is a security alert: a log and an event.
      Optional<String> alert =
          i % 100 == 7 ? Optional.of(AuditActions.ALERT_UNSEAL) : Optional.empty();
      AuditRecord r =
          new AuditRecord(
              bed.ids.next(Ids.AUDIT),
              a.tenantId(),
              t0.plusMillis(3L * i),
              Optional.of("key_0000000000000000000000000a"),
              i % 3 == 0 ? AuditActions.PROXY_CALL : AuditActions.VAULT_SEAL,
              "vlt_" + (i % 97),
              AuditRecord.SUCCESS,
              "req_" + i,
              Map.of(
                  "operation",
                  "send_log",
                  "upstream_status",
                  "202",
                  "latency_ms",
                  Integer.toString(i % 250)),
              alert);
      all.add(r);
      expected.add("log:" + r.auditId());
      alert.ifPresent(x -> expected.add("alert_event:" + r.auditId()));
    }

    SiemPushHandler handler = bed.siem.handler();
    long started = System.nanoTime();
    for (int b = 0; b < RECORDS / BATCH; b++) {
      switch (b) {
        case 1 -> bed.dd.on(FakeDatadog.LOGS).rateLimit(6, Duration.ofSeconds(1)); // a 429 burst
        case 2 -> bed.dd.on(FakeDatadog.LOGS).delay(2, HANG); // two hangs, then answers
        // Every attempt of every request of this batch hangs, so its budgets are exhausted
        // whatever the order in which the concurrent requests reach the fake (a fixed number of
        // hangs could spread over the batch's requests and leave none exhausted).
        // The hang is short so that the fake's threads are free again for the next batch.
        case 3 -> bed.dd.delayAll(BATCH_HANG);
        case 4 -> {
          bed.dd.delayAll(Duration.ZERO);
          bed.dd.on(FakeDatadog.EVENTS).rateLimit(8, Duration.ofSeconds(2));
        }
        default -> {}
      }
      SiemTestBed.StreamBatch batch =
          SiemTestBed.streamEvent(all.subList(b * BATCH, (b + 1) * BATCH));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(
          new ByteArrayInputStream(batch.json().toString().getBytes(StandardCharsets.UTF_8)),
          out,
          null);
      assertEquals(
          "{\"batchItemFailures\":[]}", out.toString(StandardCharsets.UTF_8), "batch " + b);
      System.out.printf(
          "batch %d done after %d ms%n", b, (System.nanoTime() - started) / 1_000_000);
    }

    // Every record reached the server at least once.
    Seen seen = seen();
    assertTrue(seen.any().containsAll(expected), "some record never reached the server");
    assertEquals(expected, seen.any());
    // The dead-letter queue holds exactly what the client did not see accepted, once each.
    List<JsonNode> dlq = bed.dlqMessages();
    Set<String> inDlq = new HashSet<>();
    for (JsonNode m : dlq) {
      assertTrue(
          inDlq.add(m.path("kind").asText() + ":" + m.path("event_id").asText()),
          "duplicate letter");
      assertTrue(m.path("attempts").asInt() >= 1);
    }
    Set<String> undelivered = new HashSet<>(expected);
    undelivered.removeAll(seen.delivered());
    assertEquals(undelivered, inDlq);
    assertFalse(inDlq.isEmpty(), "the faults should have exhausted some retry budgets");
    List<AuditRecord> hungBatch = all.subList(3 * BATCH, 4 * BATCH);
    for (AuditRecord r : hungBatch) {
      assertTrue(inDlq.contains("log:" + r.auditId()), "a record of the hung batch was delivered");
    }
    assertTrue(inDlq.size() < expected.size() / 2, "most records are delivered despite the faults");
    Map<String, Integer> reasons = new TreeMap<>();
    dlq.forEach(m -> reasons.merge(m.path("reason").asText(), 1, Integer::sum));
    // (Which faults exhaust a budget varies: a log batch gets up to three calls in all.)
    // Retries waited as told (a recording sleeper): 429s at least the announced reset.
    assertTrue(bed.sleeps.stream().anyMatch(d -> d.compareTo(Duration.ofSeconds(1)) >= 0));
    // Full batches: 10 log requests per 10,000 records when nothing fails; retries add attempts.
    System.out.printf(
        "fault run: %d records, %d undelivered after retries %s, requests %s, backoff waits %d,"
            + " %d ms%n",
        RECORDS,
        inDlq.size(),
        reasons,
        seen.requestsByPath(),
        bed.sleeps.size(),
        (System.nanoTime() - started) / 1_000_000);

    // The operator replays once Datadog behaves: the rest is delivered, the queue is empty.
    bed.dd.clearFaults();
    DlqReplayer.Report report =
        bed.siem
            .replayer()
            .replay(
                Integer.MAX_VALUE, Duration.ofSeconds(60), Deadline.after(Duration.ofSeconds(60)));
    assertEquals(inDlq.size(), report.received());
    assertEquals(inDlq.size(), report.delivered(), report.keptByReason().toString());
    assertEquals(0, bed.dlqDepth());
    Seen after = seen();
    assertTrue(after.delivered().containsAll(expected), "replay left something undelivered");
    Map<String, Integer> deliveries = new HashMap<>();
    after.delivered().forEach(id -> deliveries.merge(id, 1, Integer::sum));
    assertEquals(expected.size(), deliveries.size());
    // Nothing but audit records' safe fields went out.
    for (FakeDatadog.ReceivedRequest r : bed.dd.requests()) {
      assertFalse(r.bodyAsString().contains(a.ddApiKey()));
    }
    for (JsonNode m : dlq) {
      assertFalse(Json.write(m).contains(a.ddApiKey()));
    }
  }
}
