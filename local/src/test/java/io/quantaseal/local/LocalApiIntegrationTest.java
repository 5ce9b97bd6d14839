package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.ClientKey;
import io.quantaseal.client.QuantaSealClient;
import io.quantaseal.client.integrations.CreateIntegrationRequest;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.integrations.IntegrationConfig;
import io.quantaseal.client.proxy.DatadogEvent;
import io.quantaseal.client.proxy.ProxyAnswer;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.SealRequest;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local API end to end on 127.0.0.1 (a free port), as the README uses it: API Gateway's
 * behaviour in front (routes, authorizer, gateway responses, request ids, size limit), the
 * functions behind, and the walk-through from sealing a Datadog key to opening the proxy's envelope
 * with the Java client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalApiIntegrationTest {
  private static final String SEAL_BODY =
      "{\"credential_type\":\"api_key\",\"name\":\"datadog-prod\",\"values\":"
          + "{\"api_key\":\"0123456789abcdef0123456789abcdef\"}}";

  @TempDir static Path dataDir;
  private LocalRunner runner;
  private Http http;
  private SamTemplate template;

  @BeforeAll
  void start() {
    runner =
        LocalRunner.start(
            LocalRunOptions.builder(RepoRoot.find())
                .dataDir(dataDir)
                .fakeDatadog(true)
                .unsealKey(true)
                .build(),
            true,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    http = new Http(runner.baseUrl());
    template = runner.template();
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  private String expectedGatewayBody(String type, String apiRequestId) {
    return template.gatewayResponses().get(type).body().replace("$context.requestId", apiRequestId);
  }

  @Test
  void missingKey_is401WithTheUnauthorizedGatewayResponse() {
    Http.Answer a = http.get("/api/v2/vault/entries", null);
    assertEquals(401, a.status());
    assertEquals(expectedGatewayBody("UNAUTHORIZED", a.header("x-amzn-RequestId")), a.body());
    assertEquals("missing_api_key", a.json().path("error").path("code").asText());
    assertEquals("no-store", a.header("Cache-Control"));
  }

  @Test
  void malformedKey_is401_unknownKey_is403() {
    Http.Answer malformed = http.get("/api/v2/vault/entries", "qs_live_short");
    assertEquals(401, malformed.status());
    assertEquals("missing_api_key", malformed.json().path("error").path("code").asText());
    Http.Answer unknown = http.get("/api/v2/vault/entries", "qs_test_" + "A".repeat(43));
    assertEquals(403, unknown.status());
    assertEquals(
        expectedGatewayBody("ACCESS_DENIED", unknown.header("x-amzn-RequestId")), unknown.body());
    assertEquals("invalid_api_key", unknown.json().path("error").path("code").asText());
  }

  @Test
  void unknownRouteOrMethod_is404NotFound() {
    for (Http.Answer a :
        new Http.Answer[] {
          http.get("/api/v2/nothing-here", runner.apiKey()),
          http.send("PUT", "/api/v2/vault/seal", runner.apiKey(), "{}", Map.of()),
          http.get("/not-an-api-path", null)
        }) {
      assertEquals(404, a.status(), a.toString());
      assertEquals("not_found", a.json().path("error").path("code").asText());
    }
    // "/" is the Admin Console's: it sends the browser there (ConsoleSite).
    Http.Answer root = http.get("/", null);
    assertEquals(302, root.status(), root.toString());
    assertEquals("/console/", root.header("Location"));
  }

  @Test
  void requestIds_areApiGatewaysWithTheReqPrefix() {
    Http.Answer a = http.get("/api/v2/encryption/server-keys", runner.apiKey());
    assertEquals(200, a.status(), a.toString());
    assertNotNull(a.header("x-amzn-RequestId"));
    assertEquals("req_" + a.header("x-amzn-RequestId"), a.header("X-Request-Id"));
    Http.Answer err =
        http.get("/api/v2/vault/entries/vlt_00000000000000000000000000", runner.apiKey());
    assertEquals(404, err.status());
    assertEquals(err.header("X-Request-Id"), err.json().path("error").path("request_id").asText());
  }

  @Test
  void everyTemplateRoute_reachesItsFunction() {
    for (SamTemplate.Route r : template.routes()) {
      String path =
          r.path()
              .replace("/vault/entries/{id}", "/vault/entries/vlt_00000000000000000000000000")
              .replace("/integrations/{id}", "/integrations/int_00000000000000000000000000")
              .replace("/destinations/{id}", "/destinations/dst_00000000000000000000000000")
              .replace("/api-keys/{id}", "/api-keys/key_00000000000000000000000000")
              .replace("{rkid}", "ck_00000000000000000000000000")
              .replace("{version}", "1");
      String body = r.method().equals("POST") || r.method().equals("PATCH") ? "{}" : null;
      Http.Answer a = http.send(r.method(), path, runner.apiKey(), body, Map.of());
      assertTrue(a.status() < 500, r + " answered " + a);
      assertFalse(
          a.body().contains("No such route"), r + " did not reach a route of its function: " + a);
      assertTrue(a.header("X-Request-Id").startsWith("req_"), r + ": " + a);
    }
  }

  @Test
  void bodyOverApiGatewaysLimit_is413() {
    String big = "{\"x\":\"" + "a".repeat(LocalApiGateway.MAX_PAYLOAD_BYTES) + "\"}";
    Http.Answer a = http.post("/api/v2/vault/seal", runner.apiKey(), big);
    assertEquals(413, a.status());
    assertEquals("payload_too_large", a.json().path("error").path("code").asText());
  }

  @Test
  void authorizerPolicies_areCachedPerKeyLikeApiGateway() {
    LocalServices services = runner.services();
    TenantProvisioning.IssuedApiKey used = services.issueApiKey(runner.tenantId(), Set.of());
    TenantProvisioning.IssuedApiKey unused = services.issueApiKey(runner.tenantId(), Set.of());
    assertEquals(200, http.get("/api/v2/vault/entries", used.apiKey()).status());
    TenantProvisioning p =
        TenantProvisioning.create(
            services.dynamoDb(),
            services.config(),
            services.keyring(),
            new java.security.SecureRandom(),
            java.time.Clock.systemUTC());
    assertTrue(p.revokeApiKey(runner.tenantId(), used.apiKeyId()));
    assertTrue(p.revokeApiKey(runner.tenantId(), unused.apiKeyId()));
    // API Gateway keeps the Allow for the authorizer's TTL (60 s): a revoked key works until then.
    assertEquals(200, http.get("/api/v2/vault/entries", used.apiKey()).status());
    assertEquals(403, http.get("/api/v2/vault/entries", unused.apiKey()).status());
  }

  /** The README walk-through, step by step, with the same tools. */
  @Test
  void walkThrough_sealRegisterIntegrateProxyAndOpenTheEnvelope() throws Exception {
    String key = runner.apiKey();
    // 1. seal a Datadog key
    Http.Answer sealed = http.post("/api/v2/vault/seal", key, SEAL_BODY);
    assertEquals(201, sealed.status(), sealed.toString());
    String entry = sealed.json().path("vault_entry_id").asText();
    assertFalse(sealed.body().contains("0123456789abcdef"), "the secret is never echoed");

    // 2. register a client key (ML-KEM-768 made by the client tool)
    Path clientKey = dataDir.resolve("client-key.json");
    ByteArrayOutputStream pub = new ByteArrayOutputStream();
    ClientTools.newClientKey(clientKey, new PrintStream(pub, true, StandardCharsets.UTF_8));
    Http.Answer registered =
        http.post("/api/v2/encryption/client-keys", key, pub.toString(StandardCharsets.UTF_8));
    assertEquals(201, registered.status(), registered.toString());
    Path registration = dataDir.resolve("registration.json");
    Files.writeString(registration, registered.body());

    // 3. an integration that may send events
    Http.Answer integration =
        http.post(
            "/api/v2/integrations",
            key,
            "{\"system_type\":\"datadog\",\"name\":\"prod\",\"credential_id\":\""
                + entry
                + "\",\"config\":{\"site\":\"datadoghq.com\"},\"allowed_operations\":[\"send_event\"]}");
    assertEquals(201, integration.status(), integration.toString());
    String integrationId = integration.json().path("integration_id").asText();

    // 4. an event through the proxy, to the loopback Datadog
    Http.Answer proxied =
        http.post(
            "/api/v2/proxy/outbound",
            key,
            "{\"integration_id\":\""
                + integrationId
                + "\",\"operation\":\"send_event\",\"payload\":{\"title\":\"Deploy finished\","
                + "\"text\":\"v1.2.3 is live\",\"tags\":[\"env:dev\"]}}");
    assertEquals(202, proxied.status(), proxied.toString());
    assertEquals("upstream", proxied.header("X-QS-Source"));
    assertTrue(
        runner.datadog().orElseThrow().requests().stream()
            .anyMatch(
                r ->
                    r.path().equals("/api/v1/events")
                        && r.jsonOrNull().path("title").asText().equals("Deploy finished")));

    // a send_metric is not in allowed_operations: refused before anything is sent
    Http.Answer denied =
        http.post(
            "/api/v2/proxy/outbound",
            key,
            "{\"integration_id\":\""
                + integrationId
                + "\",\"operation\":\"send_metric\",\"payload\":{\"metric\":\"m\",\"value\":1}}");
    assertEquals(403, denied.status(), denied.toString());
    assertEquals("operation_not_allowed", denied.json().path("error").path("code").asText());

    // 5. open the envelope with the client: verify both signatures, decrypt
    Path serverKeys = dataDir.resolve("server-keys.json");
    Files.writeString(serverKeys, http.get("/api/v2/encryption/server-keys", key).body());
    Path envelope = dataDir.resolve("envelope.json");
    Files.writeString(envelope, proxied.body());
    ByteArrayOutputStream opened = new ByteArrayOutputStream();
    ClientTools.openEnvelope(
        clientKey,
        registration,
        serverKeys,
        envelope.toString(),
        System.in,
        new PrintStream(opened, true, StandardCharsets.UTF_8));
    JsonNode plaintext = LocalJson.mapper().readTree(opened.toString(StandardCharsets.UTF_8));
    assertEquals(integrationId, plaintext.path("integration_id").asText());
    assertEquals(202, plaintext.path("upstream").path("status").asInt());
    assertEquals(
        "Deploy finished",
        plaintext.path("upstream").path("body").path("event").path("title").asText());

    // unseal: denied by default, allowed with vault:unseal, and the envelope holds the values
    Http.Answer noScope =
        http.post("/api/v2/vault/unseal", key, "{\"vault_entry_id\":\"" + entry + "\"}");
    assertEquals(403, noScope.status());
    assertEquals("operation_not_allowed", noScope.json().path("error").path("code").asText());
    // The unseal key's envelopes go only to a client key it registered itself.
    String unsealKey = runner.unsealApiKey().orElseThrow();
    Http.Answer noOwnKey =
        http.post("/api/v2/vault/unseal", unsealKey, "{\"vault_entry_id\":\"" + entry + "\"}");
    assertEquals(400, noOwnKey.status(), noOwnKey.toString());
    Http.Answer otherKeys =
        http.post(
            "/api/v2/vault/unseal",
            unsealKey,
            "{\"vault_entry_id\":\""
                + entry
                + "\",\"rkid\":\""
                + registered.json().path("rkid").asText()
                + "\"}");
    assertEquals(403, otherKeys.status(), otherKeys.toString());
    Path unsealClientKey = dataDir.resolve("unseal-client-key.json");
    ByteArrayOutputStream unsealPub = new ByteArrayOutputStream();
    ClientTools.newClientKey(
        unsealClientKey, new PrintStream(unsealPub, true, StandardCharsets.UTF_8));
    Http.Answer unsealRegistered =
        http.post(
            "/api/v2/encryption/client-keys",
            unsealKey,
            unsealPub.toString(StandardCharsets.UTF_8));
    assertEquals(201, unsealRegistered.status(), unsealRegistered.toString());
    Path unsealRegistration = dataDir.resolve("unseal-registration.json");
    Files.writeString(unsealRegistration, unsealRegistered.body());
    Http.Answer unsealed =
        http.post("/api/v2/vault/unseal", unsealKey, "{\"vault_entry_id\":\"" + entry + "\"}");
    assertEquals(200, unsealed.status(), unsealed.toString());
    Files.writeString(envelope, unsealed.body());
    ByteArrayOutputStream values = new ByteArrayOutputStream();
    ClientTools.openEnvelope(
        unsealClientKey,
        unsealRegistration,
        serverKeys,
        envelope.toString(),
        System.in,
        new PrintStream(values, true, StandardCharsets.UTF_8));
    assertEquals(
        "0123456789abcdef0123456789abcdef",
        LocalJson.mapper()
            .readTree(values.toString(StandardCharsets.UTF_8))
            .path("values")
            .path("api_key")
            .asText());
  }

  /**
   * Issue 10, items 4 and 5, over HTTP: the bytes sent reach the function (BinaryMediaTypes * / *),
   * which refuses invalid UTF-8 (400) and a body not sent as application/json (415); nothing is
   * stored either way, and valid UTF-8 is stored exactly.
   */
  @Test
  void bodies_invalidUtf8Is400_notJsonIs415_nothingStored() {
    String key = runner.apiKey();
    int before = http.get("/api/v2/vault/entries", key).json().path("entries").size();
    byte[] prefix =
        "{\"credential_type\":\"bearer_token\",\"value\":\"X".getBytes(StandardCharsets.UTF_8);
    byte[] invalid = new byte[prefix.length + 3];
    System.arraycopy(prefix, 0, invalid, 0, prefix.length);
    invalid[prefix.length] = (byte) 0xff;
    invalid[prefix.length + 1] = '"';
    invalid[prefix.length + 2] = '}';
    Http.Answer notUtf8 =
        http.sendBytes(
            "POST", "/api/v2/vault/seal", key, invalid, Map.of("Content-Type", "application/json"));
    assertEquals(400, notUtf8.status(), notUtf8.toString());
    assertEquals("invalid_request", notUtf8.json().path("error").path("code").asText());
    assertTrue(notUtf8.body().contains("UTF-8"), notUtf8.toString());

    byte[] valid =
        "{\"credential_type\":\"bearer_token\",\"value\":\"X\u00e9\ud83d\udd10\"}"
            .getBytes(StandardCharsets.UTF_8);
    for (Map<String, String> headers :
        List.of(
            Map.of("Content-Type", "text/plain"),
            Map.of("Content-Type", "application/x-www-form-urlencoded"),
            Map.of("Content-Type", "multipart/form-data; boundary=x"),
            Map.of("Content-Type", "application/xml"),
            Map.<String, String>of())) {
      Http.Answer r = http.sendBytes("POST", "/api/v2/vault/seal", key, valid, headers);
      assertEquals(415, r.status(), headers + ": " + r);
      assertEquals("unsupported_media_type", r.json().path("error").path("code").asText());
      assertTrue(r.json().path("error").path("request_id").asText().startsWith("req_"));
    }
    assertEquals(before, http.get("/api/v2/vault/entries", key).json().path("entries").size());

    Http.Answer ok =
        http.sendBytes(
            "POST",
            "/api/v2/vault/seal",
            key,
            valid,
            Map.of("Content-Type", "application/json; charset=utf-8"));
    assertEquals(201, ok.status(), ok.toString());
    var entry =
        new io.quantaseal.common.store.VaultEntryRepository(
                runner.services().dynamoDb(), runner.services().config().vaultTable())
            .find(runner.tenantId(), ok.json().path("vault_entry_id").asText())
            .orElseThrow();
    assertEquals(
        "X\u00e9\ud83d\udd10",
        io.quantaseal.common.vault.SealingKeys.create(
                runner.services().keyring(),
                new io.quantaseal.common.store.TenantRepository(
                    runner.services().dynamoDb(), runner.services().config().vaultTable()),
                runner.services().config(),
                new java.security.SecureRandom(),
                java.time.Clock.systemUTC())
            .vault(
                new io.quantaseal.common.store.VaultEntryRepository(
                    runner.services().dynamoDb(), runner.services().config().vaultTable()),
                java.time.Clock.systemUTC())
            .open(entry)
            .get("token")
            .orElseThrow());
  }

  /**
   * The Java client against the local API: it registers its client key with its own API key, names
   * it in every unseal and proxy request and accepts only envelopes bound to the answer (rid =
   * X-Request-Id, rkid = its key).
   */
  @Test
  void javaClient_namesItsClientKey_andOpensOnlyAnswersBoundToTheRequest() {
    String apiKey =
        runner
            .services()
            .issueApiKey(
                runner.tenantId(),
                Set.of(Caller.SCOPE_VAULT_UNSEAL, Caller.SCOPE_CLIENT_KEYS_MANAGE))
            .apiKey();
    QuantaSealClient qs = QuantaSealClient.builder(runner.baseUrl(), apiKey).build();
    ClientKey key = qs.encryption().createClientKey();
    qs = qs.withClientKey(key);
    String entry =
        qs.vault()
            .seal(
                SealRequest.builder(CredentialType.API_KEY)
                    .name("client-test")
                    .values(Map.of("api_key", "0123456789abcdef0123456789abcdef"))
                    .build())
            .vaultEntryId();
    assertEquals("0123456789abcdef0123456789abcdef", qs.vault().unseal(entry).value("api_key"));
    String integration =
        qs.integrations()
            .create(
                CreateIntegrationRequest.builder(entry, IntegrationConfig.site("datadoghq.com"))
                    .name("client-test")
                    .allowedOperations(List.of(DatadogOperation.SEND_EVENT))
                    .build())
            .integrationId();
    ProxyAnswer r = qs.proxy().outbound(integration, DatadogEvent.of("t", "x"));
    assertEquals(202, r.httpStatus());
    assertEquals(202, r.upstream().status());
    assertTrue(r.requestId().startsWith("req_"));
    assertEquals(integration, r.integrationId());
  }

  @Test
  void firstAndLaterInvocationsInProcess_areMeasured() {
    for (int i = 0; i < 3; i++) {
      assertEquals(200, http.get("/api/v2/encryption/server-keys", runner.apiKey()).status());
      assertEquals(200, http.get("/api/v2/vault/entries", runner.apiKey()).status());
    }
    Map<String, Duration> cold = runner.coldStarts();
    Map<String, Duration> warm = runner.warmInvocations();
    assertTrue(
        cold.containsKey("AuthorizerFunction") && cold.containsKey("SealFunction"),
        cold.toString());
    assertTrue(warm.containsKey("SealFunction"), warm.toString());
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    StringBuilder sb = new StringBuilder("in-process invocations (first / latest later):");
    cold.forEach(
        (f, d) ->
            sb.append(
                String.format(
                    " %s %d/%d ms;",
                    f, d.toMillis(), warm.getOrDefault(f, Duration.ZERO).toMillis())));
    System.out.println(
        sb + " heap in use after GC: " + usedMb + " MB (all functions, DynamoDB Local)");
  }
}
