package io.quantaseal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.StandIn.Reply;
import io.quantaseal.client.StandIn.Request;
import io.quantaseal.client.encryption.ClientKeyRegistration;
import io.quantaseal.client.encryption.ClientKeyStatus;
import io.quantaseal.client.encryption.ListedClientKey;
import io.quantaseal.client.encryption.ServerKey;
import io.quantaseal.client.encryption.ServerKeyStatus;
import io.quantaseal.client.integrations.CreateIntegrationRequest;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.integrations.Integration;
import io.quantaseal.client.integrations.IntegrationConfig;
import io.quantaseal.client.integrations.IntegrationStatus;
import io.quantaseal.client.integrations.UpdateIntegrationRequest;
import io.quantaseal.client.proxy.DatadogEvent;
import io.quantaseal.client.proxy.DatadogLog;
import io.quantaseal.client.proxy.DatadogLogBatch;
import io.quantaseal.client.proxy.DatadogMetricPoint;
import io.quantaseal.client.proxy.ProxyAnswer;
import io.quantaseal.client.siem.CreateSiemDestinationRequest;
import io.quantaseal.client.siem.SiemDeliveryStatus;
import io.quantaseal.client.siem.SiemDestination;
import io.quantaseal.client.siem.SiemDestinationStatus;
import io.quantaseal.client.siem.SiemDestinationTestResult;
import io.quantaseal.client.siem.SiemStream;
import io.quantaseal.client.tenant.ApiKey;
import io.quantaseal.client.tenant.ApiKeyStatus;
import io.quantaseal.client.tenant.AuditCheckpoint;
import io.quantaseal.client.tenant.AuditOutcome;
import io.quantaseal.client.tenant.AuditQuery;
import io.quantaseal.client.tenant.AuditRecord;
import io.quantaseal.client.tenant.CreateApiKeyRequest;
import io.quantaseal.client.tenant.CreatedApiKey;
import io.quantaseal.client.tenant.CurrentApiKey;
import io.quantaseal.client.tenant.Scope;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.RotateRequest;
import io.quantaseal.client.vault.SealRequest;
import io.quantaseal.client.vault.UnsealedCredential;
import io.quantaseal.client.vault.VaultEntry;
import io.quantaseal.client.vault.VaultEntryDetail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of docs/openapi.yaml through the typed client against the loopback stand-in: what
 * goes on the wire (method, path, query, body, headers) and the typed answer read back.
 */
class OperationsTest {
  static final String T0 = "2026-11-26T00:00:00Z";
  static final String ENTRY =
      "{\"vault_entry_id\":\"vlt_1\",\"name\":\"dd\",\"credential_type\":\"api_key\",\"version\":2,"
          + "\"created_at\":\""
          + T0
          + "\",\"rotated_at\":\"2026-11-27T00:00:00Z\",\"future_member\":1}";
  static final String DETAIL =
      "{\"vault_entry_id\":\"vlt_1\",\"credential_type\":\"api_key\",\"version\":2,\"created_at\":\""
          + T0
          + "\",\"rotated_at\":\""
          + T0
          + "\",\"versions\":[{\"version\":1,\"created_at\":\""
          + T0
          + "\",\"current\":false},{\"version\":2,\"created_at\":\""
          + T0
          + "\",\"current\":true}]}";
  static final String INTEGRATION =
      "{\"integration_id\":\"int_1\",\"system_type\":\"datadog\",\"name\":\"dd\",\"credential_id\":\"vlt_1\","
          + "\"config\":{\"site\":\"datadoghq.eu\"},\"allowed_operations\":[\"send_event\",\"send_log\"],"
          + "\"status\":\"unhealthy\",\"unhealthy_reason\":\"credential_rejected\",\"created_at\":\""
          + T0
          + "\",\"updated_at\":\""
          + T0
          + "\"}";
  static final String DESTINATION =
      "{\"destination_id\":\"dst_1\",\"system_type\":\"datadog\",\"integration_id\":\"int_1\","
          + "\"streams\":[\"audit\",\"metrics\"],\"created_at\":\""
          + T0
          + "\",\"status\":\"stopped_credential_rejected\",\"stopped_reason\":\"Datadog said 403\","
          + "\"stopped_at\":\""
          + T0
          + "\"}";

