package io.quantaseal.integrations;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.authorizer.ApiKeyAuthorizerHandler;
import io.quantaseal.authorizer.AuthorizerFunction;
import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.api.ApiErrorMapper;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.seal.SealHandler;
import io.quantaseal.testsupport.LocalEngines;
import io.quantaseal.testsupport.TestEvents;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real local engines (DynamoDB Local in process + moto KMS), a fake Datadog on loopback, two
 * tenants (each with its own KMS key created in moto), and an API-Gateway-like path: the REQUEST
 * authorizer, then the function, driven by the sample events of {@code events/}.
 */
public class Harness implements AutoCloseable {
  /** A tenant and its API key. */
  public record Tenant(String id, String apiKey) {}

  /** What the caller receives. */
  public record Response(int status, Map<String, String> headers, String body) {
    public JsonNode json() {
      return Json.parseLenient(body);
    }

    public String errorCode() {
      return json().path("error").path("code").asText();
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }
  }

  public final LocalEngines aws;
  public final FakeDatadog datadog;
  public final ServiceContext ctx;
  public final AwsKmsKeyring kms;
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  public final DatadogClient client;
  public final Tenant a;
  public final Tenant b;
  public final SealHandler seal;
  public final IntegrationsHandler integrations;
  private final ApiKeyAuthorizerHandler authorizer;
  private final TestEvents events = TestEvents.repo();
  protected final SecureRandom random = new SecureRandom();

  public Harness() {
    this(Clock.systemUTC());
  }

