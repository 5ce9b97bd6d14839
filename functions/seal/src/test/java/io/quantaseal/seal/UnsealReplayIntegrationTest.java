package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.client.envelope.ClientKeyRegistration;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.store.Items;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.MutableClock;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A replayed unseal (same {@code Idempotency-Key}, same body) long after the envelope skew: a
 * freshly sealed envelope of the stored answer, bound to the replay's own request id, opened by the
 * Java client's EnvelopeReader at the replay's time; the stored answer is sealed at rest; a replay
 * is checked like a first call (scope) and audited.
 */
class UnsealReplayIntegrationTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECRET = "dd-replay-secret-4f1c";

  @AwsEnginesTest
  void replayPastTheSkew_freshEnvelopeBoundToTheReplay_storedSealed(AwsEngines aws) {
    MutableClock clock = new MutableClock(Instant.now());
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5), clock);
    SecretBytes seed = SecretBytes.random(64, RANDOM);
    MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
    ApiGatewayTestClient.Response registered =
        bed.call(
            "register-client-key.json",
            bed.keyAUnseal,
            null,
            "{\"public_key\":\""
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(dk.encapsulationKey().toBytes())
                + "\"}");
    assertEquals(201, registered.status(), registered.body());
    ClientKeyRegistration registration = ClientKeyRegistration.parse(registered.body());
    ApiGatewayTestClient.Response sealed =
        bed.call(
            "seal-api-key.json",
            bed.keyA,
            null,
            "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\"" + SECRET + "\"}}");
    assertEquals(201, sealed.status(), sealed.body());
    String id = sealed.json().get("vault_entry_id").asText();
    String body = "{\"vault_entry_id\":\"" + id + "\"}";
    Map<String, String> idem = Map.of("Idempotency-Key", "unseal-" + id);

    ApiGatewayTestClient.Response first =
        bed.callWithHeaders("unseal.json", bed.keyAUnseal, idem, body);
    assertEquals(200, first.status(), first.body());
    byte[] firstPlaintext =
        reader(bed, registration, seed, clock)
            .openAnswer(first.body(), first.headers().get("X-Request-Id"), registration.rkid());

    clock.advance(Duration.ofMinutes(10)); // well past the ±300 s skew
    ApiGatewayTestClient.Response again =
        bed.callWithHeaders("unseal.json", bed.keyAUnseal, idem, body);
    assertEquals(200, again.status(), again.body());
    assertEquals("true", again.headers().get("Idempotent-Replayed"));
    String replayRid = again.headers().get("X-Request-Id");
    assertNotEquals(first.headers().get("X-Request-Id"), replayRid);
    HybridCryptoEnvelope envelope = HybridCryptoEnvelope.parse(again.body());
    assertEquals(replayRid, envelope.rid(), "bound to the replay's own request id");
    assertEquals(clock.instant().getEpochSecond(), envelope.iat(), "a fresh iat");
    EnvelopeReader reader = reader(bed, registration, seed, clock);
    byte[] replayed = reader.openAnswer(again.body(), replayRid, registration.rkid());
    assertArrayEquals(firstPlaintext, replayed, "the stored answer");
    assertTrue(new String(replayed, StandardCharsets.UTF_8).contains(SECRET));
    assertThrows(
        InvalidEnvelopeException.class,
        () ->
            reader.openAnswer(
                first.body(), first.headers().get("X-Request-Id"), registration.rkid()),
        "the first envelope itself is past its skew");

    // At rest: the answer is sealed, never in clear.
    List<Map<String, AttributeValue>> slots = idempotencyItems(bed);
    assertEquals(1, slots.size());
    Map<String, AttributeValue> slot = slots.get(0);
    assertFalse(slot.containsKey("response_body"));
    assertTrue(slot.containsKey("response_sealed"));
    assertFalse(
        new String(Items.bytes(slot, "response_sealed"), StandardCharsets.ISO_8859_1)
            .contains(SECRET));
    assertFalse(slot.toString().contains(SECRET));

    // The replay was audited as an unseal of the entry, to the same client key.
    List<AuditRecord> unseals =
        bed.audit.between(bed.tenantA, Instant.EPOCH, clock.instant().plusSeconds(1)).stream()
            .filter(r -> r.action().equals("vault.unseal"))
            .collect(Collectors.toList());
    assertEquals(2, unseals.size(), unseals.toString());
    AuditRecord replayAudit = unseals.get(1);
    assertEquals(AuditRecord.SUCCESS, replayAudit.outcome());
    assertEquals(id, replayAudit.target());
    assertEquals("true", replayAudit.details().get("replayed"));
    assertEquals(registration.rkid(), replayAudit.details().get("rkid"));
  }

  @AwsEnginesTest
  void replayIsCheckedLikeAFirstCall_scopeAndTenant(AwsEngines aws) {
    MutableClock clock = new MutableClock(Instant.now());
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5), clock);
    SecretBytes seed = SecretBytes.random(64, RANDOM);
    MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
    String publicKey =
        Base64.getUrlEncoder().withoutPadding().encodeToString(dk.encapsulationKey().toBytes());
    assertEquals(
        201,
        bed.call(
                "register-client-key.json",
                bed.keyAUnseal,
                null,
                "{\"public_key\":\"" + publicKey + "\"}")
            .status());
    ApiGatewayTestClient.Response sealed =
        bed.call(
            "seal-api-key.json",
            bed.keyA,
            null,
            "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\"" + SECRET + "\"}}");
    String id = sealed.json().get("vault_entry_id").asText();
    String body = "{\"vault_entry_id\":\"" + id + "\"}";
    Map<String, String> idem = Map.of("Idempotency-Key", "shared-key");
    assertEquals(200, bed.callWithHeaders("unseal.json", bed.keyAUnseal, idem, body).status());
    clock.advance(Duration.ofMinutes(6));

    // Another API key of the same tenant, without vault:unseal: refused, audited as denied.
    ApiGatewayTestClient.Response noScope =
        bed.callWithHeaders("unseal.json", bed.keyA, idem, body);
    assertEquals(403, noScope.status(), noScope.body());
    assertEquals("operation_not_allowed", noScope.errorCode());
    assertFalse(noScope.body().contains(SECRET));
    assertTrue(
        bed.audit.between(bed.tenantA, Instant.EPOCH, clock.instant().plusSeconds(1)).stream()
            .anyMatch(
                r ->
                    r.action().equals("vault.unseal")
                        && r.outcome().equals(AuditRecord.DENIED)
                        && "missing_scope".equals(r.details().get("reason"))));

    // Another tenant with the same key and body: its own slot, and A's entry is not found.
    ApiGatewayTestClient.Response other =
        bed.callWithHeaders("unseal.json", bed.keyBUnseal, idem, body);
    assertEquals(404, other.status(), other.body());
    assertEquals("not_found", other.errorCode());
    assertEquals(null, other.headers().get("Idempotent-Replayed"));
  }

  private static EnvelopeReader reader(
      ApiTestBed bed, ClientKeyRegistration registration, SecretBytes seed, MutableClock clock) {
    ApiGatewayTestClient.Response keys = bed.call("server-keys.json", bed.keyA);
    assertEquals(200, keys.status(), keys.body());
    return EnvelopeReader.builder()
        .registration(registration, seed)
        .serverKeys(ServerKeys.parse(keys.body()))
        .clock(clock)
        .build();
  }

  private static List<Map<String, AttributeValue>> idempotencyItems(ApiTestBed bed) {
    return bed.aws.dynamoDbClient().scan(r -> r.tableName(bed.config.vaultTable())).items().stream()
        .filter(i -> "idempotency".equals(Items.str(i, "type")))
        .filter(i -> Items.str(i, "pk").contains(bed.tenantA))
        .collect(Collectors.toList());
  }
}
