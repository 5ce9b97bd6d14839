package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.api.Caller;
import io.quantaseal.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant self-service over HTTP against the local API (API Gateway's behaviour in front, the
 * functions behind): every list paginated with cursors bound to the tenant, API keys managed by the
 * tenant, and two tenants that never see, page through or revoke each other's ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfServiceLocalApiIntegrationTest {
  private static final String SEAL_BODY =
      "{\"credential_type\":\"api_key\",\"values\":{\"api_key\":\"0123456789abcdef0123456789abcdef\"}}";

  @TempDir static Path dataDir;
  private LocalRunner runner;
  private Http http;
  private String keyA;
  private String keyB;

  @BeforeAll
  void start() {
    runner =
        LocalRunner.start(
            LocalRunOptions.builder(RepoRoot.find()).dataDir(dataDir).fakeDatadog(true).build(),
            true,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    http = new Http(runner.baseUrl());
    keyA = runner.apiKey(); // the local tenant's first key: admin and client_keys:manage
    String tenantB = runner.services().createTenant("other tenant").tenantId();
    keyB = runner.services().issueApiKey(tenantB, Set.of(Caller.SCOPE_CLIENT_KEYS_MANAGE)).apiKey();
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  private Http.Answer get(String path, String key) {
    return http.send("GET", path, key, null, Map.of());
  }

  private Http.Answer post(String path, String key, String body) {
    return http.send("POST", path, key, body, Map.of());
  }

  /** Every item id of a list, page by page with {@code limit}; checks that none comes twice. */
  private List<String> walk(String path, String key, String items, String idField, int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Answer page =
          get(path + "?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), key);
      assertEquals(200, page.status(), path + ": " + page);
      assertTrue(page.json().path(items).size() <= limit);
      page.json().path(items).forEach(i -> ids.add(i.path(idField).asText()));
      cursor =
          page.json().path("next_cursor").isNull()
              ? null
              : page.json().path("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 100);
    assertEquals(new HashSet<>(ids).size(), ids.size(), path + ": an item twice");
    return ids;
  }

  @Test
  void everyList_isPaginated_andItsCursorsOpenOnlyForTheirTenant() {
    Set<String> entries = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Http.Answer sealed = post("/api/v2/vault/seal", keyA, SEAL_BODY);
      assertEquals(201, sealed.status(), sealed.toString());
      entries.add(sealed.json().path("vault_entry_id").asText());
    }
    String credential = entries.iterator().next();
    // A rotation adds a version item under the entry: lists still hold entries only.
    assertEquals(
        200,
        post(
                "/api/v2/vault/entries/" + credential + "/rotate",
                keyA,
                "{\"values\":{\"api_key\":\"fedcba9876543210fedcba9876543210\"}}")
            .status());
    Set<String> integrations = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Http.Answer created =
          post(
              "/api/v2/integrations",
              keyA,
              "{\"system_type\":\"datadog\",\"credential_id\":\""
                  + credential
                  + "\",\"config\":{\"site\":\"datadoghq.com\"},\"allowed_operations\":[\"send_event\",\"send_metric\",\"send_log\"]}");
      assertEquals(201, created.status(), created.toString());
      integrations.add(created.json().path("integration_id").asText());
    }
    Set<String> destinations = new HashSet<>();
    for (String integration : List.copyOf(integrations).subList(0, 2)) {
      Http.Answer dst =
          post(
              "/api/v2/siem/destinations",
              keyA,
              "{\"system_type\":\"datadog\",\"integration_id\":\""
                  + integration
                  + "\",\"streams\":[\"audit\"]}");
      assertEquals(201, dst.status(), dst.toString());
      destinations.add(dst.json().path("destination_id").asText());
    }

    assertEquals(
        entries,
        new HashSet<>(walk("/api/v2/vault/entries", keyA, "entries", "vault_entry_id", 2)));
    assertEquals(
        integrations,
        new HashSet<>(walk("/api/v2/integrations", keyA, "integrations", "integration_id", 2)));
    assertEquals(
        destinations,
        new HashSet<>(
            walk("/api/v2/siem/destinations", keyA, "destinations", "destination_id", 1)));
    assertTrue(walk("/api/v2/audit", keyA, "records", "audit_id", 7).size() > 10);
    assertTrue(walk("/api/v2/api-keys", keyA, "api_keys", "api_key_id", 1).size() >= 1);

    for (String list :
        List.of(
            "/api/v2/vault/entries",
            "/api/v2/integrations",
            "/api/v2/siem/destinations",
            "/api/v2/api-keys",
            "/api/v2/audit",
            "/api/v2/encryption/client-keys")) {
      // Tenant B (its first key: admin too) lists nothing of A's, and A's cursors are 400 for it.
      Http.Answer b = get(list, keyB);
      assertEquals(200, b.status(), list + ": " + b);
      for (String id : entries) {
        assertFalse(b.body().contains(id), list);
      }
      Http.Answer firstPage = get(list + "?limit=1", keyA);
      assertEquals(200, firstPage.status(), list + ": " + firstPage);
      JsonNode cursor = firstPage.json().path("next_cursor");
      if (!cursor.isNull()) {
        Http.Answer foreign = get(list + "?cursor=" + cursor.asText(), keyB);
        assertEquals(400, foreign.status(), list + ": " + foreign);
        assertEquals("invalid_request", foreign.json().path("error").path("code").asText());
      }
      assertEquals(400, get(list + "?limit=201", keyA).status(), list);
      assertEquals(400, get(list + "?cursor=bm90LWEtY3Vyc29y", keyA).status(), list);
    }
  }

  @Test
  void apiKeys_createdByTheTenant_workAtOnce_andARevokedUnusedKeyIsRefused() {
    Http.Answer created =
        post("/api/v2/api-keys", keyA, "{\"name\":\"deploy\",\"scopes\":[\"client_keys:manage\"]}");
    assertEquals(201, created.status(), created.toString());
    String newKey = created.json().path("api_key").asText();
    assertEquals(200, get("/api/v2/vault/entries", newKey).status(), "works at once");

    Http.Answer unused = post("/api/v2/api-keys", keyA, "{\"name\":\"never used\"}");
    String unusedKey = unused.json().path("api_key").asText();
    String unusedId = unused.json().path("api_key_id").asText();
    assertEquals(
        200, http.send("DELETE", "/api/v2/api-keys/" + unusedId, keyA, null, Map.of()).status());
    // Never seen by the authorizer, so not cached: refused at once (a cached key may work for up
    // to the authorizer's cache time, 60 s).
    Http.Answer refused = get("/api/v2/vault/entries", unusedKey);
    assertEquals(403, refused.status(), refused.toString());
    assertEquals("invalid_api_key", refused.json().path("error").path("code").asText());

    // Tenant B cannot revoke, or even see, tenant A's keys.
    String idA = created.json().path("api_key_id").asText();
    Http.Answer foreign = http.send("DELETE", "/api/v2/api-keys/" + idA, keyB, null, Map.of());
    assertEquals(404, foreign.status(), foreign.toString());
    assertFalse(get("/api/v2/api-keys", keyB).body().contains(idA));
    // B's first key is its admin key; a key it creates cannot hold a scope B's key lacks.
    Http.Answer tooMuch =
        post("/api/v2/api-keys", keyB, "{\"name\":\"x\",\"scopes\":[\"vault:unseal\"]}");
    assertEquals(403, tooMuch.status(), tooMuch.toString());

    // The audit trail, as CSV.
    Http.Answer csv =
        http.send(
            "GET", "/api/v2/audit?action=api_key.revoke", keyA, null, Map.of("Accept", "text/csv"));
    assertEquals(200, csv.status(), csv.toString());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"));
    assertTrue(csv.body().contains(unusedId), csv.body());
  }
}