  /** With the clock every service reads (a test's fake clock). */
  public Harness(Clock clock) {
    this.aws = LocalEngines.start();
    this.datadog = FakeDatadog.start();
    String serviceKey = createKmsKey("quantaseal service");
    QuantaSealConfig config =
        QuantaSealConfig.from(
            Map.of(
                EnvironmentNames.SERVICE_KMS_KEY_ID,
                serviceKey,
                EnvironmentNames.DATADOG_BASE_URL_OVERRIDE,
                datadog.baseUrl().toString()));
    TableDefinitions.createMissing(aws.dynamoDbClient(), config);
    this.kms = new AwsKmsKeyring(aws.kmsClient());
    this.ctx = new ServiceContext(config, aws.dynamoDbClient(), kms, new SecureRandom(), clock);
    TenantProvisioning ops =
        TenantProvisioning.create(
            aws.dynamoDbClient(), config, ctx.keyring(), new SecureRandom(), clock);
    String tenantA =
        ops.createTenant("Tenant A", createKmsKey("tenant A"), Optional.empty()).tenantId();
    String tenantB =
        ops.createTenant("Tenant B", createKmsKey("tenant B"), Optional.empty()).tenantId();
    // Application keys: they may register the client keys their proxy answers are sealed to.
    Set<String> scopes = Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE);
    this.a = new Tenant(tenantA, ops.issueApiKey(tenantA, false, scopes).apiKey());
    this.b = new Tenant(tenantB, ops.issueApiKey(tenantB, false, scopes).apiKey());
    this.client = DatadogClient.builder(config).sleeper(sleeps::add).build();
    this.authorizer =
        AuthorizerFunction.builder()
            .config(config)
            .dynamoDb(aws.dynamoDbClient())
            .build()
            .handler();
    this.seal = new SealHandler(ctx);
    this.integrations = new IntegrationsHandler(ctx, client, Duration.ofMillis(500));
  }

  public String createKmsKey(String description) {
    return aws.kmsClient().createKey(r -> r.description(description)).keyMetadata().keyId();
  }

  /** A fresh Datadog API key (32 hex characters, like Datadog's). */
  public String newDatadogKey(boolean knownToDatadog) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    String key = HexFormat.of().formatHex(b);
    if (knownToDatadog) {
      datadog.addApiKey(key);
    }
    return key;
  }

  // ---- calls through the authorizer ---------------------------------------------------------

  /** A request built from {@code events/<file>}, with this key, path parameters, body, headers. */
  public Response call(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
      String eventFile,
      String apiKey,
      Map<String, String> pathParameters,
      String body,
      Map<String, String> extraHeaders,
      Context context) {
    return call(function, eventFile, apiKey, pathParameters, null, body, extraHeaders, context);
  }

  /** As above, with query string parameters. */
  public Response call(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
      String eventFile,
      String apiKey,
      Map<String, String> pathParameters,
      Map<String, String> query,
      String body,
      Map<String, String> extraHeaders,
      Context context) {
    APIGatewayProxyRequestEvent event = events.apiGateway(eventFile);
    if (query != null) {
      event.setQueryStringParameters(query);
    }
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.put("X-API-Key", apiKey);
    headers.putAll(extraHeaders);
    event.setHeaders(headers);
    if (pathParameters != null) {
      event.setPathParameters(pathParameters);
      String path = event.getResource();
      for (Map.Entry<String, String> p : pathParameters.entrySet()) {
        path = path.replace("{" + p.getKey() + "}", p.getValue());
      }
      event.setPath(path);
    }
    if (body != null) {
      event.setBody(body);
    }
    String apigwRequestId = UUID.randomUUID().toString();
    event.getRequestContext().setRequestId(apigwRequestId);

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
    Map<String, Object> authContext = new HashMap<>(policy.getContext());
    authContext.put("principalId", policy.getPrincipalId());
    event.getRequestContext().setAuthorizer(authContext);
    APIGatewayProxyResponseEvent out = function.handleRequest(event, context);
    return new Response(out.getStatusCode(), out.getHeaders(), out.getBody());
  }

  public Response call(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
      String eventFile,
      Tenant t,
      Map<String, String> pathParameters,
      String body) {
    return call(function, eventFile, t.apiKey(), pathParameters, body, Map.of(), null);
  }

  private static Response gatewayError(int status, String code, String requestId) {
    var r = ApiErrorMapper.errorResponse(status, code, "gateway", "req_" + requestId);
    return new Response(r.status(), r.headers(), r.body());
  }

  /** The sample event's body as an object, to change before sending. */
  public ObjectNode body(String eventFile) {
    return Json.parseObject(events.apiGateway(eventFile).getBody());
  }

  // ---- steps ----------------------------------------------------------------------------------

  /** Seals a Datadog API key for {@code t} (events/seal/seal-api-key.json); the entry id. */
  public String sealDatadogKey(Tenant t, String apiKey) {
    ObjectNode body = body("seal/seal-api-key.json");
    ((ObjectNode) body.get("values")).put("api_key", apiKey);
    Response r = call(seal, "seal/seal-api-key.json", t, null, body.toString());
    if (r.status() != 201) {
      throw new AssertionError("seal failed: " + r.status() + " " + r.body());
    }
    return r.json().get("vault_entry_id").asText();
  }

  /** Seals a bearer token (not an api_key) for {@code t}; the entry id. */
  public String sealBearerToken(Tenant t) {
    Response r = call(seal, "seal/seal-bearer-token.json", t, null, null);
    if (r.status() != 201) {
      throw new AssertionError("seal failed: " + r.status() + " " + r.body());
    }
    return r.json().get("vault_entry_id").asText();
  }

  /** Rotates {@code entryId} to {@code apiKey} (events/seal/rotate-entry.json). */
  public void rotate(Tenant t, String entryId, String apiKey) {
    ObjectNode body = Json.newObject();
    body.putObject("values").put("api_key", apiKey);
    Response r = call(seal, "seal/rotate-entry.json", t, Map.of("id", entryId), body.toString());
    if (r.status() != 200) {
      throw new AssertionError("rotate failed: " + r.status() + " " + r.body());
    }
  }

  /** POST /api/v2/integrations from events/integrations/create-integration.json. */
  public Response createIntegration(Tenant t, String credentialId, String site, List<String> ops) {
    ObjectNode body = body("integrations/create-integration.json");
    body.put("credential_id", credentialId);
    ((ObjectNode) body.get("config")).put("site", site);
    var arr = body.putArray("allowed_operations");
    ops.forEach(arr::add);
    return call(
        integrations,
        "integrations/create-integration.json",
        t.apiKey(),
        null,
        body.toString(),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()),
        null);
  }

  /** Audit records of {@code t} so far. */
  public List<AuditRecord> audit(Tenant t) {
    return ctx.audit().between(t.id(), Instant.EPOCH, ctx.clock().instant().plusSeconds(60));
  }

  /** A Lambda context whose remaining time starts at {@code remaining}. */
  public static Context lambdaContext(Duration remaining) {
    long end = System.nanoTime() + remaining.toNanos();
    return new Context() {
      @Override
      public String getAwsRequestId() {
        return "8f5e7c4a-1111-4c2b-9d3e-1234567890ab";
      }

      @Override
      public String getLogGroupName() {
        return "/aws/lambda/quantaseal-test";
      }

      @Override
      public String getLogStreamName() {
        return "2026/11/26/[$LATEST]test";
      }

      @Override
      public String getFunctionName() {
        return "quantaseal-test";
      }

      @Override
      public String getFunctionVersion() {
        return "$LATEST";
      }

      @Override
      public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:quantaseal-test";
      }

      @Override
      public CognitoIdentity getIdentity() {
        return null;
      }

      @Override
      public ClientContext getClientContext() {
        return null;
      }

      @Override
      public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (end - System.nanoTime()) / 1_000_000);
      }

      @Override
      public int getMemoryLimitInMB() {
        return 1024;
      }

      @Override
      public LambdaLogger getLogger() {
        return null;
      }
    };
  }

  @Override
  public void close() {
    try {
      datadog.close();
    } finally {
      aws.close();
    }
  }
}
