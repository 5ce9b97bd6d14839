package io.quantaseal.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.authorizer.ApiKeyAuthorizer;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.kms.model.KeyState;

/** The operator command end to end: tables, tenants (new or existing KMS key), API keys. */
class OperatorCliIntegrationTest {
  private record Run(int code, JsonNode json, String raw) {}

  private static final class Bed {
    final TenantRepository tenants;
    final ApiKeyRepository apiKeys;
    final AuditLog audit;
    final ServerSigningKeys signingKeys;
    final OperatorCli cli;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final AwsEngines aws;

    Bed(AwsEngines aws) {
      this.aws = aws;
      String serviceKey =
          aws.kmsClient().createKey(r -> r.description("svc")).keyMetadata().keyId();
      QuantaSealConfig config =
          QuantaSealConfig.from(Map.of(EnvironmentNames.SERVICE_KMS_KEY_ID, serviceKey));
      var dynamo = aws.dynamoDbClient();
      var keyring = new AwsKmsKeyring(aws.kmsClient());
      var random = new SecureRandom();
      var clock = Clock.systemUTC();
      var ids = new Ids(random);
      tenants = new TenantRepository(dynamo, config.vaultTable());
      apiKeys = new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable());
      audit = new AuditLog(dynamo, config.auditTable(), ids, clock);
      signingKeys =
          SealingKeys.create(keyring, tenants, config, random, clock)
              .signingKeys(
                  new SigningKeyRepository(dynamo, config.vaultTable()),
                  config.serviceKmsKeyId(),
                  ids,
                  random,
                  clock);
      OperatorCommands commands =
          new OperatorCommands(config, dynamo, keyring, Optional.of(aws.kmsClient()));
      cli =
          new OperatorCli(
              new OperatorCli.Backends(
                  env -> commands,
                  env -> {
                    throw new IllegalStateException("no dead-letter queue in this test");
                  }),
              Map.of(),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    Run run(String... args) {
      out.reset();
      err.reset();
      int code = cli.run(args);
      String raw = out.toString(StandardCharsets.UTF_8).trim();
      return new Run(code, raw.isEmpty() ? null : Json.parseLenient(raw), raw);
    }
  }

  @AwsEnginesTest
  void createTenantWithNewKey_issueUseRevoke(AwsEngines aws) {
    Bed bed = new Bed(aws);
    assertEquals(0, bed.run("create-tables").code());
    Run tenant = bed.run("create-tenant", "--name", "Acme");
    assertEquals(0, tenant.code(), tenant.raw());
    String tenantId = tenant.json().get("tenant_id").asText();
    String kmsKey = tenant.json().get("kms_key_id").asText();
    assertTrue(tenantId.startsWith("ten_"));
    assertEquals(
        KeyState.ENABLED,
        aws.kmsClient().describeKey(r -> r.keyId(kmsKey)).keyMetadata().keyState());
    assertTrue(
        aws.kmsClient().listAliases().aliases().stream()
            .anyMatch(a -> a.aliasName().equals("alias/quantaseal/tenant/" + tenantId)));
    // The vault key's seed is stored only KMS-encrypted under the tenant's key.
    var record = bed.tenants.find(tenantId).orElseThrow();
    assertEquals(1184, record.vaultPublicKey().length);
    assertTrue(record.vaultSeedWrapped().length > 64);

    Run issued = bed.run("issue-api-key", "--tenant", tenantId, "--scope", "vault:unseal");
    assertEquals(0, issued.code(), issued.raw());
    String apiKey = issued.json().get("api_key").asText();
    assertTrue(ApiKeys.wellFormed(apiKey) && apiKey.startsWith("qs_live_"));
    // The tenant's first key also gets admin, to manage the tenant's keys (docs/api.md, "Scopes").
    assertEquals("[\"admin\",\"vault:unseal\"]", issued.json().get("scopes").toString());
    // Scopes are the documented ones (docs/vault.md, "Scopes"); a typo is refused, not granted.
    Run appKey = bed.run("issue-api-key", "--tenant", tenantId, "--scope", "client_keys:manage");
    assertEquals(0, appKey.code(), appKey.raw());
    assertEquals("client_keys:manage", appKey.json().get("scopes").get(0).asText());
    Run typo = bed.run("issue-api-key", "--tenant", tenantId, "--scope", "vault:unsael");
    assertEquals(2, typo.code(), typo.raw());
    Run test = bed.run("issue-api-key", "--tenant", tenantId, "--test");
    assertTrue(test.json().get("api_key").asText().startsWith("qs_test_"));

    ApiKeyAuthorizer authorizer =
        new ApiKeyAuthorizer(bed.apiKeys, bed.audit, java.time.Clock.systemUTC());
    assertTrue(
        authorizer.authorize(Optional.of(apiKey), "req_t", "127.0.0.1")
            instanceof ApiKeyAuthorizer.Decision.Allow);

    Run listed = bed.run("list-api-keys", "--tenant", tenantId);
    assertEquals(3, listed.json().get("api_keys").size());
    assertFalse(listed.raw().contains(apiKey), "listings never show a key");

    String keyId = issued.json().get("api_key_id").asText();
    assertEquals(0, bed.run("revoke-api-key", "--tenant", tenantId, "--key-id", keyId).code());
    assertTrue(
        authorizer.authorize(Optional.of(apiKey), "req_t", "127.0.0.1")
            instanceof ApiKeyAuthorizer.Decision.Invalid);
    assertEquals(1, bed.run("revoke-api-key", "--tenant", "ten_other", "--key-id", keyId).code());
  }

  @AwsEnginesTest
  void createTenantWithExistingKey_andUsageErrors(AwsEngines aws) {
    Bed bed = new Bed(aws);
    bed.run("create-tables");
    String existing = aws.kmsClient().createKey(r -> r.description("byo")).keyMetadata().arn();
    Run tenant = bed.run("create-tenant", "--name", "BYO", "--kms-key-id", existing);
    assertEquals(0, tenant.code(), tenant.raw());
    assertEquals(existing, tenant.json().get("kms_key_id").asText());
    assertEquals(2, bed.run("create-tenant").code(), "--name is required");
    assertEquals(2, bed.run("frobnicate").code());
    assertEquals(2, bed.run("issue-api-key", "--tenant").code());
  }

  @AwsEnginesTest
  void rotateSigningKey_newActiveKey_oldOneRetiring(AwsEngines aws) {
    Bed bed = new Bed(aws);
    bed.run("create-tables");
    String first = bed.signingKeys.active().skid();
    Run rotated = bed.run("rotate-signing-key");
    assertEquals(0, rotated.code(), rotated.raw());
    String active = rotated.json().get("active").asText();
    assertTrue(active.startsWith("sk_") && !active.equals(first), rotated.raw());
    assertEquals(active, bed.signingKeys.active().skid(), "in effect at once");
    JsonNode keys = rotated.json().get("signing_keys");
    assertEquals(2, keys.size(), rotated.raw());
    assertEquals(first, keys.get(0).get("skid").asText());
    assertEquals("retiring", keys.get(0).get("status").asText());
    assertTrue(keys.get(0).has("verifies_until"));
    assertEquals("active", keys.get(1).get("status").asText());
    assertFalse(rotated.raw().contains("seed"), "no key material printed");
    Run listed = bed.run("list-signing-keys");
    assertEquals(0, listed.code());
    assertEquals(keys, listed.json().get("signing_keys"));
  }
}
