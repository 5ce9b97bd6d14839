package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.testsupport.RepoRoot;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** template.yaml as the runner reads it, and against the code it deploys. */
class TemplateTest {
  private static final Path ROOT = RepoRoot.find();
  private static final SamTemplate TEMPLATE = SamTemplate.read(ROOT.resolve("template.yaml"));

  @Test
  void authorizer_isTheRequestAuthorizerOnXApiKeyCachedFor60Seconds() {
    SamTemplate.Authorizer a = TEMPLATE.authorizer().orElseThrow();
    assertEquals("AuthorizerFunction", a.functionId());
    assertEquals("X-API-Key", a.identityHeader());
    assertEquals(Duration.ofSeconds(60), a.ttl());
    assertEquals(
        "io.quantaseal.authorizer.ApiKeyAuthorizerHandler",
        TEMPLATE.function("AuthorizerFunction").orElseThrow().handlerClass());
  }

  @Test
  void gatewayResponses_haveTheContractErrorShape() throws Exception {
    Map<String, SamTemplate.GatewayResponse> g = TEMPLATE.gatewayResponses();
    assertEquals(Optional.of(401), g.get("UNAUTHORIZED").status());
    assertEquals(Optional.of(403), g.get("ACCESS_DENIED").status());
    assertEquals(Optional.of(429), g.get("THROTTLED").status());
    assertEquals("1", g.get("THROTTLED").headers().get("Retry-After"));
    Map<String, String> codes =
        Map.of(
            "UNAUTHORIZED", "missing_api_key",
            "ACCESS_DENIED", "invalid_api_key",
            "MISSING_AUTHENTICATION_TOKEN", "not_found",
            "REQUEST_TOO_LARGE", "payload_too_large",
            "THROTTLED", "rate_limited",
            "QUOTA_EXCEEDED", "rate_limited",
            "DEFAULT_4XX", "invalid_request",
            "DEFAULT_5XX", "internal_error");
    for (Map.Entry<String, String> e : codes.entrySet()) {
      String body =
          g.get(e.getKey())
              .body()
              .replace("$context.requestId", "abc")
              .replace("$context.error.messageString", "\"a message\"");
      JsonNode error = LocalJson.mapper().readTree(body).path("error");
      assertEquals(e.getValue(), error.path("code").asText(), e.getKey());
      assertEquals("req_abc", error.path("request_id").asText(), e.getKey());
      assertFalse(error.path("message").asText().isBlank(), e.getKey());
      assertEquals(3, error.size(), e.getKey() + ": code, message, request_id only");
    }
  }

  @Test
  void everyFunction_hasAHandlerOnTheClassPathAndAMakefileTarget() throws Exception {
    assertEquals(
        Set.of(
            "AuthorizerFunction",
            "SealFunction",
            "IntegrationsFunction",
            "ProxyOutboundFunction",
            "SiemPushFunction",
            "SiemDestinationsFunction",
            "TenantAdminFunction",
            "AuditCheckpointFunction"),
        TEMPLATE.functions().keySet());
    for (SamTemplate.Function f : TEMPLATE.functions().values()) {
      Class<?> c = Class.forName(f.handlerClass());
      assertTrue(
          RequestHandler.class.isAssignableFrom(c)
              || RequestStreamHandler.class.isAssignableFrom(c),
          f.logicalId());
      assertTrue(f.handler().endsWith("::handleRequest"), f.handler());
      Path makefile = ROOT.resolve(f.codeUri()).resolve("Makefile");
      String make = java.nio.file.Files.readString(makefile);
      assertTrue(make.contains("build-" + f.logicalId() + ":"), makefile + " lacks a target");
      if (!f.routes().isEmpty()) {
        assertTrue(
            f.timeout().compareTo(Duration.ofSeconds(29)) < 0,
            f.logicalId() + ": an API function must answer within API Gateway's 29 s");
      }
    }
  }

  @Test
  void routes_coverTheContractAndEveryRouteIsAuthorized() {
    Set<String> routes = new HashSet<>();
    for (SamTemplate.Route r : TEMPLATE.routes()) {
      routes.add(r.method() + " " + r.path());
      assertTrue(r.authorized(), r + " must sit behind the authorizer");
    }
    for (String expected :
        List.of(
            "POST /api/v2/vault/seal",
            "POST /api/v2/vault/unseal",
            "GET /api/v2/vault/entries",
            "GET /api/v2/vault/entries/{id}",
            "POST /api/v2/vault/entries/{id}/rotate",
            "DELETE /api/v2/vault/entries/{id}",
            "DELETE /api/v2/vault/entries/{id}/versions/{version}",
            "POST /api/v2/integrations",
            "GET /api/v2/integrations/{id}",
            "PATCH /api/v2/integrations/{id}",
            "DELETE /api/v2/integrations/{id}",
            "POST /api/v2/proxy/outbound",
            "POST /api/v2/encryption/client-keys",
            "GET /api/v2/encryption/server-keys",
            "POST /api/v2/siem/destinations",
            "GET /api/v2/siem/destinations",
            "DELETE /api/v2/siem/destinations/{id}")) {
      assertTrue(routes.contains(expected), "missing " + expected);
    }
  }

