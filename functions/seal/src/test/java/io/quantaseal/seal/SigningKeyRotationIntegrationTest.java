package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.envelope.ClientKeyRegistration;
import io.quantaseal.client.envelope.EnvelopeReader;
import io.quantaseal.client.envelope.ServerKeys;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.MutableClock;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Rotating the envelope signing key while a warm container keeps serving: its next envelope is
 * signed with the new key at once; the listing shows the old key retiring (its envelopes still
 * verify) and then, past the skew, retired (not listed unless asked, seed erased).
 */
class SigningKeyRotationIntegrationTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @AwsEnginesTest
  void rotation_newKeyAtOnceInEveryContainer_oldKeyRetiringThenRetired(AwsEngines aws) {
    MutableClock clock = new MutableClock(Instant.now());
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5), clock);
    SecretBytes seed = SecretBytes.random(64, RANDOM);
    MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
    Response registered =
        bed.call(
            "register-client-key.json",
            bed.keyAUnseal,
            null,
            "{\"public_key\":\""
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(dk.encapsulationKey().toBytes())
                + "\"}");
    ClientKeyRegistration registration = ClientKeyRegistration.parse(registered.body());
    Response sealed =
        bed.call(
            "seal-api-key.json",
            bed.keyA,
            null,
            "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\"k-rotation\"}}");
    String unsealBody =
        "{\"vault_entry_id\":\"" + sealed.json().get("vault_entry_id").asText() + "\"}";

    Response before = bed.call("unseal.json", bed.keyAUnseal, null, unsealBody);
    assertEquals(200, before.status(), before.body());
    String oldSkid = HybridCryptoEnvelope.parse(before.body()).skid();
    JsonNode listed = serverKeys(bed, null);
    assertEquals(List.of(oldSkid), skids(listed));
    assertEquals("active", listed.get(0).get("status").asText());
    EnvelopeReader oldReader = reader(bed, registration, seed, clock);

    clock.advance(Duration.ofSeconds(5));
    // The operator rotates from elsewhere (another container on the same tables).
    ServerSigningKeys operator =
        new ServerSigningKeys(
            new SigningKeyRepository(aws.dynamoDbClient(), bed.config.vaultTable()),
            bed.keyring,
            bed.config.serviceKmsKeyId(),
            new Ids(RANDOM),
            RANDOM,
            clock);
    String newSkid = operator.rotate().skid();
    assertNotEquals(oldSkid, newSkid);

    clock.advance(Duration.ofSeconds(30));
    Response after = bed.call("unseal.json", bed.keyAUnseal, null, unsealBody);
    assertEquals(200, after.status(), after.body());
    assertEquals(
        newSkid,
        HybridCryptoEnvelope.parse(after.body()).skid(),
        "the warm container signs with the new key at once");
    assertThrows(
        InvalidEnvelopeException.class,
        () -> oldReader.open(after.body()),
        "a reader that knows only the old key must fetch the keys again");
    listed = serverKeys(bed, null);
    assertEquals(List.of(oldSkid, newSkid), skids(listed));
    assertEquals("retiring", listed.get(0).get("status").asText());
    Instant retiredAt = Instant.parse(listed.get(0).get("retired_at").asText());
    assertEquals(
        retiredAt.plus(Duration.ofSeconds(360)),
        Instant.parse(listed.get(0).get("verifies_until").asText()));
    assertEquals("active", listed.get(1).get("status").asText());
    EnvelopeReader refreshed = reader(bed, registration, seed, clock);
    byte[] old = refreshed.open(before.body());
    byte[] fresh = refreshed.open(after.body());
    assertArrayEquals(old, fresh, "both keys verify while the old one is retiring");

    clock.advance(Duration.ofSeconds(340)); // past retired_at + 300 s skew + 60 s
    listed = serverKeys(bed, null);
    assertEquals(List.of(newSkid), skids(listed), "a retired key is not listed for verification");
    JsonNode all = serverKeys(bed, "true");
    assertEquals(List.of(oldSkid, newSkid), skids(all));
    assertEquals("retired", all.get(0).get("status").asText());
    assertEquals(
        0,
        new SigningKeyRepository(aws.dynamoDbClient(), bed.config.vaultTable())
            .find(oldSkid)
            .orElseThrow()
            .seedWrapped()
            .length,
        "a retired key's seed is erased");
    Response later = bed.call("unseal.json", bed.keyAUnseal, null, unsealBody);
    assertEquals(newSkid, HybridCryptoEnvelope.parse(later.body()).skid());

    Response bad =
        bed.callWithQuery("server-keys.json", bed.keyA, Map.of("include_retired", "yes"));
    assertEquals(400, bad.status());
    assertEquals("invalid_request", bad.errorCode());
  }

  private static JsonNode serverKeys(ApiTestBed bed, String includeRetired) {
    Response r =
        includeRetired == null
            ? bed.call("server-keys.json", bed.keyA)
            : bed.callWithQuery(
                "server-keys.json", bed.keyA, Map.of("include_retired", includeRetired));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.json().get("keys").isArray());
    return r.json().get("keys");
  }

  private static List<String> skids(JsonNode keys) {
    List<String> out = new ArrayList<>();
    keys.forEach(k -> out.add(k.get("skid").asText()));
    assertFalse(out.isEmpty());
    return out;
  }

  private static EnvelopeReader reader(
      ApiTestBed bed, ClientKeyRegistration registration, SecretBytes seed, MutableClock clock) {
    Response keys = bed.call("server-keys.json", bed.keyA);
    return EnvelopeReader.builder()
        .registration(registration, seed)
        .serverKeys(ServerKeys.parse(keys.body()))
        .clock(clock)
        .build();
  }
}