  static final String CLIENT_KEY =
      "{\"rkid\":\"ck_1\",\"hkid\":\"hk_1\",\"api_key_id\":null,\"created_at\":\""
          + T0
          + "\",\"last_used_at\":\""
          + T0
          + "\",\"revoked_at\":null,\"status\":\"active\"}";
  static final String API_KEY_JSON =
      "\"api_key_id\":\"key_1\",\"name\":null,\"display_prefix\":\"qs_test_AbCd…\","
          + "\"scopes\":[\"admin\",\"vault:unseal\"],\"created_at\":\""
          + T0
          + "\",\"last_used_at\":null,\"expires_at\":\"2027-01-01T00:00:00Z\",\"revoked_at\":null,"
          + "\"status\":\"active\"";
  static final String AUDIT_RECORD =
      "{\"audit_id\":\"aud_1\",\"tenant_id\":\"t_1\",\"time\":\"2026-12-04T18:39:29.123456Z\","
          + "\"action\":\"vault.unseal\",\"outcome\":\"denied\",\"request_id\":\"req_1\","
          + "\"actor\":\"key_1\",\"resource\":{\"id\":\"vlt_1\"},\"details\":{\"reason\":\"scope\"},"
          + "\"security_alert\":\"unseal_denied\"}";

  private StandIn api;
  private QuantaSealClient qs;

