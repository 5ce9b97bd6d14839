package io.quantaseal.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.TestEvents;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The authorizer on the sample events of {@code events/authorizer/}, on real local engines. */
class ApiKeyAuthorizerHandlerIntegrationTest {
  private static final TestEvents EVENTS = TestEvents.repo();

  private record Bed(
      TenantProvisioning ops,
      AuditLog audit,
      ApiKeyAuthorizerHandler handler,
      String tenant,
      String key,
      String keyId) {}

  private static Bed bed(AwsEngines aws) {
    String svc = aws.kmsClient().createKey(r -> r.description("svc")).keyMetadata().keyId();
    String cmk = aws.kmsClient().createKey(r -> r.description("t")).keyMetadata().keyId();
    QuantaSealConfig config =
        QuantaSealConfig.from(Map.of(EnvironmentNames.SERVICE_KMS_KEY_ID, svc));
    TableDefinitions.createMissing(aws.dynamoDbClient(), config);
    TenantProvisioning ops =
        TenantProvisioning.create(
            aws.dynamoDbClient(),
            config,
            new AwsKmsKeyring(aws.kmsClient()),
            new SecureRandom(),
            Clock.systemUTC());
    String tenant = ops.createTenant("T", cmk, Optional.empty()).tenantId();
    TenantProvisioning.IssuedApiKey k = ops.issueApiKey(tenant, true, Set.of("vault:unseal"));
    AuditLog audit =
        new AuditLog(
            aws.dynamoDbClient(),
            config.auditTable(),
            new Ids(new SecureRandom()),
            Clock.systemUTC());
    ApiKeyAuthorizerHandler handler =
        AuthorizerFunction.builder()
            .config(config)
            .dynamoDb(aws.dynamoDbClient())
            .build()
            .handler();
    return new Bed(ops, audit, handler, tenant, k.apiKey(), k.apiKeyId());
  }

  private static APIGatewayCustomAuthorizerEvent event(String file, String key) {
    APIGatewayCustomAuthorizerEvent e =
        EVENTS.load("authorizer/" + file, APIGatewayCustomAuthorizerEvent.class);
    if (key != null) {
      Map<String, String> h = new HashMap<>(e.getHeaders());
      h.put("x-api-key", key); // header names are case-insensitive
      h.remove("X-API-Key");
      e.setHeaders(h);
    }
    return e;
  }

  private static String effect(IamPolicyResponse p) {
    Object[] statements = (Object[]) p.getPolicyDocument().get("Statement");
    return (String) ((Map<?, ?>) statements[0]).get("Effect");
  }

  @AwsEnginesTest
  void validKey_isAllowed_withTenantAndScopesInContext(AwsEngines aws) {
    Bed b = bed(aws);
    IamPolicyResponse p = b.handler().handleRequest(event("request-with-key.json", b.key()), null);
    assertEquals("Allow", effect(p));
    assertEquals(b.tenant(), p.getContext().get("tenant_id"));
    assertEquals(b.keyId(), p.getContext().get("api_key_id"));
    // The tenant's first key also gets admin (TenantProvisioning.issueApiKey).
    assertEquals("admin vault:unseal", p.getContext().get("scopes"));
    // The tenant's usage-plan key, as API Gateway reads it from the serialised answer.
    assertEquals(
        "qs-usage-" + b.tenant(),
        io.quantaseal.common.json.Json.mapper().valueToTree(p).path("usageIdentifierKey").asText());
    Object[] statements = (Object[]) p.getPolicyDocument().get("Statement");
    assertEquals(
        List.of("arn:aws:execute-api:us-east-1:123456789012:abc123def4/v2/*"),
        List.of((Object[]) ((Map<?, ?>) statements[0]).get("Resource")),
        "one decision for the whole API, so API Gateway can cache it per key");
  }

  @AwsEnginesTest
  void missingOrMalformedKey_isUnauthorized(AwsEngines aws) {
    Bed b = bed(aws);
    for (String file : List.of("request-without-key.json", "request-malformed-key.json")) {
      RuntimeException e =
          assertThrows(
              RuntimeException.class, () -> b.handler().handleRequest(event(file, null), null));
      assertEquals("Unauthorized", e.getMessage());
    }
  }

  @AwsEnginesTest
  void unknownAndRevokedKeys_areDenied_andAudited(AwsEngines aws) {
    Bed b = bed(aws);
    // The sample event's key is well-formed but was never issued.
    assertEquals(
        "Deny", effect(b.handler().handleRequest(event("request-with-key.json", null), null)));
    b.ops().revokeApiKey(b.tenant(), b.keyId());
    assertEquals(
        "Deny", effect(b.handler().handleRequest(event("request-with-key.json", b.key()), null)));

    List<AuditRecord> tenantAudit =
        b.audit().between(b.tenant(), Instant.EPOCH, Instant.now().plusSeconds(5));
    assertTrue(
        tenantAudit.stream()
            .anyMatch(
                r ->
                    r.action().equals("auth.failure")
                        && r.details().get("reason").equals("revoked_api_key")
                        && r.actorKeyId().orElse("").equals(b.keyId())));
    List<AuditRecord> anonymous =
        b.audit().between(AuditLog.NO_TENANT, Instant.EPOCH, Instant.now().plusSeconds(5));
    assertTrue(
        anonymous.stream().anyMatch(r -> "unknown_api_key".equals(r.details().get("reason"))));
  }
}
