package io.quantaseal.seal;

import io.quantaseal.authorizer.AuthorizerFunction;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.TestEvents;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Request;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two tenants on real local engines (DynamoDB Local + moto KMS), each with its own KMS key, and
 * SealFunction behind its authorizer ({@link ApiGatewayTestClient}), with events from {@code
 * events/seal/}. The repositories are the tests' own view of the tables.
 */
final class ApiTestBed {
  final AwsEngines aws;
  final QuantaSealConfig config;
  final AwsKmsKeyring keyring;
  final TenantProvisioning provisioning;
  final VaultEntryRepository entries;
  final ClientKeyRepository clientKeys;
  final ApiKeyRepository apiKeys;
  final AuditLog audit;

  /** Opens entries the way the function does (its own cache). */
  final CredentialVault vault;

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
  private final ApiGatewayTestClient api;
  private final SealHandler seal;

  ApiTestBed(AwsEngines aws, Duration keyCacheTtl) {
    this(aws, keyCacheTtl, Clock.systemUTC());
  }

  /** With the clock every service reads (a test's fake clock). */
  ApiTestBed(AwsEngines aws, Duration keyCacheTtl, Clock clock) {
    this.aws = aws;
    String serviceKey = createKey("quantaseal service");
    this.cmkA = createKey("tenant A");
    this.cmkB = createKey("tenant B");
    this.config =
        QuantaSealConfig.from(
            Map.of(
                EnvironmentNames.SERVICE_KMS_KEY_ID,
                serviceKey,
                EnvironmentNames.KEY_CACHE_TTL_SECONDS,
                Long.toString(keyCacheTtl.getSeconds())));
    var dynamo = aws.dynamoDbClient();
    TableDefinitions.createMissing(dynamo, config);
    this.keyring = new AwsKmsKeyring(aws.kmsClient());
    SecureRandom random = new SecureRandom();
    this.provisioning = TenantProvisioning.create(dynamo, config, keyring, random, clock);
    this.entries = new VaultEntryRepository(dynamo, config.vaultTable());
    this.clientKeys = new ClientKeyRepository(dynamo, config.vaultTable());
    this.apiKeys = new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable());
    this.audit = new AuditLog(dynamo, config.auditTable(), new Ids(random), clock);
    this.vault =
        SealingKeys.create(
                keyring, new TenantRepository(dynamo, config.vaultTable()), config, random, clock)
            .vault(entries, clock);
    this.tenantA = provisioning.createTenant("Tenant A", cmkA, Optional.empty()).tenantId();
    this.tenantB = provisioning.createTenant("Tenant B", cmkB, Optional.empty()).tenantId();
    Set<String> app = Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE);
    Set<String> unseal = Set.of(Caller.SCOPE_VAULT_UNSEAL, Caller.SCOPE_CLIENT_KEYS_MANAGE);
    this.keyA = provisioning.issueApiKey(tenantA, false, app).apiKey();
    this.keyAUnseal = provisioning.issueApiKey(tenantA, false, unseal).apiKey();
    this.keyAPlain = provisioning.issueApiKey(tenantA, false, Set.of()).apiKey();
    this.keyB = provisioning.issueApiKey(tenantB, false, app).apiKey();
    this.keyBUnseal = provisioning.issueApiKey(tenantB, false, unseal).apiKey();
    this.api =
        new ApiGatewayTestClient(
            AuthorizerFunction.builder().config(config).dynamoDb(dynamo).build().handler(),
            TestEvents.repo());
    this.seal =
        SealFunction.builder()
            .config(config)
            .dynamoDb(dynamo)
            .keyring(keyring)
            .random(random)
            .clock(clock)
            .build()
            .handler();
  }

  private String createKey(String description) {
    return aws.kmsClient().createKey(r -> r.description(description)).keyMetadata().keyId();
  }

  /** A request built from {@code events/seal/<file>}, with this key, path parameters and body. */
  Response call(String eventFile, String apiKey, Map<String, String> pathParameters, String body) {
    return call(request(eventFile, apiKey).pathParameters(pathParameters).body(body));
  }

  /** A GET (or any body-less request) with query string parameters. */
  Response callWithQuery(String eventFile, String apiKey, Map<String, String> query) {
    return call(request(eventFile, apiKey).query(query));
  }

  Response callWithHeaders(
      String eventFile, String apiKey, Map<String, String> extraHeaders, String body) {
    return call(request(eventFile, apiKey).headers(extraHeaders).body(body));
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
    return call(
        request(eventFile, apiKey)
            .pathParameters(pathParameters)
            .header("Content-Type", contentType)
            .rawBody(rawBody));
  }

  /** A request from {@code events/seal/<file>} with these path and query parameters (no body). */
  Response callWithQuery(
      String eventFile,
      String apiKey,
      Map<String, String> pathParameters,
      Map<String, String> query) {
    return call(request(eventFile, apiKey).pathParameters(pathParameters).query(query));
  }

  Response call(String eventFile, String apiKey) {
    return call(eventFile, apiKey, null, null);
  }

  private static Request request(String eventFile, String apiKey) {
    return Request.of("seal/" + eventFile).apiKey(apiKey);
  }

  private Response call(Request request) {
    return api.call(seal, request);
  }
}