  @BeforeEach
  void start() throws IOException {
    api = new StandIn();
    qs = api.client();
    api.handle(this::route);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Reply route(Request r) {
    String rid = api.nextRequestId();
    String p = r.method() + " " + r.path();
    String body;
    int status = 200;
    if (p.equals("POST /api/v2/vault/seal")) {
      status = 201;
      body = ENTRY;
    } else if (p.equals("POST /api/v2/vault/unseal")) {
      body =
          api.envelope(
              rid,
              "{\"vault_entry_id\":\"vlt_1\",\"credential_type\":\"basic_auth\",\"version\":3,"
                  + "\"values\":{\"username\":\"u\",\"password\":\"p@ss\"}}");
    } else if (p.equals("GET /api/v2/vault/entries")) {
      body = "{\"entries\":[" + ENTRY + "," + ENTRY + "]}";
    } else if (p.startsWith("GET /api/v2/vault/entries/")
        || p.startsWith("POST /api/v2/vault/entries/")) {
      body = DETAIL;
    } else if (p.equals("GET /api/v2/encryption/client-keys")) {
      body = "{\"client_keys\":[" + CLIENT_KEY + "],\"next_cursor\":null}";
    } else if (p.startsWith("DELETE /api/v2/encryption/client-keys/")) {
      body =
          CLIENT_KEY
              .replace("\"revoked_at\":null", "\"revoked_at\":\"" + T0 + "\"")
              .replace("\"active\"", "\"revoked\"");
    } else if (p.equals("POST /api/v2/api-keys")) {
      status = 201;
      body = "{\"api_key\":\"qs_test_" + "B".repeat(43) + "\"," + API_KEY_JSON + "}";
    } else if (p.equals("GET /api/v2/api-keys/current")) {
      body = "{\"tenant_id\":\"ten_1\"," + API_KEY_JSON + "}";
    } else if (p.equals("GET /api/v2/api-keys")) {
      body = "{\"api_keys\":[{" + API_KEY_JSON + "}],\"next_cursor\":null}";
    } else if (p.startsWith("DELETE /api/v2/api-keys/")) {
      body = "{" + API_KEY_JSON.replace("\"status\":\"active\"", "\"status\":\"revoked\"") + "}";
    } else if (p.equals("GET /api/v2/audit/checkpoints")) {
      body =
          "{\"checkpoints\":[{\"body\":{\"v\":1,\"tenant_id\":\"ten_1\",\"seq\":0,"
              + "\"period_start\":\"2026-12-04T18:39:00.000000Z\",\"period_end\":\"2026-12-04T18:40:00.000000Z\","
              + "\"count\":2,\"root\":\"cm9vdA\",\"prev\":\"\",\"skid\":\"sk_1\"},\"sig\":\"c2ln\"}],"
              + "\"next_cursor\":null}";
    } else if (p.equals("GET /api/v2/audit")) {
      body = "{\"records\":[" + AUDIT_RECORD + "],\"next_cursor\":null}";
    } else if (r.method().equals("DELETE")) {
      return Reply.json(204, null).with("X-Request-Id", rid);
    } else if (p.equals("POST /api/v2/encryption/client-keys")) {
      status = 201;
      body =
          "{\"rkid\":\"ck_new\",\"hkid\":\"hk_new\",\"hmac_key\":\""
              + StandIn.B64.encodeToString(new byte[64])
              + "\",\"created_at\":\""
              + T0
              + "\"}";
    } else if (p.equals("POST /api/v2/integrations")) {
      status = 201;
      body = INTEGRATION;
    } else if (p.equals("GET /api/v2/integrations")) {
      body = "{\"integrations\":[" + INTEGRATION + "]}";
    } else if (p.startsWith("GET /api/v2/integrations/")
        || p.startsWith("PATCH /api/v2/integrations/")) {
      body = INTEGRATION;
    } else if (p.equals("POST /api/v2/proxy/outbound")) {
      String op = r.json().path("operation").asText();
      return Reply.json(
              202,
              api.envelope(
                  rid,
                  "{\"integration_id\":\"int_1\",\"operation\":\""
                      + op
                      + "\",\"upstream\":{\"status\":202,\"body\":{\"status\":\"ok\"},\"latency_ms\":7},"
                      + "\"audit_id\":\"aud_1\"}"))
          .with("X-Request-Id", rid)
          .with("X-QS-Source", "upstream")
          .with("Idempotent-Replayed", "true");
    } else if (p.equals("POST /api/v2/siem/destinations")) {
      status = 201;
      body = DESTINATION;
    } else if (p.equals("GET /api/v2/siem/destinations")) {
      body = "{\"destinations\":[" + DESTINATION + "]}";
    } else if (p.startsWith("GET /api/v2/siem/destinations/")) {
      body =
          DESTINATION.replace(
              "}",
              ",\"delivery\":{\"last_delivery_at\":\""
                  + T0
                  + "\",\"last_error\":\"http_503\",\"last_error_at\":null,"
                  + "\"delivered_count\":12,\"failed_count\":3,\"dead_letter_depth\":1}}");
    } else if (p.startsWith("POST /api/v2/siem/destinations/") && p.endsWith("/test")) {
      body =
          "{\"destination_id\":\"dst_1\",\"operation\":\"send_log\",\"sent_at\":\""
              + T0
              + "\",\"delivered\":false,\"datadog\":{\"status\":403,\"body\":{\"errors\":[\"Forbidden\"]},"
              + "\"latency_ms\":9},\"error\":\"Datadog refused the key\"}";
    } else {
      return Reply.json(
              404,
              "{\"error\":{\"code\":\"not_found\",\"message\":\"no route\",\"request_id\":\""
                  + rid
                  + "\"}}")
          .with("X-Request-Id", rid);
    }
    return Reply.json(status, body).with("X-Request-Id", rid);
  }

  private Request last() {
    return api.requests.get(api.requests.size() - 1);
  }

  @Test
  void vault_sealUnsealListGetRotateDeleteRetire() {
    VaultEntry e =
        qs.vault()
            .seal(
                SealRequest.builder(CredentialType.API_KEY)
                    .name("dd")
                    .values(Map.of("api_key", "k1"))
                    .build());
    assertEquals("vlt_1", e.vaultEntryId());
    assertEquals(Optional.of("dd"), e.name());
    assertEquals(CredentialType.API_KEY, e.credentialType());
    assertEquals(2, e.version());
    assertEquals(Instant.parse("2026-11-27T00:00:00Z"), e.rotatedAt());
    JsonNode sent = last().json();
    assertEquals("api_key", sent.get("credential_type").asText());
    assertEquals("k1", sent.get("values").get("api_key").asText());
    assertEquals("application/json", last().header("Content-Type"));
    assertEquals(StandIn.API_KEY, last().header("X-API-Key"));
    assertTrue(last().header("Idempotency-Key").length() >= 16, "seal makes an Idempotency-Key");
    assertTrue(last().header("User-Agent").startsWith("quantaseal-java/"));

    qs.vault()
        .seal(
            SealRequest.builder(CredentialType.BEARER_TOKEN)
                .value("t")
                .idempotencyKey("my-key")
                .build());
    assertEquals("my-key", last().header("Idempotency-Key"));
    assertEquals("t", last().json().get("value").asText());
    assertFalse(last().json().has("values"));

    UnsealedCredential u = qs.vault().unseal("vlt_1");
    assertEquals(CredentialType.BASIC_AUTH, u.credentialType());
    assertEquals("p@ss", u.value("password"));
    assertEquals(3, u.version());
    assertEquals(api.rkid, last().json().get("rkid").asText(), "unseal names the held key");
    assertTrue(u.requestId().startsWith("req_standin-"));

    Page<VaultEntry> page = qs.vault().listEntries(PageRequest.ofSize(2).after("c1"));
    assertEquals(2, page.items().size());
    assertFalse(page.hasNext());
    assertEquals("limit=2&cursor=c1", last().query());

    VaultEntryDetail d = qs.vault().getEntry("vlt_1");
    assertEquals(2, d.versions().size());
    assertTrue(d.versions().get(1).current());
    assertEquals(Optional.empty(), d.name());
    assertEquals("/api/v2/vault/entries/vlt_1", last().path());

    qs.vault().rotateEntry("vlt_1", RotateRequest.ofValue("k2").withIdempotencyKey("rot-1"));
    assertEquals("/api/v2/vault/entries/vlt_1/rotate", last().path());
    assertEquals("k2", last().json().get("value").asText());
    assertEquals("rot-1", last().header("Idempotency-Key"));
    qs.vault().rotateEntry("vlt_1", RotateRequest.ofValues(Map.of("api_key", "k3")));
    assertNull(last().header("Idempotency-Key"), "rotate sends no key unless given one");

    qs.vault().deleteEntry("vlt_1", true);
    assertEquals("DELETE", last().method());
    assertEquals("force=true", last().query());
    qs.vault().deleteEntry("vlt_1");
    assertNull(last().query());
    qs.vault().retireVersion("vlt_1", 1);
    assertEquals("/api/v2/vault/entries/vlt_1/versions/1", last().path());
    assertThrows(IllegalArgumentException.class, () -> qs.vault().retireVersion("vlt_1", 0));
  }

  @Test
  void anIdIsOnePathSegment_quotedWhole() {
    qs.vault().getEntry("../integrations");
    assertEquals("/api/v2/vault/entries/..%2Fintegrations", last().path());
    assertThrows(IllegalArgumentException.class, () -> qs.vault().getEntry(""));
  }

  @Test
  void encryption_registerCreateAndListServerKeys() {
    byte[] pk = new byte[1184];
    try (ClientKeyRegistration reg = qs.encryption().registerClientKey(pk, null)) {
      assertEquals("ck_new", reg.rkid());
      assertEquals(64, reg.hmacKey().length());
      assertEquals(Instant.parse(T0), reg.createdAt());
    }
    assertEquals(StandIn.B64.encodeToString(pk), last().json().get("public_key").asText());

    ClientKey key = qs.encryption().createClientKey();
    assertEquals("ck_new", key.rkid());
    assertEquals("hk_new", key.hkid());
    assertEquals(
        StandIn.B64.encodeToString(key.publicKey()), last().json().get("public_key").asText());

    int before = api.serverKeyFetches.get();
    List<ServerKey> keys = qs.encryption().listServerKeys();
    assertEquals(before + 1, api.serverKeyFetches.get());
    assertEquals(1, keys.size());
    assertEquals(api.currentSkid(), keys.get(0).skid());
    assertEquals(ServerKeyStatus.ACTIVE, keys.get(0).status());
    assertEquals("ML-DSA-65", keys.get(0).alg());
  }

  @Test
  void encryption_listAndRevokeClientKeys() {
    Page<ListedClientKey> page = qs.encryption().listClientKeys(PageRequest.ofSize(10));
    assertEquals("limit=10", last().query());
    ListedClientKey k = page.items().get(0);
    assertEquals("ck_1", k.rkid());
    assertEquals(Optional.empty(), k.apiKeyId());
    assertEquals(Optional.of(Instant.parse(T0)), k.lastUsedAt());
    assertEquals(ClientKeyStatus.ACTIVE, k.status());
    assertFalse(page.hasNext(), "next_cursor null is the last page");
    ListedClientKey revoked = qs.encryption().revokeClientKey("ck_1");
    assertEquals(
        "DELETE /api/v2/encryption/client-keys/ck_1", last().method() + " " + last().path());
    assertEquals(ClientKeyStatus.REVOKED, revoked.status());
    assertEquals(Optional.of(Instant.parse(T0)), revoked.revokedAt());
  }

  @Test
  void tenant_apiKeysAndAuditRecords() {
    CreatedApiKey created =
        qs.tenant()
            .createApiKey(
                CreateApiKeyRequest.builder("ci")
                    .scopes(List.of(Scope.ADMIN, Scope.VAULT_UNSEAL))
                    .expiresAt(Instant.parse("2027-01-01T00:00:00Z"))
                    .idempotencyKey("ak-1")
                    .build());
    assertEquals("qs_test_" + "B".repeat(43), created.apiKey());
    assertFalse(created.toString().contains("BBBB"), created.toString());
    assertEquals(List.of(Scope.ADMIN, Scope.VAULT_UNSEAL), created.metadata().scopes());
    assertEquals(Optional.empty(), created.metadata().name());
    JsonNode sent = last().json();
    assertEquals("vault:unseal", sent.get("scopes").get(1).asText());
    assertEquals("2027-01-01T00:00:00Z", sent.get("expires_at").asText());
    assertEquals("ak-1", last().header("Idempotency-Key"));

    ApiKey listed = qs.tenant().listApiKeys().items().get(0);
    assertEquals("key_1", listed.apiKeyId());
    assertEquals(ApiKeyStatus.ACTIVE, listed.status());
    assertEquals(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), listed.expiresAt());
    assertEquals(ApiKeyStatus.REVOKED, qs.tenant().revokeApiKey("key_1").status());
    assertEquals("/api/v2/api-keys/key_1", last().path());
    CurrentApiKey me = qs.tenant().currentApiKey();
    assertEquals("/api/v2/api-keys/current", last().path());
    assertEquals("ten_1", me.tenantId());
    assertEquals("key_1", me.key().apiKeyId());
    assertEquals(List.of(Scope.ADMIN, Scope.VAULT_UNSEAL), me.key().scopes());

    AuditRecord rec =
        qs.tenant()
            .listAuditRecords(
                AuditQuery.builder()
                    .from(Instant.parse("2026-12-01T00:00:00Z"))
                    .action("vault.unseal")
                    .outcome(AuditOutcome.DENIED)
                    .build(),
                PageRequest.ofSize(5))
            .items()
            .get(0);
    assertEquals(
        "limit=5&from=2026-12-01T00%3A00%3A00Z&action=vault.unseal&outcome=denied", last().query());
    assertEquals("2026-12-04T18:39:29.123456Z", rec.time());
    assertEquals(Instant.parse("2026-12-04T18:39:29.123456Z"), rec.instant());
    assertEquals(AuditOutcome.DENIED, rec.outcome());
    assertEquals(Optional.of("vlt_1"), rec.resourceId());
    assertEquals(Map.of("reason", "scope"), rec.details());
    assertEquals(Optional.of("unseal_denied"), rec.securityAlert());

    List<AuditCheckpoint> checkpoints = new ArrayList<>();
    qs.tenant()
        .paginateAuditCheckpoints(Instant.parse("2026-12-04T00:00:00Z"), null)
        .forEach(checkpoints::add);
    assertEquals("from=2026-12-04T00%3A00%3A00Z", last().query());
    AuditCheckpoint cp = checkpoints.get(0);
    assertEquals(0, cp.seq());
    assertEquals(2, cp.count());
    assertEquals("", cp.prev());
    assertEquals("sk_1", cp.skid());
    assertEquals("c2ln", cp.sig());
    assertEquals("ten_1", cp.body().get("tenant_id").asText());
  }

