package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPathsTest {
  private static JsonNode json(String s) throws Exception {
    return JsonPaths.JSON.readTree(s);
  }

  @Test
  void get_goesIntoArraysAndIntoABodyHoldingJson() throws Exception {
    JsonNode answer =
        json(
            "{\"statusCode\":201,\"body\":\"{\\\"vault_entry_id\\\":\\\"vlt_1\\\"}\","
                + "\"policyDocument\":{\"Statement\":[{\"Effect\":\"Allow\"}]}}");
    assertEquals("vlt_1", JsonPaths.get(answer, "body.vault_entry_id").orElseThrow().asText());
    assertEquals(
        "Allow", JsonPaths.get(answer, "policyDocument.Statement.0.Effect").orElseThrow().asText());
    assertEquals("201", JsonPaths.get(answer, "statusCode").orElseThrow().asText());
    assertTrue(JsonPaths.get(answer, "body.missing").isEmpty());
    assertTrue(JsonPaths.get(answer, "statusCode.x").isEmpty());
  }

  @Test
  void set_rewritesTheBodyString_andKeepsTheRest() throws Exception {
    JsonNode event =
        json(
            "{\"headers\":{\"X-API-Key\":\"old\"},\"body\":\"{\\\"integration_id\\\":\\\"int_old\\\",\\\"operation\\\":\\\"send_event\\\"}\"}");
    JsonNode out = JsonPaths.set(event, "body.integration_id", "int_new");
    out = JsonPaths.set(out, "headers.X-API-Key", "qs_new");
    JsonNode body = JsonPaths.JSON.readTree(out.path("body").asText());
    assertEquals("int_new", body.path("integration_id").asText());
    assertEquals("send_event", body.path("operation").asText());
    assertEquals("qs_new", out.path("headers").path("X-API-Key").asText());
  }

  @Test
  void hasParent_isFalseWhereThereIsNothingToSet() throws Exception {
    JsonNode event = json("{\"requestContext\":{\"stage\":\"v2\"},\"body\":null}");
    assertTrue(JsonPaths.hasParent(event, "requestContext.path"));
    assertFalse(JsonPaths.hasParent(event, "requestContext.authorizer.tenant_id"));
    assertFalse(JsonPaths.hasParent(event, "headers.X-API-Key"));
    assertThrows(
        IllegalArgumentException.class, () -> JsonPaths.set(event, "headers.X-API-Key", "k"));
  }
}
