package io.quantaseal.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.siem.metrics.AuditTrail;
import io.quantaseal.testsupport.LocalEngines;
import io.quantaseal.testsupport.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A destination's delivery status ({@code GET /api/v2/siem/destinations/{id}}: last delivery, last
 * error, delivered and failed counts, dead-letter depth) as the audit stream and the dead-letter
 * replay change it, and the test send ({@code POST …/{id}/test}) with Datadog's answer, through
 * SiemDestinationsHandler on DynamoDB Local + moto and a fake Datadog; another tenant's id is 404,
 * audited.
 */
@ExtendWith(SharedEngines.class)
class SiemDestinationStatusIntegrationTest {
  private static final List<String> ALL_OPS = List.of("send_event", "send_metric", "send_log");

  private final TestEvents events = TestEvents.repo();
  private SiemTestBed bed;
  private SiemDestinationsHandler handler;
  private SiemPushHandler push;

  @BeforeEach
  void start(LocalEngines engines) {
    bed = new SiemTestBed(engines, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    handler =
        SiemDestinationsFunction.builder()
            .config(bed.config)
            .dynamoDb(bed.dynamo)
            .keyring(bed.keyring)
            .datadog(bed.datadog)
            .clock(bed.clock)
            .build()
            .handler();
    push = bed.siem.handler();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private record Response(int status, JsonNode json) {}

  private Response call(String file, String tenant, String id) {
    APIGatewayProxyRequestEvent e = events.apiGateway("siem-push/" + file);
    Map<String, Object> auth = new HashMap<>(e.getRequestContext().getAuthorizer());
    auth.put("tenant_id", tenant);
    e.getRequestContext().setAuthorizer(auth);
    e.setPathParameters(Map.of("id", id));
    APIGatewayProxyResponseEvent r = handler.handleRequest(e, null);
    return new Response(r.getStatusCode(), Json.parseLenient(r.getBody()));
  }

  private JsonNode delivery(SiemTestBed.Seeded t) {
    Response r = call("get-destination.json", t.tenantId(), t.destinationId().orElseThrow());
    assertEquals(200, r.status(), r.json().toString());
    return r.json().get("delivery");
  }

  private List<AuditRecord> records(String tenant, int n) {
    List<AuditRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      bed.clock.advance(Duration.ofMillis(250));
      out.add(
          new AuditRecord(
              bed.ids.next(Ids.AUDIT),
              tenant,
              bed.clock.instant(),
              Optional.of("key_0000000000000000000000000a"),
              AuditActions.VAULT_SEAL,
              "vlt_" + i,
              AuditRecord.SUCCESS,
              "req_" + i,
              Map.of(),
              Optional.empty()));
    }
    return out;
  }

  private void stream(List<AuditRecord> records) {
    push.handleStream(SiemTestBed.streamEvent(records).event(), null);
  }

  @Test
  void status_countsDeliveriesFailuresAndDeadLetters_thenTheReplay() {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, List.of(SiemStream.AUDIT));
    JsonNode fresh = delivery(a);
    assertTrue(fresh.get("last_delivery_at").isNull());
    assertTrue(fresh.get("last_error").isNull());
    assertEquals(0, fresh.get("delivered_count").asLong());
    assertEquals(0, fresh.get("failed_count").asLong());
    assertEquals(0, fresh.get("dead_letter_depth").asLong());

    stream(records(a.tenantId(), 3));
    JsonNode delivered = delivery(a);
    assertEquals(3, delivered.get("delivered_count").asLong(), delivered.toString());
    assertEquals(bed.clock.instant().toString(), delivered.get("last_delivery_at").asText());
    assertEquals(0, delivered.get("failed_count").asLong());

    bed.dd.fail(1000, 503);
    stream(records(a.tenantId(), 2));
    JsonNode failed = delivery(a);
    assertEquals("http_503", failed.get("last_error").asText(), failed.toString());
    assertEquals(bed.clock.instant().toString(), failed.get("last_error_at").asText());
    assertTrue(failed.get("failed_count").asLong() >= 2, failed.toString());
    assertEquals(2, failed.get("dead_letter_depth").asLong(), "both letters are queued");
    assertEquals(3, failed.get("delivered_count").asLong());

    bed.dd.clearFaults();
    var report =
        bed.siem
            .replayer()
            .replay(100, Duration.ofSeconds(30), Deadline.after(Duration.ofSeconds(20)));
    assertEquals(2, report.delivered(), report.toString());
    JsonNode replayed = delivery(a);
    assertEquals(0, replayed.get("dead_letter_depth").asLong(), replayed.toString());
    assertEquals(5, replayed.get("delivered_count").asLong());
    assertEquals("http_503", replayed.get("last_error").asText(), "the last error stays told");
  }

