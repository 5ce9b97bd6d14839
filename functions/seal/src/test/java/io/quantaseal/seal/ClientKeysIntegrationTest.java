package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.testsupport.AwsEngines;
import io.quantaseal.testsupport.AwsEnginesTest;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/v2/encryption/client-keys} and {@code DELETE …/{rkid}} as callers use them:
 * client keys stay bound to the API key that registered them, an admin key sees and revokes the
 * tenant's, and nothing is ever sealed to a revoked key.
 */
class ClientKeysIntegrationTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static String register(ApiTestBed bed, String apiKey) {
    String pub =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(MlKem768.generateKeyPair(RANDOM).encapsulationKey().toBytes());
    Response r =
        bed.call("register-client-key.json", apiKey, null, "{\"public_key\":\"" + pub + "\"}");
    assertEquals(201, r.status(), r.body());
    return r.json().path("rkid").asText();
  }

  private static String sealed(ApiTestBed bed) {
    Response r =
        bed.call(
            "seal-api-key.json",
            bed.keyA,
            null,
            "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\"0123456789abcdef0123456789abcdef\"}}");
    assertEquals(201, r.status(), r.body());
    return r.json().path("vault_entry_id").asText();
  }

  private static Response unseal(ApiTestBed bed, String id, String rkid) {
    String body =
        rkid == null
            ? "{\"vault_entry_id\":\"" + id + "\"}"
            : "{\"vault_entry_id\":\"" + id + "\",\"rkid\":\"" + rkid + "\"}";
    return bed.call("unseal.json", bed.keyAUnseal, null, body);
  }

  private static Response list(ApiTestBed bed, String key, Map<String, String> query) {
    return bed.callWithQuery("list-client-keys.json", key, null, query);
  }

  private static Response revoke(ApiTestBed bed, String key, String rkid) {
    return bed.callWithQuery("revoke-client-key.json", key, Map.of("rkid", rkid), Map.of());
  }

  private static Set<String> rkids(Response r) {
    Set<String> out = new TreeSet<>();
    r.json().path("client_keys").forEach(k -> out.add(k.path("rkid").asText()));
    return out;
  }

  @AwsEnginesTest
  void listAndRevoke_keepClientKeysBoundToTheirApiKey_andNothingIsSealedToARevokedKey(
      AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    String id = sealed(bed);
    String older = register(bed, bed.keyAUnseal);
    String newer = register(bed, bed.keyAUnseal);
    String adminsOwn = register(bed, bed.keyA); // keyA is tenant A's first key: admin
    String tenantB = register(bed, bed.keyB);

    // An application key lists its own client keys only; an admin key the tenant's.
    Response own = list(bed, bed.keyAUnseal, Map.of());
    assertEquals(200, own.status(), own.body());
    assertEquals(new TreeSet<>(Set.of(older, newer)), rkids(own));
    assertTrue(own.json().path("next_cursor").isNull());
    Response all = list(bed, bed.keyA, Map.of());
    assertEquals(new TreeSet<>(Set.of(older, newer, adminsOwn)), rkids(all));
    assertFalse(all.body().contains(tenantB), "never another tenant's");
    assertFalse(all.body().contains("public_key") || all.body().contains("mac_key"));

    // Unseal without rkid goes to the newest; the answer records the use.
    Response first = unseal(bed, id, null);
    assertEquals(200, first.status(), first.body());
    assertEquals(newer, first.json().path("rkid").asText());
    JsonNode listedNewer = find(list(bed, bed.keyAUnseal, Map.of()), newer);
    assertFalse(listedNewer.path("last_used_at").isNull(), "last use recorded");
    assertTrue(find(list(bed, bed.keyAUnseal, Map.of()), older).path("last_used_at").isNull());

    // Another API key of the tenant (not admin) and another tenant: 404, audited, nothing revoked.
    assertEquals(404, revoke(bed, bed.keyAUnseal, adminsOwn).status());
    Response foreign = revoke(bed, bed.keyB, newer);
    assertEquals(404, foreign.status(), foreign.body());
    assertEquals("not_found", foreign.errorCode());
    assertTrue(
        bed.audit.between(bed.tenantB, Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
            .anyMatch(
                a ->
                    a.action().equals("client_key.revoke")
                        && a.outcome().equals(AuditRecord.DENIED)
                        && a.target().equals(newer)));
    for (String made : List.of("ck_00000000000000000000000000", "nope")) {
      assertEquals(404, revoke(bed, bed.keyA, made).status(), made);
    }

    // The owner revokes its newest key: naming it is refused, without rkid the older one is used.
    Response revoked = revoke(bed, bed.keyAUnseal, newer);
    assertEquals(200, revoked.status(), revoked.body());
    assertEquals("revoked", revoked.json().path("status").asText());
    Response named = unseal(bed, id, newer);
    assertEquals(403, named.status(), named.body());
    assertEquals("client_key_revoked", named.errorCode());
    Response fallback = unseal(bed, id, null);
    assertEquals(200, fallback.status(), fallback.body());
    assertEquals(older, fallback.json().path("rkid").asText());
    // Revoking again changes nothing.
    assertEquals(200, revoke(bed, bed.keyAUnseal, newer).status());

    // An admin key revokes another API key's client key (a leaked one): then none is left.
    assertEquals(200, revoke(bed, bed.keyA, older).status());
    Response none = unseal(bed, id, null);
    assertEquals(400, none.status(), none.body());
    assertEquals("invalid_request", none.errorCode());
    assertEquals(403, unseal(bed, id, older).status());
    assertTrue(
        bed.audit.between(bed.tenantA, Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
            .anyMatch(
                a ->
                    a.action().equals("client_key.revoke")
                        && a.outcome().equals(AuditRecord.SUCCESS)
                        && a.target().equals(older)));

    // Without client_keys:manage or admin: 403, audited.
    Response plain = list(bed, bed.keyAPlain, Map.of());
    assertEquals(403, plain.status());
    assertEquals("operation_not_allowed", plain.errorCode());
    assertEquals(403, revoke(bed, bed.keyAPlain, adminsOwn).status());
  }

  @AwsEnginesTest
  void pagination_andCursorsBoundToTenantAndList(AwsEngines aws) {
    ApiTestBed bed = new ApiTestBed(aws, Duration.ofMinutes(5));
    Set<String> registered = new TreeSet<>();
    for (int i = 0; i < 5; i++) {
      registered.add(register(bed, bed.keyAUnseal));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, String> q = new HashMap<>(Map.of("limit", "2"));
      if (cursor != null) {
        q.put("cursor", cursor);
      }
      Response page = list(bed, bed.keyAUnseal, q);
      assertEquals(200, page.status(), page.body());
      page.json().path("client_keys").forEach(k -> seen.add(k.path("rkid").asText()));
      cursor =
          page.json().path("next_cursor").isNull()
              ? null
              : page.json().path("next_cursor").asText();
    } while (cursor != null);
    assertEquals(registered, new TreeSet<>(seen));
    assertEquals(5, seen.size());

    String c = list(bed, bed.keyAUnseal, Map.of("limit", "1")).json().path("next_cursor").asText();
    // Another tenant's list, another list of the same tenant (the admin's): 400.
    assertEquals(400, list(bed, bed.keyB, Map.of("cursor", c)).status());
    assertEquals(400, list(bed, bed.keyA, Map.of("cursor", c)).status());
    assertEquals(200, list(bed, bed.keyAUnseal, Map.of("cursor", c)).status());
    for (String limit : List.of("0", "201", "x")) {
      Response r = list(bed, bed.keyAUnseal, Map.of("limit", limit));
      assertEquals(400, r.status(), limit);
      assertEquals("invalid_request", r.errorCode());
    }
  }

  private static JsonNode find(Response r, String rkid) {
    for (JsonNode k : r.json().path("client_keys")) {
      if (rkid.equals(k.path("rkid").asText())) {
        return k;
      }
    }
    throw new AssertionError(rkid + " not listed: " + r.body());
  }
}
