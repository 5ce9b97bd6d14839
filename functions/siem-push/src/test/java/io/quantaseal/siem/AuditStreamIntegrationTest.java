package io.quantaseal.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.audit.CheckpointRepository;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.CredentialType;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.siem.delivery.DlqReplayer;
import io.quantaseal.siem.destinations.ResolvedDestination;
import io.quantaseal.siem.metrics.AuditTrail;
import io.quantaseal.testsupport.LocalEngines;
import io.quantaseal.testsupport.TestEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit stream trigger on real engines: DynamoDB Local's stream of the audit table (or the
 * sample event) → SiemPushFunction → the fake Datadog's logs and events; 403, dead-letter queue
 * (moto SQS), replay, partial batch failures.
 */
@ExtendWith(SharedEngines.class)
class AuditStreamIntegrationTest {
  private static final List<String> ALL_OPS = List.of("send_event", "send_metric", "send_log");
  private static final List<SiemStream> LOGS_AND_ALERTS =
      List.of(SiemStream.AUDIT, SiemStream.SECURITY_ALERTS);

  private SiemTestBed bed;
  private SiemPushHandler handler;

  @BeforeEach
  void start(LocalEngines engines) {
    bed = new SiemTestBed(engines, Instant.now().truncatedTo(ChronoUnit.MINUTES));
    handler = bed.siem.handler();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private JsonNode invoke(SiemTestBed.StreamBatch batch) throws IOException {
    return invoke(
        new ByteArrayInputStream(batch.json().toString().getBytes(StandardCharsets.UTF_8)));
  }

  private JsonNode invoke(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(in, out, null);
    return Json.parseLenient(out.toString(StandardCharsets.UTF_8));
  }

  private AuditRecord write(
      String tenant, String action, String outcome, String target, String... kv) {
    bed.clock.advance(Duration.ofMillis(1234));
    var e =
        bed.audit
            .record(tenant, action, "req_" + SiemTestBed.randomHex(4))
            .target(target)
            .outcome(outcome);
    for (int i = 0; i + 1 < kv.length; i += 2) {
      if (kv[i].equals("alert")) {
        e.securityAlert(kv[i + 1]);
      } else {
        e.detail(kv[i], kv[i + 1]);
      }
    }
    return e.write();
  }

  private List<AuditRecord> trail(String tenant) {
    return new AuditTrail(bed.dynamo, bed.config.auditTable())
        .between(tenant, Instant.EPOCH, bed.clock.instant().plusSeconds(1));
  }

  @Test
  void streamBatch_realAuditItems_becomeTheExpectedLogsAndEvents() throws Exception {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, LOGS_AND_ALERTS);
    SiemTestBed.Seeded metricsOnly =
        bed.tenant(Optional.empty(), ALL_OPS, List.of(SiemStream.METRICS));
    SiemTestBed.Seeded none = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    String tenant = a.tenantId();
    // Secrets of tenant A: sealed values and a clear API key. None may ever reach Datadog.
    String bearer = "tok_" + SiemTestBed.randomHex(20);
    String password = "pw-" + SiemTestBed.randomHex(12);
    String clientSecret = "cs-" + SiemTestBed.randomHex(16);
    bed.vault.create(
        tenant,
        bed.ids.next(Ids.VAULT_ENTRY),
        Optional.empty(),
        CredentialType.BEARER_TOKEN,
        Map.of("token", bearer));
    bed.vault.create(
        tenant,
        bed.ids.next(Ids.VAULT_ENTRY),
        Optional.empty(),
        CredentialType.BASIC_AUTH,
        Map.of("username", "svc", "password", password));
    bed.vault.create(
        tenant,
        bed.ids.next(Ids.VAULT_ENTRY),
        Optional.empty(),
        CredentialType.OAUTH2_CLIENT_CREDENTIALS,
        Map.of("client_id", "cid", "client_secret", clientSecret));
    TenantProvisioning ops = bed.provisioning;
    TenantProvisioning.IssuedApiKey issued = ops.issueApiKey(tenant, false, Set.of("vault:unseal"));
    ops.revokeApiKey(tenant, issued.apiKeyId());

    write(tenant, AuditActions.VAULT_SEAL, "success", "vlt_a", "credential_type", "bearer_token");
    AuditRecord unseal =
        write(
            tenant,
            AuditActions.VAULT_UNSEAL,
            "success",
            "vlt_a",
            "version",
            "1",
            "alert",
            AuditActions.ALERT_UNSEAL);
    write(
        tenant,
        AuditActions.PROXY_CALL,
        "denied",
        a.integrationId(),
        "operation",
        "send_metric",
        "reason",
        "operation_not_allowed",
        "alert",
        AuditActions.ALERT_POLICY_DENIAL);
    write(tenant, AuditActions.VAULT_DELETE, "success", "vlt_a");
    // A burst: six authentication failures with the revoked key within one minute.
    Instant window =
        bed.clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    bed.clock.set(window);
    for (int i = 0; i < 6; i++) {
      write(
          tenant,
          AuditActions.AUTH_FAILURE,
          "denied",
          "",
          "reason",
          "revoked_api_key",
          "source_ip",
          "198.51.100." + i,
          "alert",
          AuditActions.ALERT_AUTH_FAILURE);
    }
    // Others: a tenant without log streams, a tenant without destinations, failures naming none.
    write(metricsOnly.tenantId(), AuditActions.VAULT_SEAL, "success", "vlt_m");
    write(
        none.tenantId(),
        AuditActions.VAULT_UNSEAL,
        "success",
        "vlt_n",
        "alert",
        AuditActions.ALERT_UNSEAL);
    write(
        AuditLog.NO_TENANT,
        AuditActions.AUTH_FAILURE,
        "denied",
        "",
        "reason",
        "unknown_api_key",
        "alert",
        AuditActions.ALERT_AUTH_FAILURE);

    SiemTestBed.StreamBatch event = bed.auditStream();
    List<AuditRecord> ofA = trail(tenant);
    assertEquals(13, ofA.size());
    JsonNode response = invoke(event);
    assertEquals("{\"batchItemFailures\":[]}", response.toString());

    // Logs: every record of A exactly once, nothing of anyone else.
    List<SiemTestBed.ReceivedLog> logs = bed.receivedLogs();
    Set<String> expectedIds =
        ofA.stream().map(AuditRecord::auditId).collect(Collectors.toCollection(TreeSet::new));
    Set<String> loggedIds =
        logs.stream()
            .map(SiemTestBed.ReceivedLog::eventId)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expectedIds, loggedIds);
    assertEquals(ofA.size(), logs.size());
    for (FakeDatadog.ReceivedRequest r : bed.dd.requests()) {
      assertEquals(202, r.status(), r.toString());
      assertEquals(a.ddApiKey(), r.header("DD-API-KEY"));
    }
    assertEquals(1, bed.dd.count(FakeDatadog.LOGS)); // one batch
    assertEquals("gzip", bed.dd.requests(FakeDatadog.LOGS).get(0).header("Content-Encoding"));
    JsonNode log =
        logs.stream()
            .filter(l -> l.eventId().equals(unseal.auditId()))
            .findFirst()
            .orElseThrow()
            .entry();
    assertEquals("quantaseal", log.path("ddsource").asText());
    assertEquals("quantaseal", log.path("service").asText());
    assertEquals("warn", log.path("status").asText());
    assertEquals(unseal.time().toString(), log.path("date").asText());
    assertEquals(
        "vault.unseal success on vlt_a [alert: credential_unsealed]", log.path("message").asText());
    assertEquals(
        "env:test,service:quantaseal,tenant:"
            + tenant
            + ",quantaseal:action:vault.unseal,quantaseal:outcome:success,quantaseal:alert_type:credential_unsealed",
        log.path("ddtags").asText());
    assertEquals(unseal.auditId(), log.path("quantaseal").path("event_id").asText());
    assertEquals(tenant, log.path("quantaseal").path("tenant_id").asText());
    assertEquals(unseal.requestId(), log.path("quantaseal").path("request_id").asText());
    assertEquals("1", log.path("quantaseal").path("details").path("version").asText());
    assertEquals("vault.unseal", log.path("evt").path("name").asText());

