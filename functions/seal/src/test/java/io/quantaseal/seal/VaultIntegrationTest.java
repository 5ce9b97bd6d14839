package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.envelope.ClientKeyRegistration;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vault through API Gateway events, on real local engines: seal → list → rotate → unseal
 * (envelope opened) → delete; tenant isolation (another tenant's ids are 404 and audited as
 * probes); who receives envelopes (client keys bound to the API key that registered them); sealed
 * blobs bound to their row; disabled KMS keys.
 */
class VaultIntegrationTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL_ENC = Base64.getUrlEncoder().withoutPadding();

  private static String sealBody(String apiKey) {
    return "{\"credential_type\":\"api_key\",\"name\":\"datadog-prod\",\"values\":{\"api_key\":\""
        + apiKey
        + "\",\"app_key\":\"app-0123456789\"}}";
  }

  /** Seals an api_key credential with {@code secret} as the key; its vault_entry_id. */
  private static String sealedId(ApiTestBed bed, String apiKey, String secret) {
    ApiGatewayTestClient.Response r = bed.call("seal-api-key.json", apiKey, null, sealBody(secret));
    assertEquals(201, r.status(), r.body());
    return r.json().get("vault_entry_id").asText();
  }

  /** A registered client key: the caller's own ML-KEM seed plus what the service returned. */
  record ClientKey(SecretBytes seed, ClientKeyRegistration registration) {
    String rkid() {
      return registration.rkid();
    }
  }

  private static ClientKey registerClientKey(ApiTestBed bed, String apiKey) {
    SecretBytes seed = SecretBytes.random(64, RANDOM);
    MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
    String body =
        "{\"public_key\":\"" + B64URL_ENC.encodeToString(dk.encapsulationKey().toBytes()) + "\"}";
    ApiGatewayTestClient.Response r = bed.call("register-client-key.json", apiKey, null, body);
    assertEquals(201, r.status(), r.body());
    assertEquals("no-store", r.headers().get("Cache-Control"));
    ClientKeyRegistration reg = ClientKeyRegistration.parse(r.body());
    assertEquals(64, reg.macKey().length());
    return new ClientKey(seed, reg);
  }

  /** The client module's reader, from the service's own key listing: as an API user would. */
  private static EnvelopeReader opener(ApiTestBed bed, String apiKey, ClientKey ck) {
    ApiGatewayTestClient.Response keys = bed.call("server-keys.json", apiKey);
    assertEquals(200, keys.status(), keys.body());
    return EnvelopeReader.builder()
        .registration(ck.registration(), ck.seed())
        .serverKeys(ServerKeys.parse(keys.body()))
        .build();
  }

  @AwsEnginesTest
  void lifecycle_sealListRotateUnsealDelete(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));

    ApiGatewayTestClient.Response sealed =
        bed.call("seal-api-key.json", bed.keyA, null, sealBody("dd-key-v1-secret"));
    assertEquals(201, sealed.status(), sealed.body());
    assertFalse(sealed.body().contains("dd-key-v1-secret"), "the secret is never echoed");
    String id = sealed.json().get("vault_entry_id").asText();
    assertTrue(id.startsWith("vlt_"));
    assertEquals("api_key", sealed.json().get("credential_type").asText());
    assertEquals(1, sealed.json().get("version").asInt());
    assertTrue(sealed.headers().get("X-Request-Id").startsWith("req_"));

    ApiGatewayTestClient.Response list = bed.call("list-entries.json", bed.keyA);
    assertEquals(200, list.status());
    assertEquals(1, list.json().get("entries").size());
    assertEquals(id, list.json().get("entries").get(0).get("vault_entry_id").asText());
    assertFalse(list.body().contains("dd-key-v1-secret"));

    String rotateBody = "{\"values\":{\"api_key\":\"dd-key-v2-secret\"}}";
    ApiGatewayTestClient.Response rotated =
        bed.call("rotate-entry.json", bed.keyA, Map.of("id", id), rotateBody);
    assertEquals(200, rotated.status(), rotated.body());
    assertEquals(2, rotated.json().get("version").asInt());
    assertEquals(2, rotated.json().get("versions").size(), "old version kept until retired");
    assertFalse(rotated.body().contains("dd-key-v2-secret"));

    ClientKey ck = registerClientKey(bed, bed.keyAUnseal);
    ApiGatewayTestClient.Response unsealed =
        bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + id + "\"}");
    assertEquals(200, unsealed.status(), unsealed.body());
    assertFalse(unsealed.body().contains("dd-key-v2-secret"), "the answer is encrypted");
    byte[] plaintext = opener(bed, bed.keyA, ck).open(unsealed.body());
    JsonNode p = Json.parseLenient(new String(plaintext, StandardCharsets.UTF_8));
    assertEquals(id, p.get("vault_entry_id").asText());
    assertEquals(2, p.get("version").asInt());
    assertEquals("dd-key-v2-secret", p.get("values").get("api_key").asText());
    assertTrue(p.get("values").get("app_key") == null, "rotation replaced all values");

    ApiGatewayTestClient.Response retire =
        bed.call("retire-version.json", bed.keyA, Map.of("id", id, "version", "1"), null);
    assertEquals(204, retire.status(), retire.body());
    ApiGatewayTestClient.Response afterRetire =
        bed.call("get-entry.json", bed.keyA, Map.of("id", id), null);
    assertEquals(1, afterRetire.json().get("versions").size());

    ApiGatewayTestClient.Response deleted =
        bed.call("delete-entry.json", bed.keyA, Map.of("id", id), null);
    assertEquals(204, deleted.status(), deleted.body());
    ApiGatewayTestClient.Response gone =
        bed.call("get-entry.json", bed.keyA, Map.of("id", id), null);
    assertEquals(404, gone.status());
    assertEquals("not_found", gone.errorCode());
    assertEquals(
        0, bed.entries.versions(bed.tenantA, id).size(), "crypto-erase: no sealed version is left");
  }

  @AwsEnginesTest
  void unseal_withoutScope_isDeniedAndAudited(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = sealedId(bed, bed.keyA, "k1");
    registerClientKey(bed, bed.keyA);
    ApiGatewayTestClient.Response r =
        bed.call("unseal.json", bed.keyA, null, "{\"vault_entry_id\":\"" + id + "\"}");
    assertEquals(403, r.status());
    assertEquals("operation_not_allowed", r.errorCode());
    var audit =
        bed.audit.between(
            bed.tenantA, java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(5));
    assertTrue(
        audit.stream()
            .anyMatch(
                a ->
                    a.action().equals("vault.unseal")
                        && a.outcome().equals("denied")
                        && a.securityAlert().isPresent()));
  }

  @AwsEnginesTest
  void tenantB_getsNotFound_forEveryIdOfTenantA(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = sealedId(bed, bed.keyA, "a-secret");
    registerClientKey(bed, bed.keyBUnseal);
    Map<String, String> path = Map.of("id", id);
    assertEquals(404, bed.call("get-entry.json", bed.keyB, path, null).status());
    assertEquals(404, bed.call("rotate-entry.json", bed.keyB, path, "{\"value\":\"x\"}").status());
    assertEquals(404, bed.call("delete-entry.json", bed.keyB, path, null).status());
    assertEquals(
        404,
        bed.call("retire-version.json", bed.keyB, Map.of("id", id, "version", "1"), null).status());
    ApiGatewayTestClient.Response unseal =
        bed.call("unseal.json", bed.keyBUnseal, null, "{\"vault_entry_id\":\"" + id + "\"}");
    assertEquals(404, unseal.status());
    assertEquals("not_found", unseal.errorCode());
    assertEquals(0, bed.call("list-entries.json", bed.keyB).json().get("entries").size());
    // Tenant A's entry is untouched.
    assertEquals(200, bed.call("get-entry.json", bed.keyA, path, null).status());

    // Every probe is in tenant B's audit trail (the id it sent, never whose it is), as a denied
    // access with the auth_failure alert the SIEM push counts; tenant A's trail has none of them.
    List<AuditRecord> probes =
        audit(bed, bed.tenantB).stream().filter(a -> a.outcome().equals("denied")).toList();
    assertEquals(
        List.of(
            "vault.read", "vault.rotate", "vault.delete", "vault.retire_version", "vault.unseal"),
        probes.stream().map(AuditRecord::action).toList());
    for (AuditRecord a : probes) {
      assertEquals(id, a.target(), a.toString());
      assertEquals("not_found", a.details().get("reason"), a.toString());
      assertEquals("vault_entry", a.details().get("resource"), a.toString());
      assertEquals(Optional.of("auth_failure"), a.securityAlert(), a.toString());
      assertTrue(a.countsAsAuthFailure());
      assertTrue(a.actorKeyId().isPresent());
      assertFalse(a.toString().contains(bed.tenantA), "never says whose id it was");
    }
    assertTrue(
        audit(bed, bed.tenantA).stream().noneMatch(a -> a.outcome().equals("denied")),
        "nothing is written under the tenant whose id was probed");

    // A made-up id is recorded too, without copying a path that is not an id into the trail.
    bed.call("get-entry.json", bed.keyB, Map.of("id", "vlt_../../etc/passwd"), null);
    AuditRecord madeUp = audit(bed, bed.tenantB).get(audit(bed, bed.tenantB).size() - 1);
    assertEquals("vault.read", madeUp.action());
    assertEquals("", madeUp.target());
    assertEquals("malformed", madeUp.details().get("requested_id"));
    assertTrue(madeUp.countsAsAuthFailure());
  }

  private static List<AuditRecord> audit(ApiTestBed bed, String tenant) {
    return bed.audit.between(tenant, Instant.EPOCH, Instant.now().plusSeconds(5));
  }

  /** Issue 10, item 1: the attack it reported, end to end. */
  @AwsEnginesTest
  void anotherKeysNewerClientKey_neverReceivesUnsealAnswers(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = sealedId(bed, bed.keyA, "dd-secret-redirected?");
    ClientKey legit = registerClientKey(bed, bed.keyAUnseal);
    // A key without vault:unseal registers a client key after the legitimate one: newest of the
    // tenant, but its own.
    ClientKey attacker = registerClientKey(bed, bed.keyA);

    ApiGatewayTestClient.Response unsealed =
        bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + id + "\"}");
    assertEquals(200, unsealed.status(), unsealed.body());
    assertEquals(legit.rkid(), unsealed.json().get("rkid").asText());
    assertTrue(
        new String(opener(bed, bed.keyA, legit).open(unsealed.body()), StandardCharsets.UTF_8)
            .contains("dd-secret-redirected?"));
    assertThrows(
        InvalidEnvelopeException.class,
        () -> opener(bed, bed.keyA, attacker).open(unsealed.body()),
        "the other key's client key cannot open it");

    // Naming the other key's client key is refused, audited, and nothing is sealed to it.
    ApiGatewayTestClient.Response named =
        bed.call(
            "unseal.json",
            bed.keyAUnseal,
            null,
            "{\"vault_entry_id\":\"" + id + "\",\"rkid\":\"" + attacker.rkid() + "\"}");
    assertEquals(403, named.status(), named.body());
    assertEquals("operation_not_allowed", named.errorCode());
    assertFalse(named.body().contains("dd-secret"));
    AuditRecord denied = audit(bed, bed.tenantA).get(audit(bed, bed.tenantA).size() - 1);
    assertEquals("vault.unseal", denied.action());
    assertEquals("denied", denied.outcome());
    assertEquals("client_key_not_usable", denied.details().get("reason"));
    assertEquals(attacker.rkid(), denied.details().get("rkid"));
    assertTrue(denied.countsAsAuthFailure());
  }

  @AwsEnginesTest
  void rkidTheCallerMayNotUse_isOneAnswerWhateverTheIdIs(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = sealedId(bed, bed.keyA, "s");
    ClientKey own = registerClientKey(bed, bed.keyAUnseal);
    ClientKey sameTenantOtherKey = registerClientKey(bed, bed.keyA);
    ClientKey otherTenant = registerClientKey(bed, bed.keyBUnseal);
    // A record from before client keys were bound to API keys: never used.
    bed.clientKeys.create(
        new ClientKeyRecord(
            bed.tenantA,
            "ck_legacy0000000000000000000",
            MlKem768.generateKeyPair(RANDOM).encapsulationKey().toBytes(),
            own.registration().hkid(),
            new byte[] {1},
            Instant.now().plusSeconds(1),
            Optional.empty()));
    Set<String> messages = new HashSet<>();
    for (String rkid :
        List.of(
            sameTenantOtherKey.rkid(),
            otherTenant.rkid(),
            "ck_legacy0000000000000000000",
            "ck_0000000000000000000000000",
            "not-a-client-key")) {
      ApiGatewayTestClient.Response r =
          bed.call(
              "unseal.json",
              bed.keyAUnseal,
              null,
              "{\"vault_entry_id\":\"" + id + "\",\"rkid\":\"" + rkid + "\"}");
      assertEquals(403, r.status(), rkid + ": " + r.body());
      assertEquals("operation_not_allowed", r.errorCode(), rkid);
      messages.add(r.json().get("error").get("message").asText());
    }
    assertEquals(1, messages.size(), "the answer does not tell the ids apart: " + messages);
    assertEquals(
        5,
        audit(bed, bed.tenantA).stream()
            .filter(a -> "client_key_not_usable".equals(a.details().get("reason")))
            .count());
    // The caller's own key, named or not, works; the legacy record (newest of all) is not used.
    for (String body :
        List.of(
            "{\"vault_entry_id\":\"" + id + "\",\"rkid\":\"" + own.rkid() + "\"}",
            "{\"vault_entry_id\":\"" + id + "\"}")) {
      ApiGatewayTestClient.Response r = bed.call("unseal.json", bed.keyAUnseal, null, body);
      assertEquals(200, r.status(), r.body());
      assertEquals(own.rkid(), r.json().get("rkid").asText());
    }
  }

  @AwsEnginesTest
  void noRkidAndNoClientKeyOfTheCallingKey_is400SayingToRegisterOne(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = sealedId(bed, bed.keyA, "s");
    registerClientKey(bed, bed.keyA); // the tenant has a client key, the unseal key has none
    ApiGatewayTestClient.Response r =
        bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + id + "\"}");
    assertEquals(400, r.status(), r.body());
    assertEquals("invalid_request", r.errorCode());
    String message = r.json().get("error").get("message").asText();
    assertTrue(message.contains("POST /api/v2/encryption/client-keys"), message);
    assertTrue(message.contains("rkid"), message);
  }

  @AwsEnginesTest
  void registeringAClientKey_needsTheClientKeysManageScope(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String pk =
        B64URL_ENC.encodeToString(MlKem768.generateKeyPair(RANDOM).encapsulationKey().toBytes());
    ApiGatewayTestClient.Response r =
        bed.call(
            "register-client-key.json", bed.keyAPlain, null, "{\"public_key\":\"" + pk + "\"}");
    assertEquals(403, r.status(), r.body());
    assertEquals("operation_not_allowed", r.errorCode());
    assertTrue(r.body().contains("client_keys:manage"));
    assertTrue(bed.clientKeys.list(bed.tenantA).isEmpty(), "nothing registered");
    AuditRecord denied = audit(bed, bed.tenantA).get(audit(bed, bed.tenantA).size() - 1);
    assertEquals("client_key.register", denied.action());
    assertEquals("denied", denied.outcome());
    assertEquals("missing_scope", denied.details().get("reason"));
    assertEquals(Optional.of("policy_denial"), denied.securityAlert());
    // With the scope, the key is bound to the API key that registered it.
    ClientKey ck = registerClientKey(bed, bed.keyA);
    ClientKeyRecord stored = bed.clientKeys.find(bed.tenantA, ck.rkid()).orElseThrow();
    assertEquals(
        bed.apiKeys.findByHash(ApiKeys.hash(bed.keyA)).orElseThrow().apiKeyId(),
        stored.apiKeyId().orElseThrow());
  }

  @AwsEnginesTest
  void sealedBlob_copiedToAnotherRow_failsToOpen(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    ClientKey ckA = registerClientKey(bed, bed.keyAUnseal);
    ClientKey ckB = registerClientKey(bed, bed.keyBUnseal);
    String a1 = sealedId(bed, bed.keyA, "secret-a1");
    String a2 = sealedId(bed, bed.keyA, "secret-a2");
    String b1 = sealedId(bed, bed.keyB, "secret-b1");
    byte[] blobA1 = bed.entries.version(bed.tenantA, a1, 1).orElseThrow().sealed();

    // Copy A1's sealed blob over A2's row and over B1's row.
    overwriteSealed(bed, bed.tenantA, a2, blobA1);
    overwriteSealed(bed, bed.tenantB, b1, blobA1);

    ApiGatewayTestClient.Response a2Open =
        bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + a2 + "\"}");
    ApiGatewayTestClient.Response b1Open =
        bed.call("unseal.json", bed.keyBUnseal, null, "{\"vault_entry_id\":\"" + b1 + "\"}");
    // The KMS layer refuses first (its encryption context names tenant and entry): the stored
    // data is not what was sealed there, an internal error, never the other row's secret.
    assertEquals(500, a2Open.status(), a2Open.body());
    assertEquals(500, b1Open.status(), b1Open.body());
    assertEquals("internal_error", a2Open.errorCode());
    assertFalse(a2Open.body().contains("secret-a1"));
    assertFalse(b1Open.body().contains("secret-a1"));
    // The original still opens.
    ApiGatewayTestClient.Response a1Open =
        bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + a1 + "\"}");
    assertEquals(200, a1Open.status());
    assertTrue(
        new String(opener(bed, bed.keyA, ckA).open(a1Open.body()), StandardCharsets.UTF_8)
            .contains("secret-a1"));
    assertTrue(ckB.rkid().startsWith("ck_"));
  }

  private static void overwriteSealed(ApiTestBed bed, String tenant, String entryId, byte[] blob) {
    bed.aws
        .dynamoDbClient()
        .updateItem(
            r ->
                r.tableName("quantaseal-vault")
                    .key(
                        io.quantaseal.common.store.Items.key(
                            io.quantaseal.common.store.VaultTableKeys.pk(tenant),
                            io.quantaseal.common.store.VaultTableKeys.entryVersion(entryId, 1)))
                    .updateExpression("SET sealed = :b")
                    .expressionAttributeValues(
                        Map.of(":b", io.quantaseal.common.store.Items.b(blob))));
  }

  @AwsEnginesTest
  void disabledKmsKey_makesOnlyThatTenantsEntriesUnopenable(AwsEngines aws) {
    // No key cache here: the point is what KMS says right now.
    ApiTestBed bed = new ApiTestBed(aws, Duration.ZERO);
    ClientKey ckA = registerClientKey(bed, bed.keyAUnseal);
    ClientKey ckB = registerClientKey(bed, bed.keyBUnseal);
    String a = sealedId(bed, bed.keyA, "secret-a");
    String b = sealedId(bed, bed.keyB, "secret-b");

    aws.kmsClient().disableKey(r -> r.keyId(bed.cmkA));

    ApiGatewayTestClient.Response aOpen =
        bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + a + "\"}");
    assertEquals(503, aOpen.status(), aOpen.body());
    assertEquals("key_unavailable", aOpen.errorCode());
    ApiGatewayTestClient.Response sealA =
        bed.call("seal-api-key.json", bed.keyA, null, sealBody("new"));
    assertEquals(503, sealA.status(), "nothing can be sealed under a disabled key either");

    ApiGatewayTestClient.Response bOpen =
        bed.call("unseal.json", bed.keyBUnseal, null, "{\"vault_entry_id\":\"" + b + "\"}");
    assertEquals(200, bOpen.status(), bOpen.body());
    assertTrue(
        new String(opener(bed, bed.keyB, ckB).open(bOpen.body()), StandardCharsets.UTF_8)
            .contains("secret-b"));

    aws.kmsClient().enableKey(r -> r.keyId(bed.cmkA));
    ApiGatewayTestClient.Response again =
        bed.call("unseal.json", bed.keyAUnseal, null, "{\"vault_entry_id\":\"" + a + "\"}");
    assertEquals(200, again.status());
    assertArrayEquals(
        "secret-a".getBytes(StandardCharsets.UTF_8),
        Json.parseLenient(
                new String(opener(bed, bed.keyA, ckA).open(again.body()), StandardCharsets.UTF_8))
            .get("values")
            .get("api_key")
            .asText()
            .getBytes(StandardCharsets.UTF_8));
  }
}
