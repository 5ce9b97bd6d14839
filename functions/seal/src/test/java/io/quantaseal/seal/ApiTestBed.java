package io.quantaseal.seal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.authorizer.ApiKeyAuthorizerHandler;
import io.quantaseal.authorizer.AuthorizerFunction;
import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.api.ApiErrorMapper;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.TestEvents;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Two tenants on real local engines (DynamoDB Local + moto KMS), each with its own KMS key, and an
 * API-Gateway-like path: the REQUEST authorizer first, then SealFunction, with events from {@code
 * events/seal/}.
 */
final class ApiTestBed {
  final AwsEngines aws;
  final ServiceContext ctx;
  final String cmkA;
  final String cmkB;
  final String tenantA;
  final String tenantB;

  /** Application keys: may register client keys ({@code client_keys:manage}). */
  final String keyA;

  /** {@code vault:unseal} and {@code client_keys:manage}. */
  final String keyAUnseal;

  /** A key of tenant A with no scope at all. */
  final String keyAPlain;

  final String keyB;
  final String keyBUnseal;
  private final ApiKeyAuthorizerHandler authorizer;
  private final SealHandler seal;
  private final TestEvents events = TestEvents.repo();

  ApiTestBed(AwsEngines aws, Duration keyCacheTtl) {
    this(aws, keyCacheTtl, Clock.systemUTC());
  }

  /** With the clock every service reads (a test's fake clock). */
  ApiTestBed(AwsEngines aws, Duration keyCacheTtl, Clock clock) {
    this.aws = aws;
    String serviceKey = createKey("quantaseal service");
    this.cmkA = createKey("tenant A");
    this.cmkB = createKey("tenant B");
    QuantaSealConfig config =
        QuantaSealConfig.from(
            Map.of(
                EnvironmentNames.SERVICE_KMS_KEY_ID,
                serviceKey,
                EnvironmentNames.KEY_CACHE_TTL_SECONDS,
                Long.toString(keyCacheTtl.getSeconds())));
    TableDefinitions.createMissing(aws.dynamoDbClient(), config);
    this.ctx =
        new ServiceContext(
            config,
            aws.dynamoDbClient(),
            new AwsKmsKeyring(aws.kmsClient()),
            new SecureRandom(),
            clock);
    TenantProvisioning ops =
        TenantProvisioning.create(
            aws.dynamoDbClient(), config, ctx.keyring(), new SecureRandom(), clock);
    this.tenantA = ops.createTenant("Tenant A", cmkA, java.util.Optional.empty()).tenantId();
    this.tenantB = ops.createTenant("Tenant B", cmkB, java.util.Optional.empty()).tenantId();
    Set<String> app = Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE);
    Set<String> unseal = Set.of(Caller.SCOPE_VAULT_UNSEAL, Caller.SCOPE_CLIENT_KEYS_MANAGE);
    this.keyA = ops.issueApiKey(tenantA, false, app).apiKey();
    this.keyAUnseal = ops.issueApiKey(tenantA, false, unseal).apiKey();
    this.keyAPlain = ops.issueApiKey(tenantA, false, Set.of()).apiKey();
    this.keyB = ops.issueApiKey(tenantB, false, app).apiKey();
    this.keyBUnseal = ops.issueApiKey(tenantB, false, unseal).apiKey();
    this.authorizer =
        AuthorizerFunction.builder()
            .config(config)
            .dynamoDb(aws.dynamoDbClient())
            .build()
            .handler();
    this.seal = new SealHandler(ctx);
  }

  private String createKey(String description) {
    return aws.kmsClient().createKey(r -> r.description(description)).keyMetadata().keyId();
  }

  /** A request built from {@code events/seal/<file>}, with this key, path parameters and body. */
  Response call(String eventFile, String apiKey, Map<String, String> pathParameters, String body) {
    return call(eventFile, apiKey, pathParameters, body, Map.of());
  }

  Response callWithHeaders(
      String eventFile, String apiKey, Map<String, String> extraHeaders, String body) {
    return call(eventFile, apiKey, null, body, extraHeaders);
  }

  /**
   * A request whose body is {@code rawBody} as API Gateway passes it with BinaryMediaTypes {@code
   * *}{@code /*} (base64), and whose {@code Content-Type} is {@code contentType} (null: none).
   */
  Response callRaw(
      String eventFile,
      String apiKey,
      Map<String, String> pathParameters,
      String contentType,
      byte[] rawBody) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", contentType);
    return call(
        eventFile,
        apiKey,
        pathParameters,
        java.util.Base64.getEncoder().encodeToString(rawBody),
        headers,
        true);
  }

  private Response call(
      String eventFile,
      String apiKey,
      Map<String, String> pathParameters,
      String body,
      Map<String, String> extraHeaders) {
    return call(eventFile, apiKey, pathParameters, body, extraHeaders, false);
  }

  private Response call(
      String eventFile,
      String apiKey,
      Map<String, String> pathParameters,
      String body,
      Map<String, String> extraHeaders,
      boolean base64) {
    APIGatewayProxyRequestEvent event = events.apiGateway("seal/" + eventFile);
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    extraHeaders.forEach(
        (k, v) -> {
          headers.keySet().removeIf(h -> h.equalsIgnoreCase(k));
          if (v != null) {
            headers.put(k, v);
          }
        });
    event.setIsBase64Encoded(base64);
    if (apiKey == null) {
      headers.remove("X-API-Key");
    } else {
      headers.put("X-API-Key", apiKey);
    }
    event.setHeaders(headers);
    if (pathParameters != null) {
      event.setPathParameters(pathParameters);
    }
    if (body != null) {
      event.setBody(body);
    }
    String apigwRequestId = UUID.randomUUID().toString();
    event.getRequestContext().setRequestId(apigwRequestId);

    // 1. The authorizer, as API Gateway would call it.
    APIGatewayCustomAuthorizerEvent authEvent = new APIGatewayCustomAuthorizerEvent();
    authEvent.setType("REQUEST");
    authEvent.setHeaders(headers);
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
    // 2. The function, with the authorizer's context.
    Map<String, Object> context = new HashMap<>(policy.getContext());
    context.put("principalId", policy.getPrincipalId());
    event.getRequestContext().setAuthorizer(context);
    APIGatewayProxyResponseEvent out = seal.handleRequest(event, null);
    return new Response(out.getStatusCode(), out.getHeaders(), out.getBody());
  }

  Response call(String eventFile, String apiKey) {
    return call(eventFile, apiKey, null, null);
  }

  private static Response gatewayError(int status, String code, String requestId) {
    var r = ApiErrorMapper.errorResponse(status, code, "gateway", "req_" + requestId);
    return new Response(r.status(), r.headers(), r.body());
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