    // Events: one per security alert except authentication failures, plus one burst.
    List<JsonNode> events =
        bed.dd.requests(FakeDatadog.EVENTS).stream()
            .map(FakeDatadog.ReceivedRequest::json)
            .toList();
    Set<String> alertIds =
        ofA.stream()
            .filter(
                r ->
                    r.securityAlert().isPresent()
                        && !r.securityAlert().get().equals(AuditActions.ALERT_AUTH_FAILURE))
            .map(AuditRecord::auditId)
            .collect(Collectors.toSet());
    assertEquals(3, alertIds.size()); // api_key_revoked, credential_unsealed, policy_denial
    assertEquals(alertIds.size() + 1, events.size());
    Set<String> eventIds = new HashSet<>();
    for (JsonNode e : events) {
      String id = tagValue(e, "quantaseal.event_id:");
      eventIds.add(id);
      assertTrue(e.path("title").asText().length() <= 100);
      assertTrue(e.path("text").asText().contains(id), "the text names the event id");
      assertTrue(e.path("tags").toString().contains("\"tenant:" + tenant + "\""));
      String alert = tagValue(e, "quantaseal:alert_type:");
      assertEquals(tenant + ":" + alert, e.path("aggregation_key").asText());
    }
    JsonNode unsealEvent =
        events.stream()
            .filter(e -> tagValue(e, "quantaseal.event_id:").equals(unseal.auditId()))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "QuantaSeal security alert: credential_unsealed (" + tenant + ")",
        unsealEvent.path("title").asText());
    assertEquals("warning", unsealEvent.path("alert_type").asText());
    assertEquals(unseal.time().getEpochSecond(), unsealEvent.path("date_happened").asLong());
    String burstId = "afb_" + tenant + "_" + window.getEpochSecond();
    assertTrue(eventIds.containsAll(alertIds));
    assertTrue(eventIds.contains(burstId), eventIds.toString());
    JsonNode burst =
        events.stream()
            .filter(e -> tagValue(e, "quantaseal.event_id:").equals(burstId))
            .findFirst()
            .orElseThrow();
    assertEquals(tenant + ":auth_failure_burst", burst.path("aggregation_key").asText());
    assertEquals("error", burst.path("alert_type").asText());
    assertTrue(
        burst.path("title").asText().startsWith("QuantaSeal: 5+ authentication failures in 60 s"),
        burst.path("title").asText());

    // Lambda delivers the batch again: the logs again (same ids, recognisable), no second burst.
    assertEquals("{\"batchItemFailures\":[]}", invoke(event).toString());
    assertEquals(2 * ofA.size(), bed.receivedLogs().size());
    assertEquals(
        1,
        bed.dd.requests(FakeDatadog.EVENTS).stream()
            .filter(r -> tagValue(r.json(), "quantaseal.event_id:").equals(burstId))
            .count());

    // No secret anywhere in what Datadog received, except the Datadog key in its own header.
    List<String> secrets =
        List.of(
            bearer,
            password,
            clientSecret,
            issued.apiKey(),
            a.ddApiKey(),
            metricsOnly.ddApiKey(),
            none.ddApiKey());
    assertNoSecretReceived(secrets);
  }

  /**
   * Issue 10, item 3: ids that name nothing of the caller's tenant, asked for five times within a
   * window, raise the same auth-failure burst as five bad API keys; each probe is a log, none an
   * event of its own.
   */
  @Test
  void streamBatch_probesForIdsOfNothing_countTowardsTheAuthFailureBurst() throws Exception {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, LOGS_AND_ALERTS);
    String tenant = a.tenantId();
    Instant window =
        bed.clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    bed.clock.set(window);
    Caller caller = new Caller(tenant, "key_prober000000000000000000", Set.of());
    List<String> actions =
        List.of(
            AuditActions.VAULT_UNSEAL,
            AuditActions.VAULT_ROTATE,
            AuditActions.VAULT_DELETE,
            AuditActions.INTEGRATION_UPDATE,
            AuditActions.PROXY_CALL);
    for (String action : actions) {
      bed.clock.advance(Duration.ofMillis(700));
      ApiRequest request =
          ApiRequest.builder()
              .method("POST")
              .resource("/api/v2/x")
              .requestId("req_" + SiemTestBed.randomHex(4))
              .caller(caller)
              .build();
      bed.audit.notFound(request, action, "vault_entry", "vlt_probe" + action.length());
    }
    JsonNode response = invoke(bed.auditStream());
    assertEquals("{\"batchItemFailures\":[]}", response.toString());
    assertEquals(
        5,
        bed.receivedLogs().stream()
            .filter(l -> l.entry().path("quantaseal").path("outcome").asText().equals("denied"))
            .count());
    List<JsonNode> events =
        bed.dd.requests(FakeDatadog.EVENTS).stream()
            .map(FakeDatadog.ReceivedRequest::json)
            .toList();
    assertEquals(1, events.size(), events.toString());
    assertEquals(
        "afb_" + tenant + "_" + window.getEpochSecond(),
        tagValue(events.get(0), "quantaseal.event_id:"));
    assertEquals(tenant + ":auth_failure_burst", events.get(0).path("aggregation_key").asText());
  }

  static String tagValue(JsonNode event, String prefix) {
    for (JsonNode t : event.path("tags")) {
      if (t.asText().startsWith(prefix)) {
        return t.asText().substring(prefix.length());
      }
    }
    return "";
  }

  private void assertNoSecretReceived(List<String> secrets) {
    for (FakeDatadog.ReceivedRequest r : bed.dd.requests()) {
      String body = r.bodyAsString();
      StringBuilder headers = new StringBuilder();
      r.headers()
          .forEach(
              (k, v) -> {
                if (!k.equalsIgnoreCase("DD-API-KEY")) {
                  headers.append(k).append(':').append(v).append('\n');
                }
              });
      for (String s : secrets) {
        assertFalse(body.contains(s), "a secret in a body sent to " + r.path());
        assertFalse(headers.toString().contains(s), "a secret in a header sent to " + r.path());
      }
    }
    for (JsonNode m : bed.dlqMessages()) {
      for (String s : secrets) {
        assertFalse(m.toString().contains(s), "a secret in a dead-letter message");
      }
    }
  }

  @Test
  void streamBatch_checkpointItems_areNotRecords_noFailureNoLogNoLetter() throws Exception {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, LOGS_AND_ALERTS);
    AuditRecord r = write(a.tenantId(), AuditActions.VAULT_SEAL, AuditRecord.SUCCESS, "vlt_1");
    SiemTestBed.StreamBatch batch = SiemTestBed.streamEvent(List.of(r));
    // The same insert as the checkpoint writer makes it: its own partition, no record members.
    var image =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            batch.json().path("Records").get(0).path("dynamodb").path("NewImage");
    image.removeAll();
    image.putObject("pk").put("S", CheckpointRepository.pk(a.tenantId()));
    image.putObject("sk").put("S", "2026-12-06T12:00:00.000000Z");
    image.putObject("body").put("S", "{\"v\":1}");
    assertEquals("{\"batchItemFailures\":[]}", invoke(batch).toString());
    assertTrue(bed.receivedLogs().isEmpty(), "a checkpoint is not sent as an audit log");
    assertEquals(0, bed.dlqDepth(), "nor dead-lettered as an unreadable record");
  }

  @Test
  void sampleEvent_fromTheEventsFolder_isPushedAsLogsAndEvents() throws Exception {
    SiemTestBed.Seeded a =
        bed.tenant(
            Optional.of(SiemDestinationsIntegrationTest.SAMPLE_TENANT), ALL_OPS, LOGS_AND_ALERTS);
    JsonNode response;
    try (InputStream in =
        Files.newInputStream(TestEvents.repo().path("siem-push/audit-insert.json"))) {
      response = invoke(in);
    }
    assertEquals("{\"batchItemFailures\":[]}", response.toString());
    List<SiemTestBed.ReceivedLog> logs = bed.receivedLogs();
    assertEquals(
        List.of(
            "aud_01jd3zr0a2b3c4d5e6f7g8h9ja",
            "aud_01jd3zr0a2b3c4d5e6f7g8h9jb",
            "aud_01jd3zr0a2b3c4d5e6f7g8h9jc",
            "aud_01jd3zr0a2b3c4d5e6f7g8h9jd"),
        logs.stream().map(SiemTestBed.ReceivedLog::eventId).toList());
    List<String> eventIds =
        bed.dd.requests(FakeDatadog.EVENTS).stream()
            .map(r -> tagValue(r.json(), "quantaseal.event_id:"))
            .sorted()
            .toList();
    assertEquals(
        List.of("aud_01jd3zr0a2b3c4d5e6f7g8h9jb", "aud_01jd3zr0a2b3c4d5e6f7g8h9jc"), eventIds);
    assertEquals(a.ddApiKey(), bed.dd.requests().get(0).header("DD-API-KEY"));
    // The typed entry point reads the same file the same way.
    DynamodbEvent typed =
        TestEvents.repo().load("siem-push/audit-insert.json", DynamodbEvent.class);
    StreamsEventResponse r = handler.handleStream(typed, null);
    assertTrue(r.getBatchItemFailures().isEmpty());
    assertEquals(8, bed.receivedLogs().size());
  }

  private List<AuditRecord> records(String tenant, int n, Instant from) {
    List<AuditRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Optional<String> alert =
          i % 10 == 3 ? Optional.of(AuditActions.ALERT_POLICY_DENIAL) : Optional.empty();
      out.add(
          new AuditRecord(
              bed.ids.next(Ids.AUDIT),
              tenant,
              from.plusMillis(37L * i),
              Optional.of("key_0000000000000000000000000a"),
              i % 2 == 0 ? AuditActions.VAULT_SEAL : AuditActions.PROXY_CALL,
              "vlt_" + i,
              alert.isPresent() ? "denied" : "success",
              "req_" + i,
              Map.of("n", Integer.toString(i)),
              alert));
    }
    return out;
  }

  @Test
  void datadog403_stopsTheTenantRaisesOneAlertKeepsEveryRecordAndReplayDeliversThem()
      throws Exception {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, LOGS_AND_ALERTS);
    SiemTestBed.Seeded ok = bed.tenant(Optional.empty(), ALL_OPS, LOGS_AND_ALERTS);
    bed.dd.revokeApiKey(a.ddApiKey());
    List<AuditRecord> first = new ArrayList<>(records(a.tenantId(), 50, bed.clock.instant()));
    first.addAll(records(ok.tenantId(), 20, bed.clock.instant()));

    assertEquals("{\"batchItemFailures\":[]}", invoke(SiemTestBed.streamEvent(first)).toString());
    // One 403 on the first request for A, then no more calls with A's key.
    long aCalls =
        bed.dd.requests().stream().filter(r -> a.ddApiKey().equals(r.header("DD-API-KEY"))).count();
    assertEquals(1, aCalls);
    ResolvedDestination d = bed.siem.destinations().all(a.tenantId()).get(0);
    assertEquals(ResolvedDestination.Status.STOPPED_CREDENTIAL_REJECTED, d.status());
    assertEquals(
        ResolvedDestination.Status.ACTIVE,
        bed.siem.destinations().all(ok.tenantId()).get(0).status());
    List<AuditRecord> alerts =
        trail(a.tenantId()).stream()
            .filter(r -> r.action().equals(SiemActions.DELIVERY_FORBIDDEN))
            .toList();
    assertEquals(1, alerts.size());
    assertEquals(
        Optional.of(SiemActions.ALERT_SIEM_CREDENTIAL_REJECTED), alerts.get(0).securityAlert());

    // Every record of A is in the dead-letter queue (a log each, an event for each alert), with
    // its stable id; the other tenant's were delivered.
    List<JsonNode> dlq = bed.dlqMessages();
    Set<String> aIds =
        first.stream()
            .filter(r -> r.tenantId().equals(a.tenantId()))
            .map(AuditRecord::auditId)
            .collect(Collectors.toSet());
    assertEquals(
        aIds,
        dlq.stream()
            .filter(m -> m.path("kind").asText().equals("log"))
            .map(m -> m.path("event_id").asText())
            .collect(Collectors.toSet()));
    assertEquals(50, dlq.stream().filter(m -> m.path("kind").asText().equals("log")).count());
    assertEquals(
        5, dlq.stream().filter(m -> m.path("kind").asText().equals("alert_event")).count());
    assertTrue(dlq.stream().allMatch(m -> m.path("reason").asText().equals("credential_rejected")));
    assertTrue(
        dlq.stream()
            .allMatch(
                m ->
                    m.path("record")
                        .path("event_id")
                        .asText()
                        .equals(m.path("event_id").asText())));
    Set<String> okIds =
        first.stream()
            .filter(r -> r.tenantId().equals(ok.tenantId()))
            .map(AuditRecord::auditId)
            .collect(Collectors.toSet());
    assertEquals(
        okIds,
        bed.receivedLogs().stream()
            .filter(l -> l.request().status() == 202)
            .map(SiemTestBed.ReceivedLog::eventId)
            .collect(Collectors.toSet()));

    // A second batch while stopped: no call with A's key, straight to the queue, no second alert.
    List<AuditRecord> second = records(a.tenantId(), 30, bed.clock.instant().plusSeconds(5));
    assertEquals("{\"batchItemFailures\":[]}", invoke(SiemTestBed.streamEvent(second)).toString());
    assertEquals(
        1,
        bed.dd.requests().stream()
            .filter(r -> a.ddApiKey().equals(r.header("DD-API-KEY")))
            .count());
    List<JsonNode> dlq2 = bed.dlqMessages();
    assertEquals(50 + 5 + 30 + 3, dlq2.size());
    assertTrue(
        dlq2.stream()
            .filter(
                m -> second.stream().anyMatch(r -> r.auditId().equals(m.path("event_id").asText())))
            .allMatch(
                m -> m.path("reason").asText().equals("destination_stopped_credential_rejected")));
    assertEquals(
        1,
        trail(a.tenantId()).stream()
            .filter(r -> r.action().equals(SiemActions.DELIVERY_FORBIDDEN))
            .count());

    // The tenant puts a valid key in the vault; the operator replays.
    String newKey = "dd" + SiemTestBed.randomHex(15);
    bed.dd.addApiKey(newKey);
    VaultEntryRecord entry = bed.entries.find(a.tenantId(), a.entryId()).orElseThrow();
    bed.vault.rotate(entry, Map.of("api_key", newKey)).orElseThrow();
    // What `quantaseal-operator replay-dlq --visibility-seconds 30` runs (operator/OperatorCli).
    DlqReplayer.Report report =
        bed.siem
            .replayer()
            .replay(
                Integer.MAX_VALUE, Duration.ofSeconds(30), Deadline.after(Duration.ofMinutes(10)));
    assertEquals(88, report.received(), report.toString());
    assertEquals(88, report.delivered(), report.toString());
    assertEquals(0, report.kept(), report.toString());
    assertEquals(0, bed.dlqDepth());
    Set<String> delivered =
        bed.receivedLogs().stream()
            .filter(
                l -> l.request().status() == 202 && newKey.equals(l.request().header("DD-API-KEY")))
            .map(SiemTestBed.ReceivedLog::eventId)
            .collect(Collectors.toSet());
    Set<String> allA = new HashSet<>(aIds);
    second.forEach(r -> allA.add(r.auditId()));
    assertEquals(allA, delivered);
    // Replay's logs went in full batches: 80 logs in one request.
    assertEquals(
        1,
        bed.dd.requests(FakeDatadog.LOGS).stream()
            .filter(r -> newKey.equals(r.header("DD-API-KEY")))
            .count());
    assertNoSecretReceived(List.of(a.ddApiKey(), newKey, ok.ddApiKey()));
  }

  @Test
  void deadLetterQueueUnavailable_reportsExactlyTheUndeliveredRecords() throws Exception {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, List.of(SiemStream.AUDIT));
    SiemTestBed.Seeded broken = bed.tenant(Optional.empty(), ALL_OPS, List.of(SiemStream.AUDIT));
    bed.dd.revokeApiKey(broken.ddApiKey());
    bed.sqs.deleteQueue(r -> r.queueUrl(bed.queueUrl));
    List<AuditRecord> recs = new ArrayList<>();
    List<AuditRecord> ra = records(a.tenantId(), 10, bed.clock.instant());
    List<AuditRecord> rb = records(broken.tenantId(), 10, bed.clock.instant());
    for (int i = 0; i < 10; i++) {
      recs.add(ra.get(i));
      recs.add(rb.get(i));
    }
    SiemTestBed.StreamBatch batch = SiemTestBed.streamEvent(recs);
    StreamsEventResponse r = handler.handleStream(batch.event(), null);
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < recs.size(); i++) {
      if (recs.get(i).tenantId().equals(broken.tenantId())) {
        expected.add(batch.sequenceNumber(i));
      }
    }
    assertEquals(
        expected,
        r.getBatchItemFailures().stream()
            .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
            .collect(Collectors.toCollection(TreeSet::new)));
    assertEquals(
        ra.stream().map(AuditRecord::auditId).collect(Collectors.toSet()),
        bed.receivedLogs().stream()
            .filter(l -> l.request().status() == 202)
            .map(SiemTestBed.ReceivedLog::eventId)
            .collect(Collectors.toSet()));
  }

  @Test
  void noTimeLeft_nothingSentEverythingDeadLetteredWithItsContent() {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, LOGS_AND_ALERTS);
    List<AuditRecord> recs = records(a.tenantId(), 12, bed.clock.instant());
    DynamodbEvent event = SiemTestBed.streamEvent(recs).event();
    var result =
        bed.siem.auditStream().process(event, Deadline.after(Duration.ofMillis(100)), "req_t");
    // Not attempted is not left to the stream's retries: the letters hold the records.
    assertEquals(0, result.response().getBatchItemFailures().size());
    assertEquals(0, bed.dd.requests().size());
    List<JsonNode> letters = bed.dlqMessages();
    java.util.Set<String> logged = new java.util.HashSet<>();
    for (JsonNode l : letters) {
      assertEquals("not_attempted", l.path("reason").asText(), l.toString());
      assertEquals(l.path("event_id").asText(), l.path("record").path("event_id").asText());
      if (l.path("kind").asText().equals("log")) {
        logged.add(l.path("event_id").asText());
      }
    }
    assertEquals(
        recs.stream().map(AuditRecord::auditId).collect(java.util.stream.Collectors.toSet()),
        logged);
  }

  @Test
  void replay_destinationStillStopped_keepsTheMessages() throws Exception {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, List.of(SiemStream.AUDIT));
    bed.dd.revokeApiKey(a.ddApiKey());
    invoke(SiemTestBed.streamEvent(records(a.tenantId(), 7, bed.clock.instant())));
    assertEquals(7, bed.dlqMessages().size());
    assertEquals(1, bed.dlqDepth()); // one message holds all seven
    DlqReplayer.Report report =
        bed.siem
            .replayer()
            .replay(100, Duration.ofSeconds(1), Deadline.after(Duration.ofSeconds(20)));
    assertEquals(7, report.received());
    assertEquals(0, report.delivered());
    assertEquals(Map.of("destination_stopped_credential_rejected", 7), report.keptByReason());
    Thread.sleep(1100); // the visibility timeout ends: the messages are back
    assertEquals(7, bed.dlqMessages().size());
  }
}
