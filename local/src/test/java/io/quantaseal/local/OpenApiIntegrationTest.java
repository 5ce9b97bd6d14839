package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.api.ApiException;
import io.quantaseal.common.api.ClientKeyRevokedException;
import io.quantaseal.common.api.CredentialRejectedException;
import io.quantaseal.common.api.IdempotencyConflictException;
import io.quantaseal.common.api.InvalidApiKeyException;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.LastAdminKeyException;
import io.quantaseal.common.api.MissingApiKeyException;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.api.PayloadTooLargeException;
import io.quantaseal.common.api.ResourceInUseException;
import io.quantaseal.common.api.UnsupportedMediaTypeException;
import io.quantaseal.common.api.UpstreamUnreachableException;
import io.quantaseal.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.yaml against the code: it parses, it has exactly the template's routes, its error
 * codes are the service's, and the local API (in process, on a free 127.0.0.1 port) answers every
 * operation, on its happy path and on its documented errors, with a documented status, the
 * documented headers and a body that matches the documented schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIntegrationTest {
  private static final Path ROOT = RepoRoot.find();
  private static final OpenApiSpec SPEC = OpenApiSpec.read(ROOT.resolve("docs/openapi.yaml"));

  @TempDir static Path dataDir;
  private LocalRunner runner;
  private Http http;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> exercised = new TreeSet<>();

  @BeforeAll
  void start() {
    runner =
        LocalRunner.start(
            LocalRunOptions.builder(ROOT)
                .dataDir(dataDir)
                .fakeDatadog(true)
                .unsealKey(true)
                .build(),
            true,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    http = new Http(runner.baseUrl());
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  @Test
  void document_isOpenApi31WithAnApiKeySecurityScheme() {
    JsonNode root = SPEC.root();
    assertEquals("3.1.0", root.path("openapi").asText());
    JsonNode scheme = root.path("components").path("securitySchemes").path("ApiKey");
    assertEquals("header", scheme.path("in").asText());
    assertEquals("X-API-Key", scheme.path("name").asText());
  }

  /**
   * Code generators name an inline object after where it sits ({@code ListEntries200Response},
   * {@code ErrorError}); so every body is a {@code $ref} to components/schemas, and an object with
   * properties or a oneOf only ever stands there, at the top of a named schema.
   */
  @Test
  void document_namesEverySchemaUnderComponents() {
    List<String> inline = new ArrayList<>();
    SPEC.root()
        .path("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fields()
                    .forEachRemaining(
                        m -> {
                          String at = m.getKey() + " " + p.getKey();
                          JsonNode op = m.getValue();
                          checkBody(op.path("requestBody"), at + " request", inline);
                          op.path("responses")
                              .fields()
                              .forEachRemaining(
                                  r -> checkBody(r.getValue(), at + " " + r.getKey(), inline));
                        }));
    SPEC.root()
        .path("components")
        .path("responses")
        .fields()
        .forEachRemaining(r -> checkBody(r.getValue(), "response " + r.getKey(), inline));
    SPEC.root()
        .path("components")
        .path("schemas")
        .fields()
        .forEachRemaining(
            s -> checkNested(s.getValue(), "#/components/schemas/" + s.getKey(), true, inline));
    assertTrue(inline.isEmpty(), "inline schemas that generators would name: " + inline);
  }

  private static void checkBody(JsonNode bodyOrResponse, String at, List<String> inline) {
    JsonNode schema = bodyOrResponse.path("content").path("application/json").path("schema");
    if (!schema.isMissingNode()
        && !schema.path("$ref").asText().startsWith("#/components/schemas/")) {
      inline.add(at);
    }
  }

  private static void checkNested(JsonNode schema, String at, boolean top, List<String> inline) {
    if (schema.has("$ref")) {
      return;
    }
    boolean named =
        schema.has("properties")
            || schema.has("oneOf")
            || schema.has("anyOf")
            || schema.has("allOf");
    if (named && !top) {
      inline.add(at);
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            f -> checkNested(f.getValue(), at + "/properties/" + f.getKey(), false, inline));
    for (String key : List.of("items", "additionalProperties")) {
      if (schema.path(key).isObject()) {
        checkNested(schema.path(key), at + "/" + key, false, inline);
      }
    }
    for (String key : List.of("oneOf", "anyOf", "allOf")) {
      for (int i = 0; i < schema.path(key).size(); i++) {
        checkNested(schema.path(key).get(i), at + "/" + key + "/" + i, false, inline);
      }
    }
  }

  @Test
  void operations_areExactlyTheTemplatesRoutes() {
    Set<String> routes = new TreeSet<>();
    runner.template().routes().forEach(r -> routes.add(r.method() + " " + r.path()));
    assertEquals(routes, new TreeSet<>(SPEC.operations()));
  }

  @Test
  void errorCodes_areTheServicesAndTheGatewaysCodes() throws Exception {
    Set<String> documented = new HashSet<>();
    JsonNode errorBody = SPEC.resolve(SPEC.root().at("/components/schemas/ErrorBody"));
    JsonNode error = SPEC.resolve(errorBody.at("/properties/error"));
    SPEC.resolve(error.at("/properties/code"))
        .path("enum")
        .forEach(c -> documented.add(c.asText()));
    List<ApiException> exceptions =
        List.of(
            new InvalidRequestException("m"),
            new MissingApiKeyException("m"),
            new InvalidApiKeyException("m"),
            new OperationNotAllowedException("m"),
            new NotFoundException("m"),
            new IdempotencyConflictException("m"),
            new ResourceInUseException("m"),
            new PayloadTooLargeException("m"),
            new UnsupportedMediaTypeException("m"),
            new CredentialRejectedException("m"),
            new UpstreamUnreachableException("m"),
            new ClientKeyRevokedException(),
            new LastAdminKeyException());
    Set<String> produced = new TreeSet<>();
    exceptions.forEach(e -> produced.add(e.code()));
    produced.addAll(List.of("rate_limited", "key_unavailable", "internal_error"));
    for (SamTemplate.GatewayResponse g : runner.template().gatewayResponses().values()) {
      String body =
          g.body()
              .replace("$context.requestId", "x")
              .replace("$context.error.messageString", "\"m\"");
      produced.add(LocalJson.mapper().readTree(body).path("error").path("code").asText());
    }
    assertEquals(produced, new TreeSet<>(documented));
  }

  /** Sends a request and checks the answer against the document; returns it. */
  private Http.Answer call(
      String method,
      String template,
      String path,
      String key,
      String body,
      Map<String, String> headers) {
    Http.Answer a = http.send(method, path, key, body, headers);
    String op = method + " " + template;
    exercised.add(op + " " + a.status());
    var response = SPEC.response(method, template, a.status());
    if (response.isEmpty()) {
      problems.add(op + ": status " + a.status() + " is not documented: " + a);
      return a;
    }
    JsonNode r = response.get();
    r.path("headers")
        .fields()
        .forEachRemaining(
            h -> {
              JsonNode header = SPEC.resolve(h.getValue());
              if (header.path("required").asBoolean(false) && a.header(h.getKey()) == null) {
                problems.add(op + " " + a.status() + ": header " + h.getKey() + " missing");
              }
            });
    JsonNode schema = r.path("content").path("application/json").path("schema");
    if (!a.body().isEmpty()) {
      if (schema.isMissingNode()) {
        problems.add(op + " " + a.status() + ": a body where none is documented");
      } else {
        for (String p : SPEC.validate(schema, a.json())) {
          problems.add(op + " " + a.status() + ": " + p);
        }
      }
    }
    return a;
  }

  private Http.Answer call(String method, String template, String path, String key, String body) {
    return call(method, template, path, key, body, Map.of());
  }

  @Test
  void localApi_answersEveryOperationAsDocumented() {
    String key = runner.apiKey();
    String unsealKey = runner.unsealApiKey().orElseThrow();
    String none = "vlt_00000000000000000000000000";

    // authentication, routing and size, as API Gateway answers them
    call("GET", "/api/v2/vault/entries", "/api/v2/vault/entries", null, null);
    call(
        "GET", "/api/v2/vault/entries", "/api/v2/vault/entries", "qs_test_" + "A".repeat(43), null);
    call(
        "POST",
        "/api/v2/vault/seal",
        "/api/v2/vault/seal",
        key,
        "{\"x\":\"" + "a".repeat(LocalApiGateway.MAX_PAYLOAD_BYTES) + "\"}");

    // vault
    String sealBody =
        "{\"credential_type\":\"api_key\",\"name\":\"datadog\",\"values\":{\"api_key\":\"0123456789abcdef0123456789abcdef\"}}";
    Http.Answer sealed =
        call(
            "POST",
            "/api/v2/vault/seal",
            "/api/v2/vault/seal",
            key,
            sealBody,
            Map.of("Idempotency-Key", "seal-1"));
    assertEquals(201, sealed.status(), sealed.toString());
    Http.Answer replay =
        call(
            "POST",
            "/api/v2/vault/seal",
            "/api/v2/vault/seal",
            key,
            sealBody,
            Map.of("Idempotency-Key", "seal-1"));
    assertEquals("true", replay.header("Idempotent-Replayed"));
    assertEquals(
        409,
        call(
                "POST",
                "/api/v2/vault/seal",
                "/api/v2/vault/seal",
                key,
                "{\"credential_type\":\"bearer_token\",\"value\":\"t\"}",
                Map.of("Idempotency-Key", "seal-1"))
            .status());
    call(
        "POST",
        "/api/v2/vault/seal",
        "/api/v2/vault/seal",
        key,
        "{\"credential_type\":\"nope\",\"value\":\"v\"}");
    call("POST", "/api/v2/vault/seal", "/api/v2/vault/seal", key, "not json");
    call(
        "POST",
        "/api/v2/vault/seal",
        "/api/v2/vault/seal",
        key,
        "{\"credential_type\":\"bearer_token\",\"value\":\"" + "t".repeat(70_000) + "\"}");
    String entry = sealed.json().path("vault_entry_id").asText();
    String entryPath = "/api/v2/vault/entries/" + entry;
    call("GET", "/api/v2/vault/entries", "/api/v2/vault/entries", key, null);
    call("GET", "/api/v2/vault/entries/{id}", entryPath, key, null);
    call("GET", "/api/v2/vault/entries/{id}", "/api/v2/vault/entries/" + none, key, null);
    call(
        "POST",
        "/api/v2/vault/entries/{id}/rotate",
        entryPath + "/rotate",
        key,
        "{\"value\":\"fedcba9876543210fedcba9876543210\"}");
    call(
        "DELETE",
        "/api/v2/vault/entries/{id}/versions/{version}",
        entryPath + "/versions/2",
        key,
        null);
    call(
        "DELETE",
        "/api/v2/vault/entries/{id}/versions/{version}",
        entryPath + "/versions/x",
        key,
        null);
    call(
        "DELETE",
        "/api/v2/vault/entries/{id}/versions/{version}",
        entryPath + "/versions/1",
        key,
        null);

    // encryption keys
    ByteArrayOutputStream pub = new ByteArrayOutputStream();
    try {
      ClientTools.newClientKey(
          dataDir.resolve("ck.json"), new PrintStream(pub, true, StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    call(
        "POST",
        "/api/v2/encryption/client-keys",
        "/api/v2/encryption/client-keys",
        key,
        pub.toString(StandardCharsets.UTF_8).trim());
    call(
        "POST",
        "/api/v2/encryption/client-keys",
        "/api/v2/encryption/client-keys",
        key,
        "{\"public_key\":\"AAAA\"}");
    call("GET", "/api/v2/encryption/server-keys", "/api/v2/encryption/server-keys", key, null);

    // unseal
    call(
        "POST",
        "/api/v2/vault/unseal",
        "/api/v2/vault/unseal",
        key,
        "{\"vault_entry_id\":\"" + entry + "\"}");
    call(
        "POST",
        "/api/v2/vault/unseal",
        "/api/v2/vault/unseal",
        unsealKey,
        "{\"vault_entry_id\":\"" + entry + "\"}");
    call(
        "POST",
        "/api/v2/vault/unseal",
        "/api/v2/vault/unseal",
        unsealKey,
        "{\"vault_entry_id\":\"" + none + "\"}");

    // integrations
    String integrationBody =
        "{\"system_type\":\"datadog\",\"name\":\"prod\",\"credential_id\":\""
            + entry
            + "\",\"config\":{\"site\":\"datadoghq.com\"},\"allowed_operations\":[\"send_event\",\"send_metric\",\"send_log\"]}";
    Http.Answer integration =
        call("POST", "/api/v2/integrations", "/api/v2/integrations", key, integrationBody);
    assertEquals(201, integration.status(), integration.toString());
    String integrationId = integration.json().path("integration_id").asText();
    String integrationPath = "/api/v2/integrations/" + integrationId;
    call(
        "POST",
        "/api/v2/integrations",
        "/api/v2/integrations",
        key,
        integrationBody.replace(entry, none));
    call(
        "POST",
        "/api/v2/integrations",
        "/api/v2/integrations",
        key,
        integrationBody.replace("datadoghq.com", "example.com"));
    call("GET", "/api/v2/integrations", "/api/v2/integrations", key, null);
    call("GET", "/api/v2/integrations/{id}", integrationPath, key, null);
    call("PATCH", "/api/v2/integrations/{id}", integrationPath, key, "{\"name\":\"renamed\"}");
    call(
        "GET",
        "/api/v2/integrations/{id}",
        "/api/v2/integrations/int_00000000000000000000000000",
        key,
        null);

    // proxy
    String proxyBody =
        "{\"integration_id\":\""
            + integrationId
            + "\",\"operation\":\"send_event\",\"payload\":{\"title\":\"Deploy finished\",\"text\":\"v1.2.3\"}}";
    Http.Answer proxied =
        call("POST", "/api/v2/proxy/outbound", "/api/v2/proxy/outbound", key, proxyBody);
    assertEquals(202, proxied.status(), proxied.toString());
    call(
        "POST",
        "/api/v2/proxy/outbound",
        "/api/v2/proxy/outbound",
        key,
        "{\"integration_id\":\""
            + integrationId
            + "\",\"operation\":\"send_metric\",\"payload\":{\"metric\":\"qs.test\",\"value\":1}}");
    call(
        "POST",
        "/api/v2/proxy/outbound",
        "/api/v2/proxy/outbound",
        key,
        "{\"integration_id\":\""
            + integrationId
            + "\",\"operation\":\"send_event\",\"payload\":{\"title\":\""
            + "t".repeat(101)
            + "\",\"text\":\"x\"}}");
    call(
        "POST",
        "/api/v2/proxy/outbound",
        "/api/v2/proxy/outbound",
        key,
        proxyBody.replace(integrationId, "int_00000000000000000000000000"));

    // SIEM destinations
    Http.Answer dst =
        call(
            "POST",
            "/api/v2/siem/destinations",
            "/api/v2/siem/destinations",
            key,
            "{\"system_type\":\"datadog\",\"integration_id\":\""
                + integrationId
                + "\",\"streams\":[\"metrics\",\"audit\",\"security_alerts\"]}");
    assertEquals(201, dst.status(), dst.toString());
    String dstPath = "/api/v2/siem/destinations/" + dst.json().path("destination_id").asText();
    call("GET", "/api/v2/siem/destinations", "/api/v2/siem/destinations", key, null);
    Http.Answer status = call("GET", "/api/v2/siem/destinations/{id}", dstPath, key, null);
    assertEquals(0, status.json().path("delivery").path("dead_letter_depth").asInt(-1));
    Http.Answer tested =
        call("POST", "/api/v2/siem/destinations/{id}/test", dstPath + "/test", key, null);
    assertEquals(200, tested.status(), tested.toString());
    assertEquals(true, tested.json().path("delivered").asBoolean(false), tested.toString());
    call(
        "POST",
        "/api/v2/siem/destinations/{id}/test",
        "/api/v2/siem/destinations/dst_00000000000000000000000000/test",
        key,
        null);
    call("DELETE", "/api/v2/siem/destinations/{id}", dstPath, key, null);
    call("DELETE", "/api/v2/siem/destinations/{id}", dstPath, key, null);

    // the tenant's own API keys (the runner's key is the tenant's first: it has admin)
    Http.Answer created =
        call(
            "POST",
            "/api/v2/api-keys",
            "/api/v2/api-keys",
            key,
            "{\"name\":\"openapi\",\"scopes\":[\"client_keys:manage\"]}");
    assertEquals(201, created.status(), created.toString());
    String newKey = created.json().path("api_key").asText();
    String newKeyPath = "/api/v2/api-keys/" + created.json().path("api_key_id").asText();
    call(
        "POST",
        "/api/v2/api-keys",
        "/api/v2/api-keys",
        key,
        "{\"name\":\"x\",\"scopes\":[\"root\"]}");
    call("POST", "/api/v2/api-keys", "/api/v2/api-keys", newKey, "{\"name\":\"x\"}");
    Http.Answer current =
        call("GET", "/api/v2/api-keys/current", "/api/v2/api-keys/current", newKey, null);
    assertEquals("[\"client_keys:manage\"]", current.json().path("scopes").toString());
    call("GET", "/api/v2/api-keys/current", "/api/v2/api-keys/current", key, null);
    call("GET", "/api/v2/api-keys", "/api/v2/api-keys?limit=0", key, null);
    Http.Answer keys = call("GET", "/api/v2/api-keys", "/api/v2/api-keys?limit=200", key, null);
    String adminKeyPath = null;
    for (JsonNode k : keys.json().path("api_keys")) {
      if (k.path("scopes").toString().contains("\"admin\"")) {
        adminKeyPath = "/api/v2/api-keys/" + k.path("api_key_id").asText();
      }
    }
    call("DELETE", "/api/v2/api-keys/{id}", newKeyPath, key, null);
    call(
        "DELETE",
        "/api/v2/api-keys/{id}",
        "/api/v2/api-keys/key_00000000000000000000000000",
        key,
        null);
    assertEquals(409, call("DELETE", "/api/v2/api-keys/{id}", adminKeyPath, key, null).status());

    // client keys: list, a bad cursor, revoke
    Http.Answer clientKeys =
        call(
            "GET",
            "/api/v2/encryption/client-keys",
            "/api/v2/encryption/client-keys?limit=1",
            key,
            null);
    assertEquals(200, clientKeys.status(), clientKeys.toString());
    call(
        "GET",
        "/api/v2/encryption/client-keys",
        "/api/v2/encryption/client-keys?cursor=AAAA",
        key,
        null);
    String rkidPath =
        "/api/v2/encryption/client-keys/"
            + clientKeys.json().path("client_keys").get(0).path("rkid").asText();
    assertEquals(
        200, call("DELETE", "/api/v2/encryption/client-keys/{rkid}", rkidPath, key, null).status());
    call(
        "DELETE",
        "/api/v2/encryption/client-keys/{rkid}",
        "/api/v2/encryption/client-keys/ck_00000000000000000000000000",
        key,
        null);

    // the audit trail
    Http.Answer records = call("GET", "/api/v2/audit", "/api/v2/audit?limit=5", key, null);
    assertEquals(200, records.status(), records.toString());
    call("GET", "/api/v2/audit", "/api/v2/audit?outcome=nope", key, null);
    Http.Answer checkpoints =
        call("GET", "/api/v2/audit/checkpoints", "/api/v2/audit/checkpoints?limit=5", key, null);
    assertEquals(200, checkpoints.status(), checkpoints.toString());
    call("GET", "/api/v2/audit/checkpoints", "/api/v2/audit/checkpoints?from=yesterday", key, null);

    // deleting what is in use, then everything
    call("DELETE", "/api/v2/vault/entries/{id}", entryPath, key, null);
    call("DELETE", "/api/v2/integrations/{id}", integrationPath, key, null);
    call("DELETE", "/api/v2/integrations/{id}", integrationPath, key, null);
    call("DELETE", "/api/v2/vault/entries/{id}", entryPath, key, null);

    System.out.println("OpenAPI conformance, operations and statuses exercised: " + exercised);
    assertTrue(
        problems.isEmpty(),
        "answers that do not match docs/openapi.yaml:\n" + String.join("\n", problems));
    Set<String> operationsSeen = new TreeSet<>();
    exercised.forEach(e -> operationsSeen.add(e.substring(0, e.lastIndexOf(' '))));
    assertEquals(new TreeSet<>(SPEC.operations()), operationsSeen, "every operation exercised");
  }
}
