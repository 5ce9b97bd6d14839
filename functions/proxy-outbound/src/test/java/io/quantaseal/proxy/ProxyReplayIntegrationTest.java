package io.quantaseal.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.apifixtures.ApiFixture.Tenant;
import io.quantaseal.client.envelope.ClientKeyRegistration;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.Items;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.testsupport.MutableClock;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A replayed proxy call (same {@code Idempotency-Key}, same body) ten minutes later, well past the
 * ±300 s envelope skew, on a fake clock: Datadog is called once; the replay's envelope is freshly
 * sealed (new {@code iat}) and bound to the replay's own request id, and the Java client's
 * EnvelopeReader opens it at the replay's time; the stored answer is sealed at rest; a replay by an
 * API key that may not receive the envelope is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyReplayIntegrationTest {
  private static final String EVENT = "proxy-outbound/send-event.json";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MutableClock clock = new MutableClock(Instant.now());
  private ProxyHarness h;
  private String integrationId;
  private SecretBytes seed;
  private ClientKeyRegistration registration;

  @BeforeAll
  void start() {
    h = new ProxyHarness(clock);
    seed = SecretBytes.random(64, RANDOM);
    MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
    String publicKey =
        Base64.getUrlEncoder().withoutPadding().encodeToString(dk.encapsulationKey().toBytes());
    Response r =
        h.call(
            h.seal,
            "seal/register-client-key.json",
            h.a,
            null,
            Json.write(Map.of("public_key", publicKey)));
    assertEquals(201, r.status(), r.body());
    registration = ClientKeyRegistration.parse(r.body());
    String vlt = h.sealDatadogKey(h.a, h.newDatadogKey(true));
    Response integration = h.createIntegration(h.a, vlt, "datadoghq.com", List.of("send_event"));
    assertEquals(201, integration.status(), integration.body());
    integrationId = integration.json().get("integration_id").asText();
  }

  @AfterAll
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private String body() {
    ObjectNode body = h.body(EVENT);
    body.put("integration_id", integrationId);
    body.put("rkid", registration.rkid());
    return body.toString();
  }

  private EnvelopeReader reader() {
    Response keys = h.call(h.seal, "seal/server-keys.json", h.a, null, null);
    assertEquals(200, keys.status(), keys.body());
    return EnvelopeReader.builder()
        .registration(registration, seed)
        .serverKeys(ServerKeys.parse(keys.body()))
        .clock(clock)
        .build();
  }

  private Response proxy(String apiKey, String idempotencyKey) {
    return h.call(
        h.proxy, EVENT, apiKey, null, body(), Map.of("Idempotency-Key", idempotencyKey), null);
  }

  @Test
  void replayPastTheSkew_opensWithTheJavaClient_sentOnce_storedSealed() {
    h.datadog.reset();
    String key = "replay-" + RANDOM.nextInt(1 << 30);
    Response first = proxy(h.a.apiKey(), key);
    assertEquals(202, first.status(), first.body());
    byte[] firstPlaintext =
        reader().openAnswer(first.body(), first.header("X-Request-Id"), registration.rkid());

    clock.advance(Duration.ofMinutes(10));
    Response again = proxy(h.a.apiKey(), key);
    assertEquals(202, again.status(), again.body());
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals("upstream", again.header("X-QS-Source"));
    String rid = again.header("X-Request-Id");
    assertNotEquals(first.header("X-Request-Id"), rid);
    HybridCryptoEnvelope envelope = HybridCryptoEnvelope.parse(again.body());
    assertEquals(rid, envelope.rid());
    assertEquals(clock.instant().getEpochSecond(), envelope.iat());
    EnvelopeReader reader = reader();
    byte[] replayed = reader.openAnswer(again.body(), rid, registration.rkid());
    assertArrayEquals(firstPlaintext, replayed, "the first call's answer, sealed afresh");
    JsonNode answer = Json.parseLenient(new String(replayed, StandardCharsets.UTF_8));
    assertEquals(202, answer.path("upstream").path("status").asInt());
    assertThrows(
        InvalidEnvelopeException.class,
        () -> reader.openAnswer(first.body(), first.header("X-Request-Id"), registration.rkid()),
        "the stored envelope itself would be refused now");
    assertEquals(1, h.datadog.requests(FakeDatadog.EVENTS).size(), "Datadog got the event once");

    Map<String, AttributeValue> slot = slot(key);
    assertFalse(slot.containsKey("response_body"), "no answer in clear at rest");
    assertTrue(slot.containsKey("response_sealed"));
    String auditId = answer.get("audit_id").asText();
    assertFalse(slot.toString().contains(auditId), "the plaintext is not readable at rest");
    assertFalse(
        new String(Items.bytes(slot, "response_sealed"), StandardCharsets.ISO_8859_1)
            .contains(auditId));
  }

  @Test
  void replayByAnApiKeyThatMayNotReceiveTheEnvelope_isRefusedAndAudited() {
    String key = "other-key-" + RANDOM.nextInt(1 << 30);
    assertEquals(202, proxy(h.a.apiKey(), key).status());
    clock.advance(Duration.ofMinutes(6));
    String otherKey =
        TenantProvisioning.create(h.aws.dynamoDbClient(), h.config, h.kms, RANDOM, clock)
            .issueApiKey(h.a.id(), false, Set.of())
            .apiKey();
    Response refused = proxy(otherKey, key);
    assertEquals(403, refused.status(), refused.body());
    assertEquals("operation_not_allowed", refused.errorCode());
    assertNull(refused.header("X-QS-Source"), "no envelope");
    List<AuditRecord> denied =
        h.audit(h.a).stream()
            .filter(r -> r.action().equals(AuditActions.PROXY_CALL))
            .filter(r -> r.outcome().equals(AuditRecord.DENIED))
            .filter(
                r -> AuditActions.REASON_CLIENT_KEY_NOT_USABLE.equals(r.details().get("reason")))
            .collect(Collectors.toList());
    assertFalse(denied.isEmpty(), "the refused replay is audited");

    // Tenant B with the same key and body: its own slot, and A's integration is not found.
    Tenant b = h.b;
    Response other = proxy(b.apiKey(), key);
    assertEquals(404, other.status(), other.body());
    assertNull(other.header("Idempotent-Replayed"));
  }

  private Map<String, AttributeValue> slot(String idempotencyKey) {
    return h.aws.dynamoDbClient().scan(r -> r.tableName(h.config.vaultTable())).items().stream()
        .filter(i -> "idempotency".equals(Items.str(i, "type")))
        .filter(i -> Items.str(i, "sk").endsWith("#" + idempotencyKey))
        .findFirst()
        .orElseThrow();
  }
}
