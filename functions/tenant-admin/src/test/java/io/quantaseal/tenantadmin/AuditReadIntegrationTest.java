package io.quantaseal.tenantadmin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.crypto.audit.AuditRecord;
import io.quantaseal.testsupport.lambda.ApiGatewayTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v2/audit} as a caller uses it, JSON and CSV, on DynamoDB Local. */
class AuditReadIntegrationTest {
  private AdminTestBed bed;

  @BeforeEach
  void start() {
    bed = new AdminTestBed();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private AdminTestBed.Request audit(String key) {
    return bed.request("list-audit.json").key(key);
  }

  /** Three records of tenant A a second apart, one denied; one of tenant B. */
  private void someRecords() {
    for (String name : List.of("one", "two")) {
      bed.clock.advance(Duration.ofSeconds(1));
      assertEquals(
          201,
          bed.request("create-api-key.json")
              .key(bed.adminA)
              .body("{\"name\":\"" + name + "\"}")
              .send()
              .status());
    }
    bed.clock.advance(Duration.ofSeconds(1));
    bed.request("list-api-keys.json").key(bed.plainA).send(); // denied: no admin
    bed.request("list-api-keys.json").key(bed.plainA).send();
  }

  @Test
  void records_haveTheDocumentedMembers_inOrder_andOnlyTheCallersTenant() {
    someRecords();
    ApiGatewayTestClient.Response r = audit(bed.adminA).send();
    assertEquals(200, r.status(), r.body());
    JsonNode records = r.json().path("records");
    assertTrue(records.size() >= 7, "tenant creation, 2 operator keys, 2 creates, 2 denials");
    List<String> order = new ArrayList<>();
    for (JsonNode rec : records) {
      // Every record passes the audit library's own check (docs/audit.md, "Records").
      AuditRecord parsed = AuditRecord.fromJson(rec);
      assertEquals(bed.tenantA, parsed.tenantId());
      assertEquals(27, rec.path("time").asText().length(), "fixed width, microseconds");
      order.add(rec.path("time").asText() + rec.path("audit_id").asText());
    }
    assertEquals(order.stream().sorted().toList(), order, "(time, audit_id) order");
    JsonNode created = null;
    for (JsonNode rec : records) {
      if (rec.path("action").asText().equals("tenant.create")) {
        created = rec;
      }
    }
    assertEquals("tenant.create", created.path("action").asText());
    assertEquals("operator", created.path("actor").asText());
    assertEquals(bed.tenantA, created.path("resource").path("id").asText());
    JsonNode denied = null;
    for (JsonNode rec : records) {
      if (rec.path("outcome").asText().equals("denied")) {
        denied = rec;
      }
    }
    assertEquals("api_key.list", denied.path("action").asText());
    assertEquals("missing_scope", denied.path("details").path("reason").asText());
    assertTrue(denied.path("actor").asText().startsWith("key_"));

    JsonNode b = audit(bed.adminB).send().json().path("records");
    for (JsonNode rec : b) {
      assertEquals(bed.tenantB, rec.path("tenant_id").asText());
    }
    assertFalse(audit(bed.adminB).send().body().contains(bed.tenantA));
  }

  @Test
  void filters_andPagination_andBadParameters() {
    someRecords();
    JsonNode denied = audit(bed.adminA).query("outcome", "denied").send().json().path("records");
    assertEquals(2, denied.size());
    JsonNode creates =
        audit(bed.adminA)
            .query("action", AuditActions.API_KEY_CREATE)
            .send()
            .json()
            .path("records");
    assertEquals(4, creates.size(), "two by the operator, two by the tenant");
    String secondCreate = creates.get(3).path("time").asText();
    JsonNode from =
        audit(bed.adminA)
            .query("action", AuditActions.API_KEY_CREATE)
            .query("from", secondCreate)
            .send()
            .json()
            .path("records");
    assertEquals(1, from.size(), "from is inclusive");
    JsonNode to =
        audit(bed.adminA)
            .query("action", AuditActions.API_KEY_CREATE)
            .query("to", secondCreate)
            .send()
            .json()
            .path("records");
    assertEquals(3, to.size(), "to is exclusive");

    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      AdminTestBed.Request q = audit(bed.adminA).query("limit", "2");
      if (cursor != null) {
        q.query("cursor", cursor);
      }
      JsonNode page = q.send().json();
      page.path("records").forEach(rec -> ids.add(rec.path("audit_id").asText()));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
    } while (cursor != null);
    assertEquals(new HashSet<>(ids).size(), ids.size());
    String firstCursor =
        audit(bed.adminA).query("limit", "1").send().json().path("next_cursor").asText();
    // A cursor continues only the query it came from, for the tenant it came from.
    assertEquals(
        400,
        audit(bed.adminA).query("cursor", firstCursor).query("outcome", "denied").send().status());
    assertEquals(400, audit(bed.adminB).query("cursor", firstCursor).send().status());

    // Nanoseconds and years outside the trail are fine filters (schemathesis found a 500 here).
    assertEquals(
        200, audit(bed.adminA).query("from", "2026-12-06T12:00:00.123456789Z").send().status());
    assertEquals(
        400,
        audit(bed.adminA)
            .query("from", "2026-12-06T12:00:00.123456789Z")
            .query("cursor", "OjH6aP60X")
            .send()
            .status());
    assertEquals(
        200,
        audit(bed.adminA)
            .query("from", "+100000-01-01T00:00:00Z")
            .query("to", "-0001-01-01T00:00:00Z")
            .send()
            .status());
    for (String[] bad :
        new String[][] {
          {"from", "yesterday"},
          {"to", "2026-13-01T00:00:00Z"},
          {"outcome", "ok"},
          {"action", "DROP TABLE"},
          {"limit", "500"}
        }) {
      ApiGatewayTestClient.Response r = audit(bed.adminA).query(bad[0], bad[1]).send();
      assertEquals(400, r.status(), bad[0] + "=" + bad[1]);
      assertEquals("invalid_request", r.errorCode());
    }
    ApiGatewayTestClient.Response noScope = audit(bed.plainA).send();
    assertEquals(403, noScope.status());
    assertEquals("operation_not_allowed", noScope.errorCode());
  }

  @Test
  void csv_withAcceptTextCsv_isOneQuotedLinePerRecord() {
    someRecords();
    ApiGatewayTestClient.Response r =
        audit(bed.adminA).header("Accept", "text/csv").query("limit", "3").send();
    assertEquals(200, r.status(), r.body());
    assertEquals("text/csv; charset=utf-8", r.headers().get("Content-Type"));
    String[] lines = r.body().split("\r\n");
    assertEquals(
        "audit_id,tenant_id,time,action,outcome,request_id,actor,resource,details,security_alert",
        lines[0]);
    assertEquals(4, lines.length, "header and three records");
    String created =
        java.util.Arrays.stream(lines)
            .filter(l -> l.contains(",tenant.create,"))
            .findFirst()
            .orElseThrow();
    assertTrue(created.contains(",tenant.create,success,operator,operator,"), created);
    assertTrue(created.contains("\"{\"\"id\"\":\"\"" + bed.tenantA + "\"\"}\""), created);
    assertTrue(r.headers().containsKey("X-Next-Cursor"), "the next page's cursor in a header");
    String next = r.headers().get("X-Next-Cursor");
    ApiGatewayTestClient.Response page2 =
        audit(bed.adminA)
            .header("Accept", "text/csv")
            .query("limit", "3")
            .query("cursor", next)
            .send();
    assertEquals(200, page2.status());
    assertFalse(page2.body().contains(lines[1].substring(0, 30)));
  }
}
