package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake Datadog's account of what arrived, one case a row: path, status, body, summary. */
class DatadogRequestSummaryTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          /api/v2/logs   | 202 | [{"ddsource":"quantaseal","evt":{"name":"vault.seal"}},{"ddsource":"quantaseal","evt":{"name":"vault.seal"}},{"ddsource":"quantaseal","evt":{"name":"proxy.call"}}] | 3 logs: ddsource quantaseal ×3 (vault.seal ×2, proxy.call ×1)
          /api/v2/logs   | 202 | [{"ddsource":"java","service":"checkout"},{"ddsource":"java"},{"ddsource":"go"}] | 3 logs: ddsource java ×2, go ×1
          /api/v2/logs   | 202 | {"message":"one, no source"} | 1 log: ddsource - ×1
          /api/v2/series | 202 | {"series":[{"metric":"a"},{"metric":"b"},{"metric":"a"}]} | 3 series: a, b
          /api/v2/series | 202 | {"series":[{"metric":"m1"},{"metric":"m2"},{"metric":"m3"},{"metric":"m4"},{"metric":"m5"},{"metric":"m6"},{"metric":"m7"},{"metric":"m8"}]} | 8 series: m1, m2, m3, m4, m5, m6, +2 more
          /api/v1/events | 202 | {"title":"QuantaSeal security alert: policy_denial (ten_x)","alert_type":"warning"} | '1 event: title "QuantaSeal security alert: policy_denial (ten_x)", alert_type warning'
          /api/v1/events | 202 | {"title":"Deploy finished"} | '1 event: title "Deploy finished"'
          /api/v1/validate | 200 | | key valid
          /api/v2/logs   | 401 | [] | DD-API-KEY missing
          /api/v2/logs   | 403 | [] | DD-API-KEY missing or refused
          /api/v1/events | 403 | {} | DD-API-KEY missing or refused
          /api/v2/series | 405 | | not a method of this endpoint
          /api/v2/other  | 404 | {} | not an endpoint of this fake
          /api/v2/logs   | 202 | | empty body
          """)
  void summary(String path, int status, String body, String expected) throws IOException {
    JsonNode json = body == null ? null : LocalJson.mapper().readTree(body);
    assertEquals(expected, DatadogRequestSummary.of(path, status, json, body == null ? 0 : 9));
  }

  @Test
  void bodyThatIsNotJson_saysSo() {
    assertEquals("12 bytes, not JSON", DatadogRequestSummary.of("/api/v2/logs", 202, null, 12));
  }

  @Test
  void valuesFromTheRequest_areShortenedAndEscaped() throws IOException {
    String title = "x".repeat(300) + "\r\nforged";
    JsonNode event =
        LocalJson.mapper().createObjectNode().put("title", "a\r\n\u001b[31mb").put("x", 1);
    String line = DatadogRequestSummary.of("/api/v1/events", 202, event, 1);
    assertEquals("1 event: title \"a\\r\\n\\u001b[31mb\"", line);
    JsonNode log =
        LocalJson.mapper()
            .readTree(
                "[{\"ddsource\":"
                    + LocalJson.mapper().writeValueAsString(title)
                    + ",\"evt\":{\"name\":\"n\\u009b2J\"}}]");
    String logs = DatadogRequestSummary.of("/api/v2/logs", 202, log, 1);
    assertTrue(logs.contains("x".repeat(DatadogRequestSummary.MAX_VALUE) + "… ×1"), logs);
    assertFalse(logs.contains("forged"), logs);
    assertTrue(logs.endsWith("(n\\u009b2J ×1)"), logs);
    assertFalse(logs.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), logs);
  }
}
