package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiException;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.PayloadTooLargeException;
import io.quantaseal.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Datadog's limits, checked before sending (unit tests, no network). */
class DatadogLimitsTest {
  private static final Instant NOW = Instant.parse("2026-11-26T19:30:00Z");

  private static JsonNode json(String s) {
    return Json.parseLenient(s);
  }

  private static ApiException refused(DatadogOperation op, JsonNode payload) {
    return assertThrows(ApiException.class, () -> DatadogLimits.prepare(op, payload, NOW));
  }

  @Test
  void event_titleAndTextLimitsInCharacters_notBytes() {
    ObjectNode e = Json.newObject();
    e.put("title", "🚀".repeat(100)).put("text", "é".repeat(4000));
    assertDoesNotThrow(() -> DatadogLimits.prepare(DatadogOperation.SEND_EVENT, e, NOW));
    e.put("title", "🚀".repeat(101));
    ApiException t = refused(DatadogOperation.SEND_EVENT, e);
    assertEquals(400, t.status());
    assertTrue(t.getMessage().contains("payload.title") && t.getMessage().contains("100"));
    e.put("title", "ok").put("text", "é".repeat(4001));
    assertEquals(400, refused(DatadogOperation.SEND_EVENT, e).status());
  }

  @Test
  void event_requiredFieldsTagsAndAge() {
    assertEquals(400, refused(DatadogOperation.SEND_EVENT, json("{\"title\":\"t\"}")).status());
    assertEquals(400, refused(DatadogOperation.SEND_EVENT, json("{\"text\":\"t\"}")).status());
    assertEquals(400, refused(DatadogOperation.SEND_EVENT, json("[]")).status());
    assertEquals(
        400,
        refused(
                DatadogOperation.SEND_EVENT,
                json("{\"title\":\"t\",\"text\":\"x\",\"tags\":\"a\"}"))
            .status());
    long old = NOW.minus(Duration.ofHours(18)).minusSeconds(1).getEpochSecond();
    long fine = NOW.minus(Duration.ofHours(18)).getEpochSecond();
    assertEquals(
        400,
        refused(
                DatadogOperation.SEND_EVENT,
                json("{\"title\":\"t\",\"text\":\"x\",\"date_happened\":" + old + "}"))
            .status());
    assertDoesNotThrow(
        () ->
            DatadogLimits.prepare(
                DatadogOperation.SEND_EVENT,
                json("{\"title\":\"t\",\"text\":\"x\",\"date_happened\":" + fine + "}"),
                NOW));
    assertEquals(
        400,
        refused(
                DatadogOperation.SEND_EVENT,
                json("{\"title\":\"t\",\"text\":\"x\",\"date_happened\":\"yesterday\"}"))
            .status());
  }