  @Test
  void integrations_createListGetUpdateDelete() {
    Integration i =
        qs.integrations()
            .create(
                CreateIntegrationRequest.builder("vlt_1", IntegrationConfig.site("datadoghq.eu"))
                    .name("dd")
                    .allowedOperations(
                        List.of(DatadogOperation.SEND_EVENT, DatadogOperation.SEND_LOG))
                    .build());
    assertEquals("int_1", i.integrationId());
    assertEquals(IntegrationStatus.UNHEALTHY, i.status());
    assertEquals(Optional.of("credential_rejected"), i.unhealthyReason());
    assertEquals(
        List.of(DatadogOperation.SEND_EVENT, DatadogOperation.SEND_LOG), i.allowedOperations());
    assertEquals("datadoghq.eu", i.config().site());
    JsonNode sent = last().json();
    assertEquals("datadog", sent.get("system_type").asText());
    assertEquals("datadoghq.eu", sent.get("config").get("site").asText());
    assertEquals("send_log", sent.get("allowed_operations").get(1).asText());
    assertNull(last().header("Idempotency-Key"));

    assertEquals(1, qs.integrations().list().items().size());
    assertEquals("int_1", qs.integrations().get("int_1").integrationId());
    assertEquals("/api/v2/integrations/int_1", last().path());

    qs.integrations()
        .update(
            "int_1",
            UpdateIntegrationRequest.builder().allowedOperations(List.of()).name("n").build());
    assertEquals("PATCH", last().method());
    assertEquals("{\"name\":\"n\",\"allowed_operations\":[]}", new String(last().body()));

    qs.integrations().delete("int_1", true);
    assertEquals(
        "DELETE /api/v2/integrations/int_1 force=true",
        last().method() + " " + last().path() + " " + last().query());
  }

