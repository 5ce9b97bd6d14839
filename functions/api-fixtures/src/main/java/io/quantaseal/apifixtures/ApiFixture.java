package io.quantaseal.apifixtures;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.authorizer.AuthorizerFunction;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.seal.SealFunction;
import io.quantaseal.seal.SealHandler;
import io.quantaseal.testsupport.LocalEngines;
import io.quantaseal.testsupport.TestEvents;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Request;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The API tests' fixture (integrations, proxy-outbound): real local engines (DynamoDB Local in
 * process + moto KMS), a fake Datadog on loopback, two tenants (each with its own KMS key created
 * in moto), and the API path of {@link ApiGatewayTestClient} (the REQUEST authorizer, then the
 * function), driven by the sample events of {@code events/}. The repositories are the tests' own
 * view of the tables.
 */
public class ApiFixture implements AutoCloseable {
  /** A tenant and its API key. */
  public record Tenant(String id, String apiKey) {}

  public final LocalEngines aws;
  public final FakeDatadog datadog;
  public final QuantaSealConfig config;
  public final Clock clock;
  public final AwsKmsKeyring kms;
  public final TenantProvisioning provisioning;
  public final IntegrationRepository integrationRecords;
  public final SiemDestinationRepository siemDestinations;
  public final AuditLog auditLog;
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  public final DatadogClient client;
  public final Tenant a;
  public final Tenant b;
  public final SealHandler seal;

  /** IntegrationsFunction, as the test module builds it on this fixture. */
  public final RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>
      integrations;

  private final ApiGatewayTestClient api;
  protected final SecureRandom random = new SecureRandom();

  /**
   * @param clock the clock every service reads (a test's fake clock)
   * @param integrations builds IntegrationsFunction on this fixture (its config, engines, keyring,
   *     Datadog client and clock)
   */
  protected ApiFixture(
      Clock clock,
      Function<
              ApiFixture, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>>
          integrations) {
    this.aws = LocalEngines.start();
    this.datadog = FakeDatadog.start();
    this.clock = clock;
    String serviceKey = createKmsKey("quantaseal service");
    this.config =
        QuantaSealConfig.from(
            Map.of(
                EnvironmentNames.SERVICE_KMS_KEY_ID,
                serviceKey,
                EnvironmentNames.DATADOG_BASE_URL_OVERRIDE,
                datadog.baseUrl().toString()));
    var dynamo = aws.dynamoDbClient();
    TableDefinitions.createMissing(dynamo, config);
    this.kms = new AwsKmsKeyring(aws.kmsClient());
    this.provisioning = TenantProvisioning.create(dynamo, config, kms, new SecureRandom(), clock);
    this.integrationRecords = new IntegrationRepository(dynamo, config.vaultTable());
    this.siemDestinations = new SiemDestinationRepository(dynamo, config.vaultTable());
    this.auditLog = new AuditLog(dynamo, config.auditTable(), new Ids(random), clock);
    String tenantA =
        provisioning
            .createTenant("Tenant A", createKmsKey("tenant A"), Optional.empty())
            .tenantId();
    String tenantB =
        provisioning
            .createTenant("Tenant B", createKmsKey("tenant B"), Optional.empty())
            .tenantId();
    // Application keys: they may register the client keys their proxy answers are sealed to.
    Set<String> scopes = Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE);
    this.a = new Tenant(tenantA, provisioning.issueApiKey(tenantA, false, scopes).apiKey());
    this.b = new Tenant(tenantB, provisioning.issueApiKey(tenantB, false, scopes).apiKey());
    this.client = DatadogClient.builder(config).sleeper(sleeps::add).build();
    this.api =
        new ApiGatewayTestClient(
            AuthorizerFunction.builder()
                .config(config)
                .dynamoDb(dynamo)
                .clock(clock)
                .build()
                .handler(),
            TestEvents.repo());
    this.seal =
        SealFunction.builder()
            .config(config)
            .dynamoDb(dynamo)
            .keyring(kms)
            .clock(clock)
            .build()
            .handler();
    this.integrations = integrations.apply(this);
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
    return api.call(
        function,
        Request.of(eventFile)
            .apiKey(apiKey)
            .pathParameters(pathParameters)
            .query(query)
            .body(body)
            .headers(extraHeaders)
            .context(context));
  }

  public Response call(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
      String eventFile,
      Tenant t,
      Map<String, String> pathParameters,
      String body) {
    return call(function, eventFile, t.apiKey(), pathParameters, body, Map.of(), null);
  }

  /** The sample event's body as an object, to change before sending. */
  public ObjectNode body(String eventFile) {
    return api.body(eventFile);
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
    return auditLog.between(t.id(), Instant.EPOCH, clock.instant().plusSeconds(60));
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