  @Test
  void metric_onePoint_becomesASeriesBody() {
    String body =
        DatadogLimits.prepare(
            DatadogOperation.SEND_METRIC,
            json("{\"metric\":\"q.depth\",\"value\":17,\"tags\":[\"env:prod\"]}"),
            NOW);
    assertEquals(
        "{\"series\":[{\"metric\":\"q.depth\",\"type\":3,\"points\":[{\"timestamp\":"
            + NOW.getEpochSecond()
            + ",\"value\":17}],\"tags\":[\"env:prod\"]}]}",
        body);
    String count =
        DatadogLimits.prepare(
            DatadogOperation.SEND_METRIC,
            json(
                "{\"metric\":\"n\",\"value\":1.5,\"type\":\"count\",\"timestamp\":"
                    + (NOW.getEpochSecond() - 30)
                    + ",\"interval\":10,\"unit\":\"request\"}"),
            NOW);
    JsonNode s = json(count).get("series").get(0);
    assertEquals(1, s.get("type").asInt());
    assertEquals(NOW.getEpochSecond() - 30, s.at("/points/0/timestamp").asLong());
    assertEquals(10, s.get("interval").asInt());
    assertEquals("request", s.get("unit").asText());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"metric\":\"m\"}",
        "{\"metric\":\"m\",\"value\":\"7\"}",
        "{\"metric\":\"m\",\"value\":1,\"type\":\"histogram\"}",
        "{\"metric\":\"m\",\"value\":1,\"type\":4}",
        "{\"metric\":\"m\",\"value\":1,\"host\":\"h\"}",
        "{\"metric\":\"\",\"value\":1}",
        "{\"metric\":\"m\",\"value\":1,\"timestamp\":1.5}",
        "{\"series\":[]}",
        "{\"series\":[{\"metric\":\"m\",\"points\":[]}]}",
        "{\"series\":[{\"metric\":\"m\",\"type\":\"gauge\",\"points\":[{\"timestamp\":1795462200,\"value\":1}]}]}",
        "{\"series\":[{\"points\":[{\"timestamp\":1795462200,\"value\":1}]}]}",
        "{\"series\":[{\"metric\":\"m\",\"points\":[{\"timestamp\":1795462200}]}]}",
        "[1,2]"
      })
  void metric_malformed_400(String payload) {
    assertEquals(400, refused(DatadogOperation.SEND_METRIC, json(payload)).status(), payload);
  }

  @Test
  void metric_pointWindow_tenMinutesAheadOneHourBehind() {
    long t = NOW.getEpochSecond();
    for (long ok : new long[] {t - 3600, t, t + 600}) {
      assertDoesNotThrow(() -> DatadogLimits.prepare(DatadogOperation.SEND_METRIC, point(ok), NOW));
    }
    for (long bad : new long[] {t - 3601, t + 601}) {
      ApiException e = refused(DatadogOperation.SEND_METRIC, point(bad));
      assertEquals(400, e.status());
      assertTrue(e.getMessage().contains("timestamp"));
    }
  }

  private static JsonNode point(long ts) {
    return json(
        "{\"series\":[{\"metric\":\"m\",\"points\":[{\"timestamp\":" + ts + ",\"value\":1}]}]}");
  }

  @Test
  void metric_bodyOver512000Bytes_413() {
    ObjectNode body = Json.newObject();
    ArrayNode series = body.putArray("series");
    long t = NOW.getEpochSecond();
    for (int i = 0; i < 9000; i++) {
      ObjectNode s = series.addObject().put("metric", "m." + i);
      s.putArray("points").addObject().put("timestamp", t).put("value", 1);
    }
    int size = Json.write(body).length();
    while (true) {
      int last = Json.write(series.get(series.size() - 1)).length() + 1;
      if (size - last <= DatadogLimits.SERIES_MAX_BYTES) {
        break;
      }
      series.remove(series.size() - 1);
      size -= last;
    }
    assertTrue(size > DatadogLimits.SERIES_MAX_BYTES, "just over: " + size);
    ApiException e = refused(DatadogOperation.SEND_METRIC, body);
    assertEquals(413, e.status());
    assertTrue(e instanceof PayloadTooLargeException);
    series.remove(series.size() - 1);
    assertDoesNotThrow(() -> DatadogLimits.prepare(DatadogOperation.SEND_METRIC, body, NOW));
  }

  @Test
  void logs_entriesBytesAndShape() {
    ArrayNode many = Json.mapper().createArrayNode();
    for (int i = 0; i < 1000; i++) {
      many.addObject().put("message", "m");
    }
    assertDoesNotThrow(() -> DatadogLimits.prepare(DatadogOperation.SEND_LOG, many, NOW));
    many.addObject().put("message", "one too many");
    assertEquals(413, refused(DatadogOperation.SEND_LOG, many).status());

    ArrayNode heavy = Json.mapper().createArrayNode();
    for (int i = 0; i < 6; i++) {
      heavy.addObject().put("message", "z".repeat(1_000_000));
    }
    assertEquals(413, refused(DatadogOperation.SEND_LOG, heavy).status());

    ObjectNode oneHuge = Json.newObject().put("message", "z".repeat(1024 * 1024));
    assertEquals(413, refused(DatadogOperation.SEND_LOG, oneHuge).status());
    ArrayNode withHuge = Json.mapper().createArrayNode();
    withHuge.addObject().put("message", "small");
    withHuge.add(oneHuge);
    assertEquals(413, refused(DatadogOperation.SEND_LOG, withHuge).status());

    assertEquals(400, refused(DatadogOperation.SEND_LOG, json("[]")).status());
    assertEquals(400, refused(DatadogOperation.SEND_LOG, json("[\"text\"]")).status());
    assertEquals(400, refused(DatadogOperation.SEND_LOG, json("\"text\"")).status());
    assertThrows(
        InvalidRequestException.class,
        () -> DatadogLimits.prepare(DatadogOperation.SEND_LOG, null, NOW));
  }

  @Test
  void utf8Length_matchesTheEncoder() {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(40);
      for (int j = 0; j < n; j++) {
        int kind = r.nextInt(4);
        sb.appendCodePoint(
            switch (kind) {
              case 0 -> 0x20 + r.nextInt(0x5f);
              case 1 -> 0x80 + r.nextInt(0x780);
              case 2 -> 0x800 + r.nextInt(0xd000 - 0x800);
              default -> 0x10000 + r.nextInt(0x10000);
            });
      }
      String s = sb.toString();
      assertEquals(s.getBytes(StandardCharsets.UTF_8).length, DatadogLimits.utf8Length(s), s);
    }
  }

  @Test
  void operations_parse() {
    assertEquals(DatadogOperation.SEND_LOG, DatadogOperation.parse("send_log"));
    assertEquals(DatadogEndpoint.LOGS, DatadogOperation.SEND_LOG.endpoint());
    assertEquals("send_event, send_metric, send_log", DatadogOperation.ids());
    assertThrows(InvalidRequestException.class, () -> DatadogOperation.parse("SEND_LOG"));
  }
}
