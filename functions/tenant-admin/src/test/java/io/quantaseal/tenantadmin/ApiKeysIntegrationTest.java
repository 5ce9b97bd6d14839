package io.quantaseal.tenantadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /api/v2/api-keys} as a caller uses it: API Gateway events through the authorizer and
 * TenantAdminFunction on DynamoDB Local.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysIntegrationTest {
  private AdminTestBed bed;

  @BeforeEach
  void freshBed() {
    if (bed != null) {
      bed.close();
    }
    bed = new AdminTestBed();
  }

  @AfterAll
  void close() {
    bed.close();
  }

  private ApiGatewayTestClient.Response create(String key, String body) {
    return bed.request("create-api-key.json").key(key).body(body).send();
  }

  private ApiGatewayTestClient.Response list(String key) {
    return bed.request("list-api-keys.json").key(key).send();
  }

  private ApiGatewayTestClient.Response current(String key) {
    return bed.request("current-api-key.json").key(key).send();
  }

  private ApiGatewayTestClient.Response revoke(String key, String id) {
    return bed.request("revoke-api-key.json").key(key).id(id).send();
  }

  private List<AuditRecord> audit(String tenant) {
    return bed.audit.between(tenant, Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z"));
  }

  @Test
  void current_isTheCallingKeyWithItsTenant_forAnyKey_unaudited() {
    int before = audit(bed.tenantA).size();
    ApiGatewayTestClient.Response plain = current(bed.plainA);
    assertEquals(200, plain.status(), plain.body());
    assertEquals("no-store", plain.headers().get("Cache-Control"));
    assertEquals(bed.tenantA, plain.json().path("tenant_id").asText());
    assertEquals("[\"client_keys:manage\"]", plain.json().path("scopes").toString());
    assertEquals(bed.plainA.substring(0, 12) + "…", plain.json().path("display_prefix").asText());
    assertEquals("active", plain.json().path("status").asText());
    assertFalse(plain.body().contains(bed.plainA), "never the key");

    ApiGatewayTestClient.Response admin = current(bed.adminA);
    assertEquals(200, admin.status(), admin.body());
    assertEquals(bed.adminAId, admin.json().path("api_key_id").asText());
    assertTrue(admin.json().path("scopes").toString().contains("\"admin\""));
    assertEquals(before, audit(bed.tenantA).size(), "reading itself is not audited");

    ApiGatewayTestClient.Response other = current(bed.adminB);
    assertEquals(bed.tenantB, other.json().path("tenant_id").asText());
    assertNotEquals(bed.adminAId, other.json().path("api_key_id").asText());
  }

  @Test
  void create_showsTheKeyOnce_andTheListShowsNeitherKeyNorHash() {
    ApiGatewayTestClient.Response r =
        create(
            bed.adminA,
            "{\"name\":\"ci deploy\",\"scopes\":[\"client_keys:manage\"],"
                + "\"expires_at\":\"2027-01-01T00:00:00Z\"}");
    assertEquals(201, r.status(), r.body());
    assertEquals("no-store", r.headers().get("Cache-Control"));
    String key = r.json().path("api_key").asText();
    assertTrue(ApiKeys.wellFormed(key), "a qs_live_ key, like its creator");
    assertTrue(key.startsWith(ApiKeys.LIVE_PREFIX));
    assertEquals("ci deploy", r.json().path("name").asText());
    assertEquals("[\"client_keys:manage\"]", r.json().path("scopes").toString());
    assertEquals("2027-01-01T00:00:00Z", r.json().path("expires_at").asText());
    assertEquals("active", r.json().path("status").asText());
    String id = r.json().path("api_key_id").asText();

    // The new key authenticates (403 from the function, not the authorizer: it lacks admin).
    ApiGatewayTestClient.Response withNew = list(key);
    assertEquals(403, withNew.status());
    assertEquals("operation_not_allowed", withNew.errorCode());

    ApiGatewayTestClient.Response listed = list(bed.adminA);
    assertEquals(200, listed.status(), listed.body());
    assertFalse(listed.body().contains(key), "never the key");
    assertFalse(listed.body().contains(ApiKeys.hash(key)), "never its hash");
    JsonNode mine = find(listed.json().path("api_keys"), id);
    assertEquals("ci deploy", mine.path("name").asText());
    assertEquals(key.substring(0, 12) + "…", mine.path("display_prefix").asText());
    assertFalse(mine.path("last_used_at").isNull(), "its one use was recorded");
    assertTrue(listed.json().path("next_cursor").isNull());
    assertTrue(
        audit(bed.tenantA).stream()
            .anyMatch(a -> a.action().equals("api_key.create") && a.target().equals(id)));
  }

  @Test
  void lastUsed_isRecordedAtMostOnceAMinute() {
    String key =
        create(bed.adminA, "{\"name\":\"app\",\"scopes\":[]}").json().path("api_key").asText();
    String id = bed.apiKeys.findByHash(ApiKeys.hash(key)).orElseThrow().apiKeyId();
    Instant first = bed.clock.instant();
    list(key);
    bed.clock.advance(Duration.ofSeconds(30));
    list(key);
    assertEquals(
        first,
        bed.apiKeys.find(bed.tenantA, id).orElseThrow().lastUsedAt().orElseThrow(),
        "a use 30 s later is not written");
    bed.clock.advance(Duration.ofSeconds(31));
    list(key);
    assertEquals(
        bed.clock.instant(),
        bed.apiKeys.find(bed.tenantA, id).orElseThrow().lastUsedAt().orElseThrow());
  }

  @Test
  void aKeyCannotGrantAScopeItsCreatorLacks_andTheRefusalIsAudited() {
    ApiGatewayTestClient.Response r =
        create(bed.adminA, "{\"name\":\"x\",\"scopes\":[\"vault:unseal\"]}");
    assertEquals(403, r.status(), r.body());
    assertEquals("operation_not_allowed", r.errorCode());
    assertTrue(r.json().path("error").path("message").asText().contains("vault:unseal"));
    assertTrue(
        audit(bed.tenantA).stream()
            .anyMatch(
                a ->
                    a.action().equals("api_key.create")
                        && a.outcome().equals(AuditRecord.DENIED)
                        && "scope_not_held".equals(a.details().get("reason"))));
    // Nothing was created.
    assertEquals(2, list(bed.adminA).json().path("api_keys").size());
    // What the creator holds, it may grant: admin included.
    assertEquals(
        201, create(bed.adminA, "{\"name\":\"second admin\",\"scopes\":[\"admin\"]}").status());
  }

  @Test
  void withoutAdmin_everyOperationIs403_andAudited() {
    assertEquals(403, create(bed.plainA, "{\"name\":\"x\"}").status());
    assertEquals(403, list(bed.plainA).status());
    ApiGatewayTestClient.Response r = revoke(bed.plainA, bed.adminAId);
    assertEquals(403, r.status());
    assertEquals("operation_not_allowed", r.errorCode());
    long denied =
        audit(bed.tenantA).stream()
            .filter(
                a ->
                    a.action().startsWith("api_key.")
                        && a.outcome().equals(AuditRecord.DENIED)
                        && "missing_scope".equals(a.details().get("reason")))
            .count();
    assertEquals(3, denied);
    assertTrue(bed.apiKeys.find(bed.tenantA, bed.adminAId).orElseThrow().revokedAt().isEmpty());
  }

  @Test
  void badBodies_are400() {
    for (String body :
        List.of(
            "{}",
            "{\"name\":\"\"}",
            "{\"name\":\"   \"}",
            "{\"name\":\"a\\u0007b\"}",
            "{\"name\":\"" + "n".repeat(65) + "\"}",
            "{\"name\":\"x\",\"scopes\":[\"root\"]}",
            "{\"name\":\"x\",\"scopes\":\"admin\"}",
            "{\"name\":\"x\",\"expires_at\":\"tomorrow\"}",
            "{\"name\":\"x\",\"expires_at\":\"2020-01-01T00:00:00Z\"}",
            "{\"name\":\"x\",\"expires_at\":\"2999-01-01T00:00:00Z\"}",
            "{\"name\":\"x\",\"key\":\"qs_live_chosen\"}",
            "[]",
            "not json")) {
      ApiGatewayTestClient.Response r = create(bed.adminA, body);
      assertEquals(400, r.status(), body + " -> " + r.body());
      assertEquals("invalid_request", r.errorCode(), body);
    }
  }

  @Test
  void revoke_stopsTheKey_andTheLastAdminKeyIsRefusedWith409() {
    String second =
        create(bed.adminA, "{\"name\":\"second admin\",\"scopes\":[\"admin\"]}")
            .json()
            .path("api_key")
            .asText();
    String secondId = bed.apiKeys.findByHash(ApiKeys.hash(second)).orElseThrow().apiKeyId();

    ApiGatewayTestClient.Response r = revoke(second, bed.adminAId);
    assertEquals(200, r.status(), r.body());
    assertEquals("revoked", r.json().path("status").asText());
    assertFalse(r.json().path("revoked_at").isNull());
    // The revoked key is refused by the authorizer.
    ApiGatewayTestClient.Response refused = list(bed.adminA);
    assertEquals(403, refused.status());
    assertEquals("invalid_api_key", refused.errorCode());
    // Revoking it again changes nothing.
    assertEquals(200, revoke(second, bed.adminAId).status());

    // Now `second` is the last admin key: it cannot revoke itself.
    ApiGatewayTestClient.Response last = revoke(second, secondId);
    assertEquals(409, last.status(), last.body());
    assertEquals("last_admin_key", last.errorCode());
    assertEquals(200, list(second).status(), "still works");
    assertTrue(
        audit(bed.tenantA).stream()
            .anyMatch(
                a ->
                    a.action().equals("api_key.revoke")
                        && a.outcome().equals(AuditRecord.DENIED)
                        && "last_admin_key".equals(a.details().get("reason"))));
    // A key that is not admin can always be revoked.
    String plainId = find(list(second).json().path("api_keys"), null).path("api_key_id").asText();
    assertNotEquals("", plainId);
  }

  @Test
  void anExpiredAdminKeyDoesNotCountAsAnotherAdmin_andIsRefusedByTheAuthorizer() {
    String expiring =
        create(
                bed.adminA,
                "{\"name\":\"temp admin\",\"scopes\":[\"admin\"],"
                    + "\"expires_at\":\"2026-12-06T13:00:00Z\"}")
            .json()
            .path("api_key")
            .asText();
    assertEquals(200, list(expiring).status());
    bed.clock.advance(Duration.ofHours(2));
    ApiGatewayTestClient.Response r = list(expiring);
    assertEquals(403, r.status());
    assertEquals("invalid_api_key", r.errorCode());
    assertTrue(
        audit(bed.tenantA).stream()
            .anyMatch(a -> "expired_api_key".equals(a.details().get("reason"))));
    ApiGatewayTestClient.Response last = revoke(bed.adminA, bed.adminAId);
    assertEquals(409, last.status(), "the expired admin key does not count");
    JsonNode listed = list(bed.adminA).json().path("api_keys");
    Set<String> statuses = new HashSet<>();
    listed.forEach(k -> statuses.add(k.path("status").asText()));
    assertEquals(Set.of("active", "expired"), statuses);
  }

  @Test
  void anotherTenantsKeyIds_are404_andAudited() {
    ApiGatewayTestClient.Response r = revoke(bed.adminB, bed.adminAId);
    assertEquals(404, r.status(), r.body());
    assertEquals("not_found", r.errorCode());
    assertTrue(bed.apiKeys.find(bed.tenantA, bed.adminAId).orElseThrow().revokedAt().isEmpty());
    assertTrue(
        audit(bed.tenantB).stream()
            .anyMatch(
                a ->
                    a.action().equals("api_key.revoke")
                        && a.outcome().equals(AuditRecord.DENIED)
                        && a.target().equals(bed.adminAId)));
    for (String made : List.of("key_0000000000000000000000000", "nonsense", "..%2F")) {
      assertEquals(404, revoke(bed.adminB, made).status(), made);
    }
    JsonNode listB = list(bed.adminB).json().path("api_keys");
    assertEquals(1, listB.size(), "tenant B sees only its own key");
    assertFalse(list(bed.adminB).body().contains(bed.adminAId));
  }

  @Test
  void pagination_walksEveryKeyOnce_andCursorsAreBoundToTenantAndList() {
    for (int i = 0; i < 5; i++) {
      assertEquals(201, create(bed.adminA, "{\"name\":\"k" + i + "\"}").status());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      AdminTestBed.Request q =
          bed.request("list-api-keys.json").key(bed.adminA).query("limit", "2");
      if (cursor != null) {
        q.query("cursor", cursor);
      }
      ApiGatewayTestClient.Response page = q.send();
      assertEquals(200, page.status(), page.body());
      assertTrue(page.json().path("api_keys").size() <= 2);
      page.json().path("api_keys").forEach(k -> seen.add(k.path("api_key_id").asText()));
      cursor =
          page.json().path("next_cursor").isNull()
              ? null
              : page.json().path("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertEquals(7, seen.size());
    assertEquals(7, new HashSet<>(seen).size(), "no key twice");
    assertEquals(4, pages);
    assertEquals(seen.stream().sorted().toList(), seen, "in id order");

    String cursorA =
        bed.request("list-api-keys.json")
            .key(bed.adminA)
            .query("limit", "1")
            .send()
            .json()
            .path("next_cursor")
            .asText();
    assertFalse(cursorA.contains("key_"), "no id readable in a cursor");
    // Another tenant's cursor.
    ApiGatewayTestClient.Response foreign =
        bed.request("list-api-keys.json").key(bed.adminB).query("cursor", cursorA).send();
    assertEquals(400, foreign.status());
    assertEquals("invalid_request", foreign.errorCode());
    // Another list's cursor.
    ApiGatewayTestClient.Response otherList =
        bed.request("list-audit.json").key(bed.adminA).query("cursor", cursorA).send();
    assertEquals(400, otherList.status(), otherList.body());
    // Tampered: one character changed.
    char c = cursorA.charAt(cursorA.length() / 2);
    String tampered =
        cursorA.substring(0, cursorA.length() / 2)
            + (c == 'A' ? 'B' : 'A')
            + cursorA.substring(cursorA.length() / 2 + 1);
    for (String bad : List.of(tampered, "", "abc", "====", "x".repeat(2000), cursorA + "A")) {
      ApiGatewayTestClient.Response r =
          bed.request("list-api-keys.json").key(bed.adminA).query("cursor", bad).send();
      assertEquals(400, r.status(), bad);
      assertEquals("invalid_request", r.errorCode());
    }
    assertTrue(
        audit(bed.tenantB).stream().anyMatch(a -> a.action().equals("list.cursor_rejected")));
    for (String limit : List.of("0", "201", "-1", "abc", "1.5", "99999", "")) {
      ApiGatewayTestClient.Response r =
          bed.request("list-api-keys.json").key(bed.adminA).query("limit", limit).send();
      assertEquals(400, r.status(), "limit=" + limit);
      assertEquals("invalid_request", r.errorCode());
    }
    assertEquals(
        200,
        bed.request("list-api-keys.json").key(bed.adminA).query("limit", "200").send().status());
  }

  /** The key with this id; with null, the first key that is not admin. */
  private static JsonNode find(JsonNode keys, String id) {
    for (JsonNode k : keys) {
      if (id == null
          ? !k.path("scopes").toString().contains("\"admin\"")
          : id.equals(k.path("api_key_id").asText())) {
        return k;
      }
    }
    throw new AssertionError("not listed: " + id + " in " + keys);
  }
}
