package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.fakedatadog.FakeDatadog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Nothing lost under faults, through the local runner: 2,100 audit records of one tenant — the
 * first 1,000 security alerts, written at once so that the stream delivers them in one batch —
 * reach SiemPushFunction through the runner's stream event source while Datadog (the fake, on
 * 127.0.0.1) answers 30% 5xx, bursts of 429 with rate-limit headers, and hangs longer than the
 * client waits. Counted by stable event id at Datadog (a request counts when it was answered 2xx
 * before the client gave up): every log and alert event was delivered, or is in the dead-letter
 * queue with its content; few were delivered twice; after the faults stop, the replay command run
 * against the local run (its {@code --env-file}) delivers the rest.
 */
class SiemLocalFaultIntegrationTest {
  static final String DD_KEY = "0123456789abcdef0123456789abcdef";
  static final int ALERTS = 1000;
  static final int OTHERS = 1100;
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
  static final Pattern BATCH = Pattern.compile("AuditStream: (\\d+) record\\(s\\)");

  @TempDir Path dir;
  private LocalRun run;
  private LocalRunner runner;
  private FakeDatadog dd;

  @AfterEach
  void stop() {
    if (run != null) {
      run.close();
    }
    if (dd != null) {
      dd.close();
    }
  }

  @Test
  void twoThousandRecordsThousandAlertsInOneBatch_5xx429Hangs_noneLostFewDuplicatesReplayDelivers()
      throws Exception {
    dd = FakeDatadog.start(DD_KEY);
    run =
        LocalRun.start(
            dir, "--datadog-base-url", dd.baseUrl().toString(), "--siem-interval", "3600");
    runner = run.runner();
    Map<String, String> env = run.env();
    String tenant = run.tenantId();
    String integration = run.integration(run.sealDatadogKey(DD_KEY), "send_event", "send_log");
    run.destination(integration, "audit", "security_alerts");
    // The setup's own records (seal, integration, destination) go first, in a batch of their own.
    assertTrue(dd.awaitCount(FakeDatadog.LOGS, 1, Duration.ofSeconds(30)), run.console());
    Thread.sleep(500);
    int before = recordsProcessed();

    // Faults from now on: 30% 5xx, a burst of 429s (rate-limit headers) every 3 s, hangs.
    dd.randomFailures(0.3, 42L, 500, 502, 503);
    dd.on(FakeDatadog.LOGS).delay(1, ATTEMPT_TIMEOUT.plusSeconds(1));
    Thread faults =
        new Thread(
            () -> {
              try {
                for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                  dd.rateLimit(2, Duration.ofSeconds(1));
                  if (i % 2 == 0) {
                    dd.on(FakeDatadog.EVENTS).delay(2, ATTEMPT_TIMEOUT.plusSeconds(1));
                  }
                  Thread.sleep(3000);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "faults");
    faults.setDaemon(true);
    faults.start();

    Set<String> expected = new HashSet<>();
    List<AuditRecord> alerts = records(tenant, ALERTS, true, expected);
    List<AuditRecord> others = records(tenant, OTHERS, false, expected);
    long started = System.nanoTime();
    write(alerts);
    write(others);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (recordsProcessed() - before < ALERTS + OTHERS && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    faults.interrupt();
    faults.join();
    dd.clearFaults();
    String out = run.console();
    assertTrue(recordsProcessed() - before >= ALERTS + OTHERS, out);
    assertTrue(out.contains("AuditStream: 1000 record(s) -> 0 in batchItemFailures"), out);
    long streamMs = (System.nanoTime() - started) / 1_000_000;

    // None lost: delivered, or dead-lettered with its content.
    Map<String, Integer> delivered = delivered();
    Map<String, JsonNode> letters = peekDeadLetters(env);
    for (JsonNode l : letters.values()) {
      assertEquals(
          l.path("event_id").asText(),
          l.path("record").path("event_id").asText(),
          "letter without its record: " + l);
    }
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(delivered.keySet());
    missing.removeAll(letters.keySet());
    assertEquals(Set.of(), missing, "lost");
    long twice = delivered.values().stream().filter(n -> n > 1).count();
    Map<String, Integer> reasons = new java.util.TreeMap<>();
    letters.values().forEach(l -> reasons.merge(l.path("reason").asText(), 1, Integer::sum));
    System.out.printf(
        "before replay: %d of %d delivered, %d dead-lettered %s%n",
        delivered.size(), expected.size(), letters.size(), reasons);
    assertTrue(twice <= expected.size() / 100, twice + " delivered more than once");
    assertTrue(
        delivered.size() >= expected.size() / 3,
        "most should get through despite the faults: " + delivered.size());

    // The faults stop; the operator replays against the local run.
    Path replayLog = dir.resolve("replay.log");
    int replayed =
        LocalRun.java(
            replayLog,
            "io.quantaseal.operator.OperatorCli",
            "replay-dlq",
            "--env-file",
            run.envFile().toString(),
            "--visibility-seconds",
            "60");
    String report = Files.readString(replayLog);
    assertEquals(0, replayed, report);
    Map<String, Integer> after = delivered();
    Set<String> undelivered = new HashSet<>(expected);
    undelivered.removeAll(after.keySet());
    assertEquals(Set.of(), undelivered, "still undelivered after the replay: " + report);
    System.out.printf(
        "SIEM fault run through the local runner: %d ids, %d dead-lettered, %d delivered twice,"
            + " stream %d ms, requests %s%n",
        expected.size(), letters.size(), twice, streamMs, dd.countsByPath());
  }

  private int recordsProcessed() {
    Matcher m = BATCH.matcher(run.console());
    int n = 0;
    while (m.find()) {
      n += Integer.parseInt(m.group(1));
    }
    return n;
  }

  private List<AuditRecord> records(String tenant, int n, boolean alert, Set<String> expected) {
    List<AuditRecord> out = new ArrayList<>();
    Instant t0 = Instant.now();
    for (int i = 0; i < n; i++) {
      AuditRecord r =
          new AuditRecord(
              new Ids(new java.security.SecureRandom()).next(Ids.AUDIT),
              tenant,
              t0.plusMillis(i),
              Optional.of("key_0000000000000000000000000a"),
              alert ? AuditActions.VAULT_UNSEAL : AuditActions.VAULT_SEAL,
              "vlt_" + (i % 97),
              AuditRecord.SUCCESS,
              "req_" + i,
              Map.of("version", "1"),
              alert ? Optional.of(AuditActions.ALERT_UNSEAL) : Optional.empty());
      out.add(r);
      expected.add("log:" + r.auditId());
      if (alert) {
        expected.add("alert_event:" + r.auditId());
      }
    }
    return out;
  }

  private void write(List<AuditRecord> records) {
    var services = runner.services();
    for (int i = 0; i < records.size(); i += 25) {
      List<WriteRequest> batch = new ArrayList<>();
      for (AuditRecord r : records.subList(i, Math.min(records.size(), i + 25))) {
        batch.add(
            WriteRequest.builder()
                .putRequest(PutRequest.builder().item(AuditLog.toItem(r)).build())
                .build());
      }
      var left =
          services
              .dynamoDb()
              .batchWriteItem(b -> b.requestItems(Map.of(services.config().auditTable(), batch)));
      assertTrue(left.unprocessedItems().isEmpty());
    }
  }

  /** Ids Datadog accepted with an answer the client saw, and how often. */
  private Map<String, Integer> delivered() {
    Map<String, Integer> out = new HashMap<>();
    for (FakeDatadog.ReceivedRequest r : dd.requests()) {
      if (r.status() / 100 != 2 || r.answerDelay().compareTo(ATTEMPT_TIMEOUT) >= 0) {
        continue;
      }
      JsonNode body = r.json();
      if (r.path().equals(FakeDatadog.LOGS)) {
        for (JsonNode e : body.isArray() ? body : List.of(body)) {
          out.merge("log:" + e.path("quantaseal").path("event_id").asText(), 1, Integer::sum);
        }
      } else if (r.path().equals(FakeDatadog.EVENTS)) {
        for (JsonNode t : body.path("tags")) {
          if (t.asText().startsWith("quantaseal.event_id:")) {
            out.merge(
                "alert_event:" + t.asText().substring("quantaseal.event_id:".length()),
                1,
                Integer::sum);
          }
        }
      }
    }
    return out;
  }

  /** The dead-letter queue's letters by kind:id, left in the queue (visible again at once). */
  private Map<String, JsonNode> peekDeadLetters(Map<String, String> env) throws Exception {
    SqsClient sqs = runner.services().queues().sqs().orElseThrow();
    String url = env.get("QS_SIEM_DLQ_URL");
    Map<String, JsonNode> out = new HashMap<>();
    List<Message> seen = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int empties = 0; empties < 2; ) {
      List<Message> got =
          sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(60))
              .messages();
      boolean fresh = false;
      for (Message m : got) {
        if (ids.add(m.messageId())) {
          seen.add(m);
          fresh = true;
          for (JsonNode l : LocalJson.mapper().readTree(m.body()).path("letters")) {
            out.put(l.path("kind").asText() + ":" + l.path("event_id").asText(), l);
          }
        }
      }
      empties = fresh ? 0 : empties + 1;
    }
    for (Message m : seen) {
      sqs.changeMessageVisibility(
          r -> r.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    }
    return out;
  }
}
