package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.siem.delivery.DeadLetter;
import io.quantaseal.siem.delivery.DeadLetterQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code --persist} run restarted on its data directory has what the last one left: the tenant
 * and its destination (DynamoDB Local kept in the directory) and the dead-letter queue as it was at
 * the clean stop (moto's queues written under {@code sqs/} and sent again at start). With {@code
 * --env-file}, the persisted database is served over HTTP, so the operator and the DLQ replay, each
 * in its own process, work on that run; pointed at a run that has stopped, the operator says so in
 * one line.
 */
class PersistedLocalRunIntegrationTest {
  static final String DD_KEY = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  private LocalRun run;
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

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  @Test
  void persistedRun_restarted_keepsTenantAndDeadLetters_operatorAndReplayReachIt()
      throws Exception {
    dd = FakeDatadog.start(DD_KEY);
    String[] options = {
      "--persist", "--datadog-base-url", dd.baseUrl().toString(), "--siem-interval", "3600"
    };
    run = LocalRun.start(dir, options);
    assertTrue(run.console().contains("kept in " + dir.resolve("sqs")), run.console());
    String tenant = run.tenantId();
    String integration = run.integration(run.sealDatadogKey(DD_KEY), "send_event", "send_log");
    String destination = run.destination(integration, "audit", "security_alerts");
    // A log the push could not deliver, dead-lettered with its record as the push writes it.
    AuditRecord record =
        new AuditRecord(
            new Ids(new java.security.SecureRandom()).next(Ids.AUDIT),
            tenant,
            Instant.now(),
            Optional.of("key_0000000000000000000000000a"),
            AuditActions.VAULT_SEAL,
            "vlt_0000000000000000000000000a",
            AuditRecord.SUCCESS,
            "req_persisted",
            Map.of("version", "1"),
            Optional.empty());
    DeadLetterQueue dlq =
        new DeadLetterQueue(
            run.runner().services().queues().sqs().orElseThrow(),
            Optional.of(run.env().get("QS_SIEM_DLQ_URL")));
    assertEquals(
        java.util.Set.of(),
        dlq.send(
            List.of(
                new DeadLetter(
                    DeadLetter.Kind.LOG,
                    tenant,
                    destination,
                    "http_503",
                    3,
                    Instant.now(),
                    Optional.of(record),
                    Optional.empty(),
                    Optional.empty()))));
    run.close();
    run = null;
    Path kept = dir.resolve("sqs").resolve("SiemDeadLetterQueue.json");
    assertEquals(1, LocalJson.mapper().readTree(kept.toFile()).size(), Files.readString(kept));

    // The same data directory again: same tenant, the letter is back in the new moto's queue.
    run = LocalRun.start(dir, options);
    assertEquals(tenant, run.tenantId());
    assertTrue(run.console().contains("(1 message(s) from the last run)"), run.console());
    assertTrue(run.env().containsKey("AWS_ENDPOINT_URL_DYNAMODB"), run.env().toString());

    // The operator, in its own process, reads the persisted tables over HTTP.
    Path operatorLog = dir.resolve("operator.log");
    int listed =
        LocalRun.java(
            operatorLog,
            "io.quantaseal.operator.OperatorCli",
            "--env-file",
            run.envFile().toString(),
            "list-api-keys",
            "--tenant",
            tenant);
    String listing = Files.readString(operatorLog);
    assertEquals(0, listed, listing);
    JsonNode keys =
        LocalJson.mapper().readTree(listing.substring(listing.indexOf('{'))).path("api_keys");
    assertEquals(2, keys.size(), "one key issued by each run: " + listing);

    // The replay, in its own process, delivers the letter of the first run.
    Path replayLog = dir.resolve("replay.log");
    int replayed =
        LocalRun.java(
            replayLog,
            "io.quantaseal.operator.OperatorCli",
            "replay-dlq",
            "--env-file",
            run.envFile().toString());
    assertEquals(0, replayed, Files.readString(replayLog));
    assertTrue(
        dd.requests(FakeDatadog.LOGS).stream()
            .filter(r -> r.status() / 100 == 2)
            .flatMap(
                r -> r.json().isArray() ? toList(r.json()).stream() : List.of(r.json()).stream())
            .anyMatch(l -> l.path("quantaseal").path("event_id").asText().equals(record.auditId())),
        dd.requests(FakeDatadog.LOGS).toString());

    // The run stops: the operator pointed at its env file says what is wrong in one line.
    run.close();
    run = null;
    int refused =
        LocalRun.java(
            operatorLog,
            "io.quantaseal.operator.OperatorCli",
            "--env-file",
            dir.resolve("local.env").toString(),
            "list-api-keys",
            "--tenant",
            tenant);
    List<String> lines = Files.readAllLines(operatorLog);
    assertEquals(1, refused, lines.toString());
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("./run-local"), lines.get(0));
  }
}