  @Test
  void proxy_everyPayloadKind_answersDatadogsStatusFromTheEnvelope() {
    ProxyAnswer a =
        qs.proxy()
            .outbound(
                "int_1",
                DatadogEvent.builder("t", "x")
                    .tags(List.of("env:dev"))
                    .alertType("success")
                    .build());
    assertEquals(202, a.upstream().status());
    assertTrue(a.upstream().ok());
    assertEquals("ok", a.upstream().body().get("status").asText());
    assertEquals(7, a.upstream().latencyMs());
    assertEquals("aud_1", a.auditId());
    assertEquals(DatadogOperation.SEND_EVENT, a.operation());
    assertEquals(202, a.httpStatus());
    assertTrue(a.idempotentReplayed());
    JsonNode sent = last().json();
    assertEquals("send_event", sent.get("operation").asText());
    assertEquals("success", sent.get("payload").get("alert_type").asText());
    assertEquals(api.rkid, sent.get("rkid").asText());
    assertTrue(last().header("Idempotency-Key") != null, "the proxy call makes an Idempotency-Key");

    qs.proxy().outbound("int_1", DatadogMetricPoint.builder("deploys", 1).type("count").build());
    assertEquals("send_metric", last().json().get("operation").asText());
    assertEquals("count", last().json().get("payload").get("type").asText());

    qs.proxy()
        .outbound(
            "int_1",
            DatadogLogBatch.of(
                DatadogLog.of("a"), DatadogLog.builder().message("b").status("warn").build()));
    assertEquals("warn", last().json().get("payload").get(1).get("status").asText());

    qs.proxy()
        .outbound(
            "int_1",
            DatadogOperation.SEND_EVENT,
            StandIn.JSON.createObjectNode().put("title", "t").put("text", "x"));
    assertEquals("t", last().json().get("payload").get("title").asText());
  }

