package io.quantaseal.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.apifixtures.ApiFixture.Tenant;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import io.quantaseal.testsupport.lambda.TestLambdaContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IntegrationsFunction end to end on DynamoDB Local + moto KMS + a fake Datadog, driven by the
 * sample events of {@code events/integrations/}, through the API-key authorizer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrationsIntegrationTest {
  private static final String CREATE = "integrations/create-integration.json";
  private static final String LIST = "integrations/list-integrations.json";
  private static final String GET = "integrations/get-integration.json";
  private static final String PATCH = "integrations/update-integration.json";
  private static final String DELETE = "integrations/delete-integration.json";

  private Harness h;

  @BeforeAll
  void start() {
    h = new Harness();
  }

  @AfterAll
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @BeforeEach
  void resetFake() {
    h.datadog.reset();
    h.sleeps.clear();
  }

  private Response get(Tenant t, String id) {
    return h.call(h.integrations, GET, t, Map.of("id", id), null);
  }

  private Response patch(Tenant t, String id, String body) {
    return h.call(h.integrations, PATCH, t, Map.of("id", id), body);
  }

  private String createOk(Tenant t, String ddKey, List<String> ops) {
    String vlt = h.sealDatadogKey(t, ddKey);
    Response r = h.createIntegration(t, vlt, "datadoghq.eu", ops);
    assertEquals(201, r.status(), r.body());
    return r.json().get("integration_id").asText();
  }

  @Test
  void create_validKey_201AndKeyValidatedWithDatadogButNeverReturned() {
    String key = h.newDatadogKey(true);
    String vlt = h.sealDatadogKey(h.a, key);

    Response r =
        h.createIntegration(h.a, vlt, "datadoghq.eu", List.of("send_event", "send_metric"));

    assertEquals(201, r.status(), r.body());
    JsonNode j = r.json();
    assertTrue(j.get("integration_id").asText().startsWith("int_"));
    assertEquals("datadog", j.get("system_type").asText());
    assertEquals("datadog-eu-prod", j.get("name").asText());
    assertEquals(vlt, j.get("credential_id").asText());
    assertEquals("datadoghq.eu", j.get("config").get("site").asText());
    assertEquals("[\"send_event\",\"send_metric\"]", j.get("allowed_operations").toString());
    assertEquals("healthy", j.get("status").asText());
    assertFalse(r.body().contains(key), "the key is never in an answer");
    assertNotNull(r.header("X-Request-Id"));

    List<FakeDatadog.ReceivedRequest> validations = h.datadog.requests(FakeDatadog.VALIDATE);
    assertEquals(1, validations.size());
    assertEquals(key, validations.get(0).header(FakeDatadog.API_KEY_HEADER));
    assertEquals("GET", validations.get(0).method());

    AuditRecord created =
        last(h.a, AuditActions.INTEGRATION_CREATE, j.get("integration_id").asText());
    assertEquals("datadoghq.eu", created.details().get("site"));
    assertEquals("send_event send_metric", created.details().get("allowed_operations"));
    assertFalse(created.details().toString().contains(key));
  }

  @Test
  void create_sampleEventAsIs_unknownCredential404() {
    // The sample names a vault entry that does not exist for this tenant.
    Response r = h.call(h.integrations, CREATE, h.a, null, null);
    assertEquals(404, r.status(), r.body());
    assertEquals("not_found", r.errorCode());
    assertEquals(0, h.datadog.requests().size());
  }

  @Test
  void create_keyRefusedByDatadog_422CredentialRejectedWithSiteHintAuditedAsAlert() {
    String key = h.newDatadogKey(false); // Datadog answers 403
    String vlt = h.sealDatadogKey(h.a, key);

    Response r = h.createIntegration(h.a, vlt, "us5.datadoghq.com", List.of("send_event"));

    assertEquals(422, r.status(), r.body());
    assertEquals("credential_rejected", r.errorCode());
    String message = r.json().get("error").get("message").asText();
    assertTrue(message.contains("one organisation and one site"), message);
    assertTrue(message.contains("us5.datadoghq.com"), message);
    assertFalse(r.body().contains(key));
    assertEquals(1, h.datadog.count(FakeDatadog.VALIDATE), "a 403 is never retried");

    AuditRecord rejected = last(h.a, AuditActions.CREDENTIAL_REJECTED, null);
    assertEquals(AuditActions.ALERT_CREDENTIAL_REJECTED, rejected.securityAlert().orElseThrow());
    assertEquals(AuditRecord.FAILURE, rejected.outcome());
    assertEquals("403", rejected.details().get("upstream_status"));
    assertEquals(vlt, rejected.details().get("credential_id"));
    // nothing was stored
    JsonNode list = h.call(h.integrations, LIST, h.a, null, null).json().get("integrations");
    for (JsonNode i : list) {
      assertFalse(vlt.equals(i.get("credential_id").asText()));
    }
  }

  @Test
  void create_datadog5xxThenOk_retriedAndCreated() {
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    h.datadog.fail(2, 503);

    Response r = h.createIntegration(h.a, vlt, "datadoghq.com", List.of());

    assertEquals(201, r.status(), r.body());
    assertEquals(3, h.datadog.count(FakeDatadog.VALIDATE));
    assertEquals(2, h.sleeps.size(), "one backoff before each retry");
  }

  @Test
  void create_datadogNeverAnswers_502WithinTheTimeBudget() {
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    h.datadog.hang(5);
    ObjectNode body = h.body(CREATE);
    body.put("credential_id", vlt);

    long start = System.nanoTime();
    Response r =
        h.call(
            h.integrations,
            CREATE,
            h.a.apiKey(),
            null,
            body.toString(),
            Map.of(),
            TestLambdaContext.withRemainingTime(Duration.ofMillis(2000)));
    long ms = (System.nanoTime() - start) / 1_000_000;

    assertEquals(502, r.status(), r.body());
    assertEquals("upstream_unreachable", r.errorCode());
    assertTrue(ms < 1900, "answered within the Lambda's time (" + ms + " ms)");
  }

  @Test
  void create_emptyAllowList_allowedAndPermitsNothing() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of());
    assertEquals("[]", get(h.a, id).json().get("allowed_operations").toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example.com",
        "127.0.0.1:8089",
        "datadoghq.com.evil.example",
        "DATADOGHQ.COM",
        "api.datadoghq.com",
        "http://datadoghq.com",
        "datadoghq.com/../x",
        "localhost"
      })
  void create_siteNotDatadogs_400AndNothingCalled(String site) {
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    Response r = h.createIntegration(h.a, vlt, site, List.of("send_event"));
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_request", r.errorCode());
    assertEquals(0, h.datadog.requests().size());
  }

  @Test
  void create_urlInConfig_400NoTenantSuppliedUrlEver() {
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    ObjectNode body = h.body(CREATE);
    body.put("credential_id", vlt);
    ((ObjectNode) body.get("config")).put("url", "http://169.254.169.254/latest/meta-data");
    Response r = h.call(h.integrations, CREATE, h.a, null, body.toString());
    assertEquals(400, r.status(), r.body());
    assertEquals(0, h.datadog.requests().size());
  }

  @Test
  void create_unknownOperationOrSystemType_400() {
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    Response r =
        h.createIntegration(h.a, vlt, "datadoghq.com", List.of("send_event", "delete_dashboard"));
    assertEquals(400, r.status(), r.body());
    assertTrue(r.json().get("error").get("message").asText().contains("send_event"));

    ObjectNode body = h.body(CREATE);
    body.put("credential_id", vlt);
    body.put("system_type", "splunk");
    Response s = h.call(h.integrations, CREATE, h.a, null, body.toString());
    assertEquals(400, s.status(), s.body());
    assertEquals(0, h.datadog.requests().size());
  }

  @Test
  void create_credentialNotAnApiKey_400() {
    String token = h.sealBearerToken(h.a);
    Response r = h.createIntegration(h.a, token, "datadoghq.com", List.of("send_event"));
    assertEquals(400, r.status(), r.body());
    assertTrue(r.json().get("error").get("message").asText().contains("api_key"));
  }

  @Test
  void create_otherTenantsCredential_404() {
    String vltOfA = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    Instant probing = Instant.now();
    Response r = h.createIntegration(h.b, vltOfA, "datadoghq.com", List.of("send_event"));
    assertEquals(404, r.status(), r.body());
    assertEquals(0, h.datadog.requests().size());
    List<AuditRecord> probes = denied(h.b, probing);
    assertEquals(1, probes.size());
    assertEquals("integration.create", probes.get(0).action());
    assertEquals(vltOfA, probes.get(0).target());
    assertEquals("vault_entry", probes.get(0).details().get("resource"));
    assertTrue(probes.get(0).countsAsAuthFailure());
  }

  @Test
  void create_sameIdempotencyKey_sameAnswerOnceValidated_otherBody409() {
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    ObjectNode body = h.body(CREATE);
    body.put("credential_id", vlt);
    Map<String, String> idem = Map.of("Idempotency-Key", "create-" + vlt);

    Response first =
        h.call(h.integrations, CREATE, h.a.apiKey(), null, body.toString(), idem, null);
    Response again =
        h.call(h.integrations, CREATE, h.a.apiKey(), null, body.toString(), idem, null);
    body.put("name", "another");
    Response other =
        h.call(h.integrations, CREATE, h.a.apiKey(), null, body.toString(), idem, null);

    assertEquals(201, first.status(), first.body());
    assertEquals(201, again.status());
    assertEquals(first.json().get("integration_id"), again.json().get("integration_id"));
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(409, other.status());
    assertEquals("idempotency_conflict", other.errorCode());
    assertEquals(1, h.datadog.count(FakeDatadog.VALIDATE));
  }

  @Test
  void listAndGet_ownIntegrationsOnly_otherTenant404() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_log"));

    Response list = h.call(h.integrations, LIST, h.a, null, null);
    assertEquals(200, list.status());
    List<String> ids = new ArrayList<>();
    list.json().get("integrations").forEach(i -> ids.add(i.get("integration_id").asText()));
    assertTrue(ids.contains(id));

    Response listB = h.call(h.integrations, LIST, h.b, null, null);
    listB
        .json()
        .get("integrations")
        .forEach(i -> assertFalse(id.equals(i.get("integration_id").asText())));

    assertEquals(200, get(h.a, id).status());
    Instant probing = Instant.now();
    assertEquals(404, get(h.b, id).status());
    assertEquals(404, patch(h.b, id, "{\"allowed_operations\":[]}").status());
    assertEquals(404, h.call(h.integrations, DELETE, h.b, Map.of("id", id), null).status());
    assertEquals(404, get(h.a, "int_0000000000000000000000000z").status());
    assertEquals(404, get(h.a, "../vault/entries").status());
    // B's attempts changed nothing
    assertEquals("[\"send_log\"]", get(h.a, id).json().get("allowed_operations").toString());

    // Each refused access is in the caller's own audit trail, counted as an auth failure; the
    // record names the id sent (a path that is no id is not copied) and not whose it is.
    List<AuditRecord> probesB = denied(h.b, probing);
    assertEquals(
        List.of("integration.read", "integration.update", "integration.delete"),
        probesB.stream().map(AuditRecord::action).toList());
    for (AuditRecord r : probesB) {
      assertEquals(id, r.target());
      assertEquals("not_found", r.details().get("reason"));
      assertEquals("integration", r.details().get("resource"));
      assertTrue(r.countsAsAuthFailure(), r.toString());
      assertFalse(r.toString().contains(h.a.id()));
    }
    List<AuditRecord> probesA = denied(h.a, probing);
    assertEquals(
        List.of("int_0000000000000000000000000z", ""),
        probesA.stream().map(AuditRecord::target).toList());
  }

  private List<AuditRecord> denied(Tenant t, Instant since) {
    return h.audit(t).stream()
        .filter(r -> !r.time().isBefore(since) && r.outcome().equals(AuditRecord.DENIED))
        .toList();
  }

  @Test
  void patch_sampleEvent_changesAllowListWithoutAskingDatadog() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_event"));
    h.datadog.reset();

    Response r = h.call(h.integrations, PATCH, h.a, Map.of("id", id), null); // the sample's body

    assertEquals(200, r.status(), r.body());
    assertEquals(
        "[\"send_event\",\"send_metric\",\"send_log\"]",
        r.json().get("allowed_operations").toString());
    assertEquals(0, h.datadog.requests().size(), "nothing that changes the key's meaning changed");
    AuditRecord updated = last(h.a, AuditActions.INTEGRATION_UPDATE, id);
    assertEquals("allowed_operations", updated.details().get("changed"));
    assertEquals("false", updated.details().get("validated"));
  }

  @Test
  void patch_unknownOperationOrSite_400Unchanged() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_event"));
    assertEquals(400, patch(h.a, id, "{\"allowed_operations\":[\"drop_tables\"]}").status());
    assertEquals(400, patch(h.a, id, "{\"config\":{\"site\":\"evil.example.com\"}}").status());
    assertEquals(400, patch(h.a, id, "{\"system_type\":\"splunk\"}").status());
    assertEquals(400, patch(h.a, id, "{\"url\":\"http://127.0.0.1\"}").status());
    JsonNode j = get(h.a, id).json();
    assertEquals("[\"send_event\"]", j.get("allowed_operations").toString());
    assertEquals("datadoghq.eu", j.get("config").get("site").asText());
  }

  @Test
  void patch_repointToAnotherCredential_validatesTheNewKey() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_event"));
    String newKey = h.newDatadogKey(true);
    String newVlt = h.sealDatadogKey(h.a, newKey);
    h.datadog.reset();

    Response r = patch(h.a, id, "{\"credential_id\":\"" + newVlt + "\"}");

    assertEquals(200, r.status(), r.body());
    assertEquals(newVlt, r.json().get("credential_id").asText());
    assertEquals(1, h.datadog.count(FakeDatadog.VALIDATE));
    assertEquals(newKey, h.datadog.requests(FakeDatadog.VALIDATE).get(0).header("DD-API-KEY"));
  }

  @Test
  void patch_repointToRefusedKey_422AndIntegrationUnchanged() {
    String oldKey = h.newDatadogKey(true);
    String vlt = h.sealDatadogKey(h.a, oldKey);
    Response created = h.createIntegration(h.a, vlt, "datadoghq.eu", List.of("send_event"));
    String id = created.json().get("integration_id").asText();
    String refusedVlt = h.sealDatadogKey(h.a, h.newDatadogKey(false));

    Response r = patch(h.a, id, "{\"credential_id\":\"" + refusedVlt + "\"}");

    assertEquals(422, r.status(), r.body());
    assertEquals("credential_rejected", r.errorCode());
    JsonNode j = get(h.a, id).json();
    assertEquals(vlt, j.get("credential_id").asText());
    assertEquals("healthy", j.get("status").asText());
  }

  @Test
  void patch_siteChanged_validatesOnTheNewSite() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_event"));
    h.datadog.reset();
    Response r = patch(h.a, id, "{\"config\":{\"site\":\"ap1.datadoghq.com\"}}");
    assertEquals(200, r.status(), r.body());
    assertEquals("ap1.datadoghq.com", r.json().get("config").get("site").asText());
    assertEquals(1, h.datadog.count(FakeDatadog.VALIDATE));
  }

  @Test
  void health_unhealthyAfterUpstream403_healthyAgainOnceTheCredentialIsRotated() {
    String key = h.newDatadogKey(true);
    String vlt = h.sealDatadogKey(h.a, key);
    String id =
        h.createIntegration(h.a, vlt, "datadoghq.eu", List.of("send_event"))
            .json()
            .get("integration_id")
            .asText();
    // What the proxy does when Datadog answers 403 with version 1 of the key.
    h.integrationRecords.markUnhealthy(h.a.id(), id, "credential_rejected", 1, Instant.now());
    JsonNode sick = get(h.a, id).json();
    assertEquals("unhealthy", sick.get("status").asText());
    assertEquals("credential_rejected", sick.get("unhealthy_reason").asText());

    String rotatedKey = h.newDatadogKey(true);
    h.rotate(h.a, vlt, rotatedKey);
    assertEquals("healthy", get(h.a, id).json().get("status").asText(), "version 2 is not refused");

    // Any change after a rotation checks the rotated key with Datadog first.
    h.datadog.reset();
    Response r = patch(h.a, id, "{}");
    assertEquals(200, r.status(), r.body());
    assertEquals(1, h.datadog.count(FakeDatadog.VALIDATE));
    assertEquals(rotatedKey, h.datadog.requests(FakeDatadog.VALIDATE).get(0).header("DD-API-KEY"));
    assertEquals("true", last(h.a, AuditActions.INTEGRATION_UPDATE, id).details().get("validated"));
    // …and only once: the next change does not ask again.
    assertEquals(200, patch(h.a, id, "{\"name\":\"renamed\"}").status());
    assertEquals(1, h.datadog.count(FakeDatadog.VALIDATE));
  }

  @Test
  void health_rotatedToARefusedKey_patch422AndMarkedUnhealthy() {
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    String id =
        h.createIntegration(h.a, vlt, "datadoghq.eu", List.of("send_event"))
            .json()
            .get("integration_id")
            .asText();
    h.rotate(h.a, vlt, h.newDatadogKey(false));

    Response r = patch(h.a, id, "{\"allowed_operations\":[\"send_event\",\"send_log\"]}");

    assertEquals(422, r.status(), r.body());
    JsonNode j = get(h.a, id).json();
    assertEquals("unhealthy", j.get("status").asText());
    assertEquals("[\"send_event\"]", j.get("allowed_operations").toString());
  }

  @Test
  void delete_removesAndAudits_thenGet404() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_event"));
    Response r = h.call(h.integrations, DELETE, h.a, Map.of("id", id), null);
    assertEquals(204, r.status(), r.body());
    assertEquals(404, get(h.a, id).status());
    assertEquals(404, h.call(h.integrations, DELETE, h.a, Map.of("id", id), null).status());
    assertNotNull(last(h.a, AuditActions.INTEGRATION_DELETE, id));
  }

  @Test
  void delete_refusedWhileASiemDestinationUsesIt_unlessForced() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_log"));
    h.siemDestinations.create(
        new SiemDestination(
            h.a.id(),
            "dst_0000000000000000000000000a",
            "datadog",
            id,
            List.of(SiemStream.AUDIT),
            Instant.now(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    Response refused = h.call(h.integrations, DELETE, h.a, Map.of("id", id), null);
    assertEquals(409, refused.status(), refused.body());
    assertEquals("resource_in_use", refused.json().path("error").path("code").asText());
    assertEquals(200, get(h.a, id).status(), "still there");
    Response forced =
        h.call(
            h.integrations,
            DELETE,
            h.a.apiKey(),
            Map.of("id", id),
            Map.of("force", "true"),
            null,
            Map.of(),
            null);
    assertEquals(204, forced.status(), forced.body());
  }

  @Test
  void malformed_bodies_400() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of());
    assertEquals(400, h.call(h.integrations, CREATE, h.a, null, "not json").status());
    assertEquals(400, h.call(h.integrations, CREATE, h.a, null, "[]").status());
    assertEquals(400, patch(h.a, id, "{\"allowed_operations\":\"send_event\"}").status());
    assertEquals(400, patch(h.a, id, "{\"config\":{}}").status());
    ObjectNode big = Json.newObject();
    big.put("name", "x".repeat(IntegrationsService.MAX_BODY_CHARS));
    assertEquals(413, patch(h.a, id, big.toString()).status());
  }

  /** Issue 10, item 5: POST and PATCH take application/json only (415 otherwise). */
  @Test
  void bodiesNotSentAsJson_415AndNothingChanged() {
    String id = createOk(h.a, h.newDatadogKey(true), List.of("send_event"));
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    String create =
        "{\"system_type\":\"datadog\",\"credential_id\":\""
            + vlt
            + "\",\"config\":{\"site\":\"datadoghq.com\"},\"allowed_operations\":[]}";
    int before = h.call(h.integrations, LIST, h.a, null, null).json().get("integrations").size();
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "text/xml")) {
      Map<String, String> ct = Map.of("Content-Type", type);
      Response created = h.call(h.integrations, CREATE, h.a.apiKey(), null, create, ct, null);
      assertEquals(415, created.status(), created.body());
      assertEquals("unsupported_media_type", created.errorCode());
      Response patched =
          h.call(
              h.integrations,
              PATCH,
              h.a.apiKey(),
              Map.of("id", id),
              "{\"allowed_operations\":[]}",
              ct,
              null);
      assertEquals(415, patched.status(), patched.body());
    }
    assertEquals(
        before, h.call(h.integrations, LIST, h.a, null, null).json().get("integrations").size());
    assertEquals("[\"send_event\"]", get(h.a, id).json().get("allowed_operations").toString());
  }

  private AuditRecord last(Tenant t, String action, String target) {
    AuditRecord found = null;
    for (AuditRecord r : h.audit(t)) {
      if (r.action().equals(action) && (target == null || target.equals(r.target()))) {
        found = r;
      }
    }
    assertNotNull(found, "no audit record " + action + " for " + target);
    return found;
  }
}
