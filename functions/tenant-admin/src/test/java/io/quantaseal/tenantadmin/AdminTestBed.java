package io.quantaseal.tenantadmin;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.authorizer.ApiKeyAuthorizerHandler;
import io.quantaseal.authorizer.AuthorizerFunction;
import io.quantaseal.common.api.ApiErrorMapper;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.vault.LocalKeyring;
import io.quantaseal.testsupport.LocalDynamoDb;
import io.quantaseal.testsupport.TestEvents;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Two tenants on DynamoDB Local (the local keyring stands in for KMS: this function only wraps the
 * list-cursor key), and an API-Gateway-like path: the REQUEST authorizer first, then
 * TenantAdminFunction, with events from {@code events/tenant-admin/}.
 */
final class AdminTestBed implements AutoCloseable {
  final LocalDynamoDb db;
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
  final ApiKeyRepository apiKeys;
  final AuditLog audit;
  final String tenantA;
  final String tenantB;

  /** Tenant A's first key: {@code admin} (the operator's first key has it) and client keys. */
  final String adminA;

  /** Tenant A's second key: {@code client_keys:manage} only. */
  final String plainA;

  final String adminB;
  final String adminAId;
  private final ApiKeyAuthorizerHandler authorizer;
  private final TenantAdminHandler handler;
  private final TestEvents events = TestEvents.repo();

  AdminTestBed() {
    this.db = LocalDynamoDb.start();
    QuantaSealConfig config = QuantaSealConfig.from(Map.of());
    TableDefinitions.createMissing(db.client(), config);
    SecureRandom random = new SecureRandom();
    LocalKeyring keyring;
    try (SecretBytes master = SecretBytes.random(32, random)) {
      keyring = LocalKeyring.create(master, random);
    }
    this.apiKeys = new ApiKeyRepository(db.client(), config.apiKeysTable(), config.vaultTable());
    this.audit = new AuditLog(db.client(), config.auditTable(), new Ids(random), clock);
    TenantProvisioning ops = TenantProvisioning.create(db.client(), config, keyring, random, clock);
    this.tenantA = ops.createTenant("Tenant A", "local-a", Optional.empty()).tenantId();
    this.tenantB = ops.createTenant("Tenant B", "local-b", Optional.empty()).tenantId();
    var first = ops.issueApiKey(tenantA, true, Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE));
    this.adminA = first.apiKey();
    this.adminAId = first.apiKeyId();
    this.plainA = ops.issueApiKey(tenantA, true, Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE)).apiKey();
    this.adminB = ops.issueApiKey(tenantB, false, Set.of()).apiKey();
    this.authorizer =
        AuthorizerFunction.builder()
            .config(config)
            .dynamoDb(db.client())
            .random(random)
            .clock(clock)
            .build()
            .handler();
    this.handler =
        TenantAdminFunction.builder()
            .config(config)
            .dynamoDb(db.client())
            .keyring(keyring)
            .random(random)
            .clock(clock)
            .build()
            .handler();
  }

  /** A request built from {@code events/tenant-admin/<file>}. */
  Request request(String eventFile) {
    return new Request(events.apiGateway("tenant-admin/" + eventFile));
  }

  /** A request being changed before it is sent. */
  final class Request {
    private final APIGatewayProxyRequestEvent event;

    Request(APIGatewayProxyRequestEvent event) {
      this.event = event;
      event.setQueryStringParameters(null);
    }

    Request key(String apiKey) {
      Map<String, String> h = new HashMap<>(event.getHeaders());
      h.put("X-API-Key", apiKey);
      event.setHeaders(h);
      return this;
    }

    Request header(String name, String value) {
      Map<String, String> h = new HashMap<>(event.getHeaders());
      h.keySet().removeIf(k -> k.equalsIgnoreCase(name));
      h.put(name, value);
      event.setHeaders(h);
      return this;
    }

    Request query(String name, String value) {
      Map<String, String> q =
          event.getQueryStringParameters() == null
              ? new HashMap<>()
              : new HashMap<>(event.getQueryStringParameters());
      q.put(name, value);
      event.setQueryStringParameters(q);
      return this;
    }

    Request id(String id) {
      event.setPathParameters(Map.of("id", id));
      event.setPath(event.getResource().replace("{id}", id));
      return this;
    }

    Request body(String body) {
      event.setBody(body);
      return this;
    }

    Response send() {
      String apigwRequestId = UUID.randomUUID().toString();
      event.getRequestContext().setRequestId(apigwRequestId);
      APIGatewayCustomAuthorizerEvent authEvent = new APIGatewayCustomAuthorizerEvent();
      authEvent.setType("REQUEST");
      authEvent.setHeaders(event.getHeaders());
      authEvent.setMethodArn(
          "arn:aws:execute-api:us-east-1:123456789012:abc123def4/v2/"
              + event.getHttpMethod()
              + event.getPath());
      APIGatewayCustomAuthorizerEvent.RequestContext rc =
          new APIGatewayCustomAuthorizerEvent.RequestContext();
      rc.setRequestId(apigwRequestId);
      authEvent.setRequestContext(rc);
      IamPolicyResponse policy;
      try {
        policy = authorizer.handleRequest(authEvent, null);
      } catch (RuntimeException e) {
        if (ApiKeyAuthorizerHandler.UNAUTHORIZED.equals(e.getMessage())) {
          return gatewayError(401, "missing_api_key", apigwRequestId);
        }
        throw e;
      }
      Object[] statements = (Object[]) policy.getPolicyDocument().get("Statement");
      if (!"Allow".equals(((Map<?, ?>) statements[0]).get("Effect"))) {
        return gatewayError(403, "invalid_api_key", apigwRequestId);
      }
      Map<String, Object> context = new HashMap<>(policy.getContext());
      context.put("principalId", policy.getPrincipalId());
      event.getRequestContext().setAuthorizer(context);
      APIGatewayProxyResponseEvent out = handler.handleRequest(event, null);
      return new Response(out.getStatusCode(), out.getHeaders(), out.getBody());
    }
  }

  private static Response gatewayError(int status, String code, String requestId) {
    var r = ApiErrorMapper.errorResponse(status, code, "gateway", "req_" + requestId);
    return new Response(r.status(), r.headers(), r.body());
  }

  @Override
  public void close() {
    db.close();
  }

  /** What the caller receives. */
  record Response(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      return Json.parseLenient(body);
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }
  }
}