  @Test
  void siem_createListGetDelete() {
    SiemDestination d =
        qs.siem()
            .createDestination(
                CreateSiemDestinationRequest.builder("int_1")
                    .streams(List.of(SiemStream.AUDIT, SiemStream.METRICS))
                    .idempotencyKey("dst-1")
                    .build());
    assertEquals("dst_1", d.destinationId());
    assertEquals(SiemDestinationStatus.STOPPED_CREDENTIAL_REJECTED, d.status());
    assertEquals(Optional.of(Instant.parse(T0)), d.stoppedAt());
    assertEquals(List.of(SiemStream.AUDIT, SiemStream.METRICS), d.streams());
    assertEquals("dst-1", last().header("Idempotency-Key"));
    assertEquals("audit", last().json().get("streams").get(0).asText());
    assertEquals(1, qs.siem().listDestinations().items().size());
    assertTrue(d.delivery().isEmpty(), "create answers no delivery status");
    SiemDestination got = qs.siem().getDestination("dst_1");
    assertEquals("dst_1", got.destinationId());
    SiemDeliveryStatus delivery = got.delivery().orElseThrow();
    assertEquals(12, delivery.deliveredCount());
    assertEquals(3, delivery.failedCount());
    assertEquals(1, delivery.deadLetterDepth());
    assertEquals(Optional.of("http_503"), delivery.lastError());
    assertEquals(Optional.empty(), delivery.lastErrorAt());
    assertEquals(Optional.of(Instant.parse(T0)), delivery.lastDeliveryAt());
    SiemDestinationTestResult test = qs.siem().testDestination("dst_1");
    assertEquals(
        "POST /api/v2/siem/destinations/dst_1/test", last().method() + " " + last().path());
    assertEquals(0, last().body().length, "the test sends no body");
    assertNull(last().header("Content-Type"));
    assertFalse(test.delivered());
    assertEquals(DatadogOperation.SEND_LOG, test.operation());
    assertEquals(403, test.datadog().status());
    assertEquals("Forbidden", test.datadog().body().get("errors").get(0).asText());
    assertEquals(Optional.of("Datadog refused the key"), test.error());
    qs.siem().deleteDestination("dst_1");
    assertEquals("DELETE /api/v2/siem/destinations/dst_1", last().method() + " " + last().path());
  }

  @Test
  void anErrorAnswer_isOneExceptionWithStatusCodeMessageAndRequestId() {
    api.handle(
        r ->
            Reply.json(
                    409,
                    "{\"error\":{\"code\":\"resource_in_use\",\"message\":\"Integration int_1 uses it.\","
                        + "\"request_id\":\"req_body\"}}")
                .with("X-Request-Id", "req_header"));
    QuantaSealApiException e =
        assertThrows(QuantaSealApiException.class, () -> qs.vault().deleteEntry("vlt_1"));
    assertEquals(409, e.status());
    assertEquals("resource_in_use", e.code());
    assertEquals("Integration int_1 uses it.", e.apiMessage());
    assertEquals(Optional.of("req_body"), e.requestId());
    assertFalse(e.isRetryable());

    api.handle(r -> Reply.json(400, "<html>bad gateway</html>").with("x-amzn-RequestId", "abc-1"));
    QuantaSealApiException other =
        assertThrows(QuantaSealApiException.class, () -> qs.vault().getEntry("vlt_1"));
    assertEquals(QuantaSealApiException.UNEXPECTED_RESPONSE, other.code());
    assertEquals(Optional.of("req_abc-1"), other.requestId());
  }