  @Test
  void routeMatching_fillsPathParametersFromTemplates() {
    SamTemplate.Route r =
        new SamTemplate.Route("DELETE", "/api/v2/vault/entries/{id}/versions/{version}", "F", true);
    assertEquals(
        Optional.of(Map.of("id", "vlt_1", "version", "2")),
        r.match("/api/v2/vault/entries/vlt_1/versions/2"));
    assertEquals(Optional.empty(), r.match("/api/v2/vault/entries/vlt_1/versions"));
    assertEquals(Optional.empty(), r.match("/api/v2/vault/entries//versions/2"));
  }

  @Test
  void globalsEnvironment_usesOnlyNamesFromEnvironmentNames() throws Exception {
    Set<String> known = new HashSet<>();
    for (Field f : EnvironmentNames.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        known.add((String) f.get(null));
      }
    }
    JsonNode root = SamTemplate.parse(ROOT.resolve("template.yaml"));
    var vars =
        root.path("Globals").path("Function").path("Environment").path("Variables").fieldNames();
    while (vars.hasNext()) {
      String name = vars.next();
      assertTrue(
          known.contains(name) || name.startsWith("POWERTOOLS_"),
          name + " is not in EnvironmentNames");
    }
    for (String required :
        List.of(
            EnvironmentNames.VAULT_TABLE,
            EnvironmentNames.API_KEYS_TABLE,
            EnvironmentNames.AUDIT_TABLE,
            EnvironmentNames.SERVICE_KMS_KEY_ID)) {
      assertTrue(
          root.path("Globals").path("Function").path("Environment").path("Variables").has(required),
          required);
    }
    // No variable chooses a keyring: a deployed function always builds AWS KMS.
    for (JsonNode fn : root.path("Resources")) {
      JsonNode fnVars = fn.path("Properties").path("Environment").path("Variables");
      assertFalse(fnVars.has("QS_KEYRING") || fnVars.has("QS_LOCAL_MASTER_KEY"), fn.toString());
    }
    JsonNode globals = root.path("Globals").path("Function").path("Environment").path("Variables");
    assertFalse(globals.has("QS_KEYRING") || globals.has("QS_LOCAL_MASTER_KEY"));
  }

  /** The tables of the template are exactly those TableDefinitions creates locally. */
  @Test
  void tables_matchTableDefinitions() throws Exception {
    JsonNode resources = SamTemplate.parse(ROOT.resolve("template.yaml")).path("Resources");
    QuantaSealConfig config = QuantaSealConfig.from(Map.of());
    Map<String, String> logicalIds =
        Map.of(
            config.vaultTable(), "VaultTable",
            config.apiKeysTable(), "ApiKeysTable",
            config.auditTable(), "AuditTable");
    List<CreateTableRequest> defs = TableDefinitions.all(config);
    assertEquals(3, defs.size());
    for (CreateTableRequest def : defs) {
      JsonNode t = resources.path(logicalIds.get(def.tableName())).path("Properties");
      assertEquals("PAY_PER_REQUEST", t.path("BillingMode").asText(), def.tableName());
      assertEquals(keys(def.keySchema()), keys(t.path("KeySchema")), def.tableName());
      assertEquals(
          attributes(def.attributeDefinitions()),
          attributes(t.path("AttributeDefinitions")),
          def.tableName());
      String view =
          def.streamSpecification() == null
              ? ""
              : def.streamSpecification().streamViewTypeAsString();
      assertEquals(
          view, t.path("StreamSpecification").path("StreamViewType").asText(""), def.tableName());
      assertTrue(
          t.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean(),
          def.tableName());
      assertEquals("KMS", t.path("SSESpecification").path("SSEType").asText(), def.tableName());
    }
    JsonNode vault =
        resources.path("VaultTable").path("Properties").path("TimeToLiveSpecification");
    assertEquals("expires_at", vault.path("AttributeName").asText());
    assertTrue(vault.path("Enabled").asBoolean());
  }

  private static Map<String, String> keys(List<KeySchemaElement> schema) {
    Map<String, String> m = new LinkedHashMap<>();
    schema.forEach(k -> m.put(k.attributeName(), k.keyTypeAsString()));
    return m;
  }

  private static Map<String, String> keys(JsonNode schema) {
    Map<String, String> m = new LinkedHashMap<>();
    schema.forEach(k -> m.put(k.path("AttributeName").asText(), k.path("KeyType").asText()));
    return m;
  }

  private static Map<String, String> attributes(List<AttributeDefinition> defs) {
    Map<String, String> m = new TreeMap<>();
    defs.forEach(a -> m.put(a.attributeName(), a.attributeTypeAsString()));
    return m;
  }

  private static Map<String, String> attributes(JsonNode defs) {
    Map<String, String> m = new TreeMap<>();
    defs.forEach(a -> m.put(a.path("AttributeName").asText(), a.path("AttributeType").asText()));
    return m;
  }
}