  @Test
  void testSend_oneEventAndDatadogsAnswer_aRefusalStopsTheDestination() {
    SiemTestBed.Seeded a =
        bed.tenant(Optional.empty(), ALL_OPS, List.of(SiemStream.AUDIT, SiemStream.METRICS));
    String id = a.destinationId().orElseThrow();
    Response ok = call("test-destination.json", a.tenantId(), id);
    assertEquals(200, ok.status(), ok.json().toString());
    assertTrue(ok.json().get("delivered").asBoolean());
    assertEquals("send_event", ok.json().get("operation").asText());
    assertEquals(202, ok.json().path("datadog").path("status").asInt());
    assertFalse(ok.json().has("error"));
    List<FakeDatadog.ReceivedRequest> sent = bed.dd.requests(FakeDatadog.EVENTS);
    assertEquals(1, sent.size());
    String event = sent.get(0).bodyAsString();
    assertTrue(event.contains("quantaseal:test"), event);
    assertTrue(event.contains(id), event);
    assertFalse(event.contains(a.ddApiKey()));
    assertEquals(0, delivery(a).get("delivered_count").asLong(), "a test is not a delivery");

    bed.dd.revokeApiKey(a.ddApiKey());
    Response refused = call("test-destination.json", a.tenantId(), id);
    assertEquals(200, refused.status(), refused.json().toString());
    assertFalse(refused.json().get("delivered").asBoolean());
    assertEquals(403, refused.json().path("datadog").path("status").asInt());
    assertTrue(
        refused.json().get("error").asText().contains("Datadog refused the API key (403)"),
        refused.json().toString());
    assertEquals(
        "stopped_credential_rejected",
        call("get-destination.json", a.tenantId(), id).json().get("status").asText());
    Response stopped = call("test-destination.json", a.tenantId(), id);
    assertEquals(400, stopped.status());
    assertEquals("invalid_request", stopped.json().path("error").path("code").asText());

    List<AuditRecord> tests =
        new AuditTrail(bed.dynamo, bed.config.auditTable())
            .between(a.tenantId(), Instant.EPOCH, bed.clock.instant().plusSeconds(60)).stream()
                .filter(r -> r.action().equals(SiemActions.DESTINATION_TEST))
                .toList();
    assertEquals(
        List.of(AuditRecord.FAILURE, AuditRecord.FAILURE, AuditRecord.SUCCESS),
        tests.stream().map(AuditRecord::outcome).sorted().toList());
  }

  @Test
  void testSend_metricsOnlyIntegration_sendsAPoint() {
    SiemTestBed.Seeded m =
        bed.tenant(Optional.empty(), List.of("send_metric"), List.of(SiemStream.METRICS));
    Response ok = call("test-destination.json", m.tenantId(), m.destinationId().orElseThrow());
    assertEquals(200, ok.status(), ok.json().toString());
    assertEquals("send_metric", ok.json().get("operation").asText());
    assertEquals(1, bed.dd.requests(FakeDatadog.SERIES).size());
  }

  @Test
  void anotherTenantsDestination_404ForReadAndTest_auditedAndNothingSent() {
    SiemTestBed.Seeded a = bed.tenant(Optional.empty(), ALL_OPS, List.of(SiemStream.AUDIT));
    SiemTestBed.Seeded b = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    String id = a.destinationId().orElseThrow();
    assertEquals(404, call("get-destination.json", b.tenantId(), id).status());
    Response test = call("test-destination.json", b.tenantId(), id);
    assertEquals(404, test.status());
    assertEquals("not_found", test.json().path("error").path("code").asText());
    assertEquals(0, bed.dd.requests().size());
    List<AuditRecord> denied =
        new AuditTrail(bed.dynamo, bed.config.auditTable())
            .between(b.tenantId(), Instant.EPOCH, bed.clock.instant().plusSeconds(60)).stream()
                .filter(r -> r.outcome().equals(AuditRecord.DENIED))
                .toList();
    assertEquals(
        List.of(AuditActions.SIEM_DESTINATION_READ, SiemActions.DESTINATION_TEST),
        denied.stream().map(AuditRecord::action).sorted().toList());
  }
}