  @Test
  void anAnswerThatIsNotTheContracts_isUnexpected_namingTheMember() {
    api.handle(r -> Reply.json(200, "{\"vault_entry_id\":7}").with("X-Request-Id", "req_x"));
    UnexpectedResponseException e =
        assertThrows(UnexpectedResponseException.class, () -> qs.vault().getEntry("vlt_1"));
    assertTrue(e.getMessage().contains("'vault_entry_id'"), e.getMessage());
    assertEquals(Optional.of("req_x"), e.requestId());
    api.handle(r -> Reply.json(200, "not json"));
    assertThrows(UnexpectedResponseException.class, () -> qs.integrations().list());
  }

  @Test
  void aMalformedIdempotencyKey_isRefusedBeforeAnythingIsSent() {
    for (String bad : new String[] {"", "has space", "x".repeat(256), "caf\u00e9"}) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              qs.vault()
                  .seal(
                      SealRequest.builder(CredentialType.API_KEY)
                          .value("k")
                          .idempotencyKey(bad)
                          .build()),
          bad);
    }
    assertTrue(api.requests.isEmpty());
  }

  @Test
  void anAnswerOverTheLimit_isNotReadIntoMemory() {
    String huge = "{\"entries\":[],\"pad\":\"" + "x".repeat(Transport.MAX_ANSWER_BYTES) + "\"}";
    api.handle(r -> Reply.json(200, huge));
    UnexpectedResponseException e =
        assertThrows(UnexpectedResponseException.class, () -> qs.vault().listEntries());
    assertTrue(e.getMessage().contains("over"), e.getMessage());
  }

  @Test
  void paginate_followsNextCursorOverEveryPage_andRefusesALoop() {
    api.handle(
        r -> {
          String q = r.query() == null ? "" : r.query();
          String next =
              q.contains("cursor=p2")
                  ? ""
                  : q.contains("cursor=p1") ? ",\"next_cursor\":\"p2\"" : ",\"next_cursor\":\"p1\"";
          return Reply.json(200, "{\"entries\":[" + ENTRY + "]" + next + "}");
        });
    List<VaultEntry> all = new ArrayList<>();
    qs.vault().paginateEntries().forEach(all::add);
    assertEquals(3, all.size());
    assertEquals(3, api.requests.size());
    api.handle(r -> Reply.json(200, "{\"entries\":[" + ENTRY + "],\"next_cursor\":\"same\"}"));
    assertThrows(
        UnexpectedResponseException.class, () -> qs.vault().paginateEntries().forEach(e -> {}));
  }

  @Test
  void callsWhoseAnswerIsAnEnvelope_needAClientKey() {
    QuantaSealClient without = api.builder(new ArrayList<>()).build();
    assertThrows(ConfigurationException.class, () -> without.vault().unseal("vlt_1"));
    assertThrows(
        ConfigurationException.class,
        () -> without.proxy().outbound("int_1", DatadogEvent.of("t", "x")));
    assertTrue(api.requests.isEmpty(), "nothing is sent without a client key");
  }

  // ---- every operation of docs/openapi.yaml has a method ---------------------------------------

  /** Method, path template and operationId of every operation in docs/openapi.yaml. */
  static Map<String, String[]> openApiOperations() throws IOException {
    String p = System.getProperty("quantaseal.openapi");
    Path file = p != null ? Paths.get(p) : Paths.get("..", "..", "docs", "openapi.yaml");
    Pattern pathLine = Pattern.compile("^  (/\\S+):\\s*$");
    Pattern methodLine = Pattern.compile("^    (get|post|put|patch|delete):\\s*$");
    Pattern opLine = Pattern.compile("^      operationId:\\s*(\\w+)\\s*$");
    Map<String, String[]> ops = new LinkedHashMap<>();
    String path = null;
    String method = null;
    for (String line : Files.readAllLines(file)) {
      Matcher m;
      if ((m = pathLine.matcher(line)).matches()) {
        path = m.group(1);
      } else if ((m = methodLine.matcher(line)).matches()) {
        method = m.group(1).toUpperCase(java.util.Locale.ROOT);
      } else if ((m = opLine.matcher(line)).matches()) {
        ops.put(m.group(1), new String[] {method, path});
      } else if (line.startsWith("components:")) {
        break;
      }
    }
    return ops;
  }

  private Map<String, Consumer<QuantaSealClient>> callsByOperationId() {
    Map<String, Consumer<QuantaSealClient>> c = new LinkedHashMap<>();
    c.put(
        "sealCredential",
        q -> q.vault().seal(SealRequest.builder(CredentialType.API_KEY).value("k").build()));
    c.put("unsealCredential", q -> q.vault().unseal("vlt_1"));
    c.put("listEntries", q -> q.vault().listEntries());
    c.put("getEntry", q -> q.vault().getEntry("vlt_1"));
    c.put("deleteEntry", q -> q.vault().deleteEntry("vlt_1"));
    c.put("rotateEntry", q -> q.vault().rotateEntry("vlt_1", RotateRequest.ofValue("k")));
    c.put("retireVersion", q -> q.vault().retireVersion("vlt_1", 1));
    c.put("registerClientKey", q -> q.encryption().createClientKey());
    c.put("listServerKeys", q -> q.encryption().listServerKeys());
    c.put("listClientKeys", q -> q.encryption().listClientKeys());
    c.put("revokeClientKey", q -> q.encryption().revokeClientKey("ck_1"));
    c.put("createApiKey", q -> q.tenant().createApiKey(CreateApiKeyRequest.builder("ci").build()));
    c.put("listApiKeys", q -> q.tenant().listApiKeys());
    c.put("revokeApiKey", q -> q.tenant().revokeApiKey("key_1"));
    c.put("getCurrentApiKey", q -> q.tenant().currentApiKey());
    c.put("listAuditRecords", q -> q.tenant().listAuditRecords());
    c.put(
        "listAuditCheckpoints",
        q -> q.tenant().listAuditCheckpoints(null, null, PageRequest.first()));
    c.put(
        "createIntegration",
        q ->
            q.integrations()
                .create(
                    CreateIntegrationRequest.builder(
                            "vlt_1", IntegrationConfig.site("datadoghq.com"))
                        .build()));
    c.put("listIntegrations", q -> q.integrations().list());
    c.put("getIntegration", q -> q.integrations().get("int_1"));
    c.put(
        "updateIntegration",
        q ->
            q.integrations().update("int_1", UpdateIntegrationRequest.builder().name("n").build()));
    c.put("deleteIntegration", q -> q.integrations().delete("int_1"));
    c.put("proxyOutbound", q -> q.proxy().outbound("int_1", DatadogEvent.of("t", "x")));
    c.put(
        "createSiemDestination",
        q -> q.siem().createDestination(CreateSiemDestinationRequest.builder("int_1").build()));
    c.put("listSiemDestinations", q -> q.siem().listDestinations());
    c.put("getSiemDestination", q -> q.siem().getDestination("dst_1"));
    c.put("deleteSiemDestination", q -> q.siem().deleteDestination("dst_1"));
    c.put("testSiemDestination", q -> q.siem().testDestination("dst_1"));
    return c;
  }

  @Test
  void everyOperationOfTheOpenApiDocument_hasAMethod_thatSendsItsMethodAndPath()
      throws IOException {
    Map<String, String[]> ops = openApiOperations();
    Map<String, Consumer<QuantaSealClient>> calls = callsByOperationId();
    assertTrue(ops.size() >= 25, "operations read from docs/openapi.yaml: " + ops.keySet());
    java.util.Set<String> missing = new java.util.TreeSet<>(ops.keySet());
    missing.removeAll(calls.keySet());
    java.util.Set<String> gone = new java.util.TreeSet<>(calls.keySet());
    gone.removeAll(ops.keySet());
    assertTrue(
        missing.isEmpty() && gone.isEmpty(),
        "docs/openapi.yaml and the Java client differ: operations without a method "
            + missing
            + " (add them to clients/java and to this map), methods of operations the document"
            + " no longer has "
            + gone);
    for (Map.Entry<String, String[]> op : ops.entrySet()) {
      int requests = api.requests.size();
      int fetches = api.serverKeyFetches.get();
      calls.get(op.getKey()).accept(qs);
      String method = op.getValue()[0];
      String template = op.getValue()[1];
      if (template.equals(ServerKeyCache.PATH)) {
        assertEquals(fetches + 1, api.serverKeyFetches.get(), op.getKey());
        continue;
      }
      assertEquals(requests + 1, api.requests.size(), op.getKey() + " sends one request");
      Request r = last();
      String regex = template.replaceAll("\\{[^}]+}", "[^/]+");
      assertEquals(method, r.method(), op.getKey());
      assertTrue(r.path().matches(regex), op.getKey() + ": " + r.path() + " is not " + template);
    }
  }
}
