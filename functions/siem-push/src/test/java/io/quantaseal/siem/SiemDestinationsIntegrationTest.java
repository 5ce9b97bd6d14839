package io.quantaseal.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.siem.metrics.AuditTrail;
import io.quantaseal.testsupport.LocalEngines;
import io.quantaseal.testsupport.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /api/v2/siem/destinations} through SiemDestinationsHandler with the sample events of
 * {@code events/siem-push/}, on DynamoDB Local + moto.
 */
@ExtendWith(SharedEngines.class)
class SiemDestinationsIntegrationTest {
  static final String SAMPLE_TENANT = "ten_0000000000000000000000000a";
  private static final List<String> ALL_OPS = List.of("send_event", "send_metric", "send_log");

  private final TestEvents events = TestEvents.repo();
  private SiemTestBed bed;
  private SiemDestinationsHandler handler;
  private SiemTestBed.Seeded a;
  private SiemTestBed.Seeded b;

  @BeforeEach
  void start(LocalEngines engines) {
    bed = new SiemTestBed(engines, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    a = bed.tenant(Optional.of(SAMPLE_TENANT), ALL_OPS, List.of());
    b = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    handler =
        SiemDestinationsFunction.builder()
            .config(bed.config)
            .dynamoDb(bed.dynamo)
            .keyring(bed.keyring)
            .datadog(bed.datadog)
            .clock(bed.clock)
            .build()
            .handler();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private record Response(int status, JsonNode json) {
    String code() {
      return json.path("error").path("code").asText();
    }

    String message() {
      return json.path("error").path("message").asText();
    }
  }

  private Response call(String file, String tenant, Map<String, String> path, String body) {
    APIGatewayProxyRequestEvent e = events.apiGateway("siem-push/" + file);
    Map<String, Object> auth = new HashMap<>(e.getRequestContext().getAuthorizer());
    auth.put("tenant_id", tenant);
    e.getRequestContext().setAuthorizer(auth);
    if (path != null) {
      e.setPathParameters(path);
    }
    if (body != null) {
      e.setBody(body);
    }
    APIGatewayProxyResponseEvent r = handler.handleRequest(e, null);
    return new Response(r.getStatusCode(), Json.parseLenient(r.getBody()));
  }

  private Response create(String tenant, String integrationId, String streams) {
    return call(
        "create-destination.json",
        tenant,
        null,
        "{\"system_type\":\"datadog\",\"integration_id\":\""
            + integrationId
            + "\",\"streams\":"
            + streams
            + "}");
  }

  /** Issue 10, item 5: the body must be application/json. */
  @Test
  void create_bodyNotSentAsJson_415NothingCreated() {
    SiemTestBed.Seeded t = bed.tenant(Optional.empty(), ALL_OPS, List.of());
    APIGatewayProxyRequestEvent e = events.apiGateway("siem-push/create-destination.json");
    Map<String, Object> auth = new HashMap<>(e.getRequestContext().getAuthorizer());
    auth.put("tenant_id", t.tenantId());
    e.getRequestContext().setAuthorizer(auth);
    Map<String, String> headers = new HashMap<>(e.getHeaders());
    headers.put("Content-Type", "text/plain");
    e.setHeaders(headers);
    e.setBody(
        "{\"system_type\":\"datadog\",\"integration_id\":\""
            + t.integrationId()
            + "\",\"streams\":[\"audit\"]}");
    APIGatewayProxyResponseEvent r = handler.handleRequest(e, null);
    assertEquals(415, r.getStatusCode(), r.getBody());
    assertEquals(
        "unsupported_media_type",
        Json.parseLenient(r.getBody()).path("error").path("code").asText());
    assertEquals(
        0,
        call("list-destinations.json", t.tenantId(), null, null)
            .json()
            .path("destinations")
            .size());
  }

  @Test
  void create_integrationAllowsEverything_201ListedReadableDeletableAndAudited() {
    Response created =
        call(
            "create-destination.json",
            SAMPLE_TENANT,
            null,
            events
                .apiGateway("siem-push/create-destination.json")
                .getBody()
                .replace("int_01jd3zq8x6v4m2k9p7r5t3w1yc", a.integrationId()));
    assertEquals(201, created.status(), created.json().toString());
    String id = created.json().path("destination_id").asText();
    assertTrue(id.startsWith("dst_"), id);
    assertEquals("datadog", created.json().path("system_type").asText());
    assertEquals(a.integrationId(), created.json().path("integration_id").asText());
    assertEquals(
        "[\"metrics\",\"audit\",\"security_alerts\"]", created.json().path("streams").toString());
    assertEquals("active", created.json().path("status").asText());

    Response list = call("list-destinations.json", SAMPLE_TENANT, null, null);
    assertEquals(200, list.status());
    assertEquals(1, list.json().path("destinations").size());
    assertEquals(id, list.json().path("destinations").get(0).path("destination_id").asText());

    Response got = call("get-destination.json", SAMPLE_TENANT, Map.of("id", id), null);
    assertEquals(200, got.status());
    assertEquals(id, got.json().path("destination_id").asText());

    // Another tenant sees nothing of it.
    assertEquals(404, call("get-destination.json", b.tenantId(), Map.of("id", id), null).status());
    assertEquals(
        404, call("delete-destination.json", b.tenantId(), Map.of("id", id), null).status());
    assertEquals(
        0,
        call("list-destinations.json", b.tenantId(), null, null)
            .json()
            .path("destinations")
            .size());

    assertEquals(
        204, call("delete-destination.json", SAMPLE_TENANT, Map.of("id", id), null).status());
    assertEquals(404, call("get-destination.json", SAMPLE_TENANT, Map.of("id", id), null).status());
    assertEquals(
        404, call("delete-destination.json", SAMPLE_TENANT, Map.of("id", id), null).status());

    List<AuditRecord> trail =
        new AuditTrail(bed.dynamo, bed.config.auditTable())
            .between(SAMPLE_TENANT, Instant.EPOCH, bed.clock.instant().plusSeconds(1));
    assertEquals(
        1,
        trail.stream()
            .filter(
                r ->
                    r.action().equals(AuditActions.SIEM_DESTINATION_CREATE)
                        && r.target().equals(id))
            .count());
    assertEquals(
        1,
        trail.stream()
            .filter(
                r ->
                    r.action().equals(AuditActions.SIEM_DESTINATION_DELETE)
                        && r.target().equals(id)
                        && r.outcome().equals(AuditRecord.SUCCESS))
            .count());
    // The read and the delete after the delete are refused accesses, audited as such; so are the
    // other tenant's, in its own trail. (The test clock stands still: no order among them.)
    assertEquals(
        List.of(AuditActions.SIEM_DESTINATION_DELETE, AuditActions.SIEM_DESTINATION_READ),
        trail.stream()
            .filter(r -> r.outcome().equals(AuditRecord.DENIED) && r.target().equals(id))
            .map(AuditRecord::action)
            .sorted()
            .toList());
    List<AuditRecord> probesOfB =
        new AuditTrail(bed.dynamo, bed.config.auditTable())
            .between(b.tenantId(), Instant.EPOCH, bed.clock.instant().plusSeconds(1)).stream()
                .filter(r -> r.outcome().equals(AuditRecord.DENIED))
                .toList();
    assertEquals(2, probesOfB.size());
    assertTrue(probesOfB.stream().allMatch(AuditRecord::countsAsAuthFailure));
    assertTrue(probesOfB.stream().allMatch(r -> r.target().equals(id)));
    AuditRecord c =
        trail.stream()
            .filter(r -> r.action().equals(AuditActions.SIEM_DESTINATION_CREATE))
            .findFirst()
            .orElseThrow();
    assertEquals("metrics audit security_alerts", c.details().get("streams"));
    assertEquals(a.integrationId(), c.details().get("integration_id"));
  }

  @Test
  void create_integrationOfAnotherTenantOrUnknown_400NamesTheField() {
    Response other = create(SAMPLE_TENANT, b.integrationId(), "[\"audit\"]");
    assertEquals(400, other.status());
    assertEquals("invalid_request", other.code());
    assertTrue(other.message().contains("integration_id"), other.message());
    Response unknown = create(SAMPLE_TENANT, "int_0000000000000000000000000z", "[\"audit\"]");
    assertEquals(400, unknown.status());
    assertEquals(400, create(SAMPLE_TENANT, "not-an-id", "[\"audit\"]").status());
  }

  @Test
  void create_integrationLacksAnOperationAStreamNeeds_400SaysWhich() {
    SiemTestBed.Seeded logsOnly = bed.tenant(Optional.empty(), List.of("send_log"), List.of());
    Response metrics =
        create(logsOnly.tenantId(), logsOnly.integrationId(), "[\"audit\",\"metrics\"]");
    assertEquals(400, metrics.status());
    assertTrue(metrics.message().contains("send_metric"), metrics.message());
    assertTrue(metrics.message().contains("'metrics'"), metrics.message());
    Response alerts =
        create(logsOnly.tenantId(), logsOnly.integrationId(), "[\"security_alerts\"]");
    assertEquals(400, alerts.status());
    assertTrue(alerts.message().contains("send_event"), alerts.message());
    // audit needs send_log only: allowed.
    assertEquals(
        201, create(logsOnly.tenantId(), logsOnly.integrationId(), "[\"audit\"]").status());
  }

  @Test
  void create_malformed_400() {
    assertEquals(400, create(SAMPLE_TENANT, a.integrationId(), "[\"traces\"]").status());
    assertEquals(400, create(SAMPLE_TENANT, a.integrationId(), "[]").status());
    assertEquals(400, create(SAMPLE_TENANT, a.integrationId(), "\"audit\"").status());
    Response splunk =
        call(
            "create-destination.json",
            SAMPLE_TENANT,
            null,
            "{\"system_type\":\"splunk\",\"integration_id\":\""
                + a.integrationId()
                + "\",\"streams\":[\"audit\"]}");
    assertEquals(400, splunk.status());
    assertTrue(splunk.message().contains("datadog"));
    Response extra =
        call(
            "create-destination.json",
            SAMPLE_TENANT,
            null,
            "{\"system_type\":\"datadog\",\"integration_id\":\""
                + a.integrationId()
                + "\",\"streams\":[\"audit\"],\"url\":\"https://evil.example\"}");
    assertEquals(400, extra.status());
    assertEquals(400, call("create-destination.json", SAMPLE_TENANT, null, "{").status());
  }

  @Test
  void create_sameStreamTwiceOnOneIntegration_400() {
    assertEquals(201, create(SAMPLE_TENANT, a.integrationId(), "[\"audit\",\"metrics\"]").status());
    Response again = create(SAMPLE_TENANT, a.integrationId(), "[\"metrics\"]");
    assertEquals(400, again.status());
    assertTrue(again.message().contains("'metrics'"), again.message());
    assertEquals(201, create(SAMPLE_TENANT, a.integrationId(), "[\"security_alerts\"]").status());
  }

  @Test
  void status_stoppedAfter403_activeAgainAfterTheCredentialRotates() {
    String id =
        create(SAMPLE_TENANT, a.integrationId(), "[\"audit\"]")
            .json()
            .path("destination_id")
            .asText();
    VaultEntryRecord entry = bed.entries.find(SAMPLE_TENANT, a.entryId()).orElseThrow();
    assertTrue(
        bed.siem
            .destinations()
            .repository()
            .markUnhealthy(
                SAMPLE_TENANT,
                id,
                "datadog_403",
                entry.entryId() + "#" + entry.currentVersion(),
                bed.clock.instant()));
    Response stopped = call("get-destination.json", SAMPLE_TENANT, Map.of("id", id), null);
    assertEquals("stopped_credential_rejected", stopped.json().path("status").asText());
    assertEquals("datadog_403", stopped.json().path("stopped_reason").asText());
    bed.clock.advance(Duration.ofSeconds(5));
    bed.vault.rotate(entry, Map.of("api_key", "dd" + SiemTestBed.randomHex(15))).orElseThrow();
    assertEquals(
        "active",
        call("get-destination.json", SAMPLE_TENANT, Map.of("id", id), null)
            .json()
            .path("status")
            .asText());
  }
}
