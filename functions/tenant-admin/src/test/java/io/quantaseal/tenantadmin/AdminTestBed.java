package io.quantaseal.tenantadmin;

import io.quantaseal.authorizer.AuthorizerFunction;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.vault.LocalKeyring;
import io.quantaseal.testsupport.LocalDynamoDb;
import io.quantaseal.testsupport.MutableClock;
import io.quantaseal.testsupport.TestEvents;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two tenants on DynamoDB Local (the local keyring stands in for KMS: this function only wraps the
 * list-cursor key), and TenantAdminFunction behind its authorizer ({@link ApiGatewayTestClient}),
 * with events from {@code events/tenant-admin/}. The repositories are the tests' own view.
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
  final QuantaSealConfig config;
  final LocalKeyring keyring;
  final SecureRandom random = new SecureRandom();
  private final ApiGatewayTestClient api;
  private final TenantAdminHandler handler;

  AdminTestBed() {
    this.db = LocalDynamoDb.start();
    this.config = QuantaSealConfig.from(Map.of());
    TableDefinitions.createMissing(db.client(), config);
    try (SecretBytes master = SecretBytes.random(32, random)) {
      this.keyring = LocalKeyring.create(master, random);
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
    this.api =
        new ApiGatewayTestClient(
            AuthorizerFunction.builder()
                .config(config)
                .dynamoDb(db.client())
                .random(random)
                .clock(clock)
                .build()
                .handler(),
            TestEvents.repo());
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

  /** A request built from {@code events/tenant-admin/<file>}, without its query parameters. */
  Request request(String eventFile) {
    return new Request(ApiGatewayTestClient.Request.of("tenant-admin/" + eventFile));
  }

  /** A request being changed before it is sent. */
  final class Request {
    private final ApiGatewayTestClient.Request request;
    private final Map<String, String> query = new HashMap<>();

    Request(ApiGatewayTestClient.Request request) {
      this.request = request;
    }

    Request key(String apiKey) {
      request.apiKey(apiKey);
      return this;
    }

    Request header(String name, String value) {
      request.header(name, value);
      return this;
    }

    Request query(String name, String value) {
      query.put(name, value);
      return this;
    }

    Request id(String id) {
      request.pathParameters(Map.of("id", id));
      return this;
    }

    Request body(String body) {
      request.body(body);
      return this;
    }

    ApiGatewayTestClient.Response send() {
      return api.call(handler, request.query(Map.copyOf(query)));
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
