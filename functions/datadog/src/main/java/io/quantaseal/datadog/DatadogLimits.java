package io.quantaseal.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.PayloadTooLargeException;
import io.quantaseal.common.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Datadog's documented payload limits (docs/api.md#datadog-payload-limits), checked before anything
 * is sent: a payload over a limit never leaves the service. Field rules (a title too long, a
 * timestamp out of range, a missing member) are 400 {@code invalid_request}; sizes and counts of a
 * whole request are 413 {@code payload_too_large}. Messages name the field and the limit, never a
 * value.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>operation</th><th>limits</th></tr>
 *   <tr><td>send_event</td><td>title ≤ 100 and text ≤ 4000 characters (both required);
 *       date_happened not more than 18 h old</td></tr>
 *   <tr><td>send_metric</td><td>v2 series body ≤ 512,000 bytes (as JSON, before compression);
 *       every point ≤ 10 min ahead and ≤ 1 h behind</td></tr>
 *   <tr><td>send_log</td><td>≤ 1000 entries and ≤ 5 MiB per request; one entry ≤ 1 MiB</td></tr>
 * </table>
 *
 * <p>{@code send_metric} also takes one point, {@code {metric, value, type?, tags?, timestamp?,
 * unit?, interval?}}, which becomes a v2 series body (type defaults to gauge, timestamp to now).
 */
public final class DatadogLimits {
  public static final int EVENT_TITLE_MAX_CHARS = 100;
  public static final int EVENT_TEXT_MAX_CHARS = 4000;
  public static final Duration EVENT_MAX_AGE = Duration.ofHours(18);

  public static final int SERIES_MAX_BYTES = 512_000;
  public static final Duration POINT_MAX_AHEAD = Duration.ofMinutes(10);
  public static final Duration POINT_MAX_BEHIND = Duration.ofHours(1);

  public static final int LOGS_MAX_ENTRIES = 1000;
  public static final int LOGS_MAX_BYTES = 5 * 1024 * 1024;
  public static final int LOG_ENTRY_MAX_BYTES = 1024 * 1024;

  /** Datadog's metric name limit. */
  public static final int METRIC_NAME_MAX_CHARS = 200;

  /** v2 series {@code type}: 0 unspecified, 1 count, 2 rate, 3 gauge. */
  public static final int TYPE_UNSPECIFIED = 0;

  public static final int TYPE_COUNT = 1;
  public static final int TYPE_RATE = 2;
  public static final int TYPE_GAUGE = 3;

  private static final Set<String> SHORTHAND_FIELDS =
      Set.of("metric", "value", "type", "tags", "timestamp", "unit", "interval");

  private DatadogLimits() {}

  /**
   * Checks {@code payload} for {@code operation} and returns the JSON body to send (the one-point
   * metric shorthand converted to a series body).
   */
  public static String prepare(DatadogOperation operation, JsonNode payload, Instant now) {
    if (payload == null || payload.isNull() || payload.isMissingNode()) {
      throw new InvalidRequestException("Field 'payload' is required.");
    }
    switch (operation) {
      case SEND_EVENT:
        checkEvent(payload, now);
        return Json.write(payload);
      case SEND_METRIC:
        {
          JsonNode series = isShorthand(payload) ? seriesFromPoint(payload, now) : payload;
          String body = Json.write(series);
          checkSeries(series, utf8Length(body), now);
          return body;
        }
      case SEND_LOG:
        {
          String body = Json.write(payload);
          checkLogs(payload, utf8Length(body));
          return body;
        }
      default:
        throw new InvalidRequestException("Unknown operation.");
    }
  }

  // ---- events -----------------------------------------------------------------------------

  /** A Datadog event: title, text, optional date_happened and tags. */
  public static void checkEvent(JsonNode event, Instant now) {
    if (!event.isObject()) {
      throw new InvalidRequestException("A send_event payload must be a JSON object (an event).");
    }
    String title = requiredText(event, "title");
    if (title.codePointCount(0, title.length()) > EVENT_TITLE_MAX_CHARS) {
      throw new InvalidRequestException(
          "Field 'payload.title' must be at most " + EVENT_TITLE_MAX_CHARS + " characters.");
    }
    String text = requiredText(event, "text");
    if (text.codePointCount(0, text.length()) > EVENT_TEXT_MAX_CHARS) {
      throw new InvalidRequestException(
          "Field 'payload.text' must be at most " + EVENT_TEXT_MAX_CHARS + " characters.");
    }
    JsonNode date = event.get("date_happened");
    if (date != null && !date.isNull()) {
      long seconds = epochSeconds(date, "payload.date_happened");
      if (seconds < now.minus(EVENT_MAX_AGE).getEpochSecond()) {
        throw new InvalidRequestException(
            "Field 'payload.date_happened' is more than 18 hours in the past; Datadog refuses"
                + " older events.");
      }
    }
    checkTags(event, "payload.tags");
  }

  // ---- series -----------------------------------------------------------------------------

  /** Whether {@code payload} is the one-point shorthand rather than a series body. */
  public static boolean isShorthand(JsonNode payload) {
    return payload.isObject() && payload.has("metric") && !payload.has("series");
  }

  /** The v2 series body for one point {@code {metric, value, type?, tags?, timestamp?, …}}. */
  public static ObjectNode seriesFromPoint(JsonNode point, Instant now) {
    Iterator<String> names = point.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!SHORTHAND_FIELDS.contains(name)) {
        throw new InvalidRequestException(
            "Unknown field '"
                + (name.length() > 64 ? name.substring(0, 64) + "…" : name)
                + "' in a one-point metric; use metric, value, type, tags, timestamp, unit,"
                + " interval, or a full series body.");
      }
    }
    String metric = requiredText(point, "metric");
    JsonNode value = point.get("value");
    if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw new InvalidRequestException("Field 'payload.value' must be a number.");
    }
    int type = TYPE_GAUGE;
    JsonNode t = point.get("type");
    if (t != null && !t.isNull()) {
      type = seriesType(t, "payload.type");
    }
    long timestamp = now.getEpochSecond();
    JsonNode ts = point.get("timestamp");
    if (ts != null && !ts.isNull()) {
      timestamp = epochSeconds(ts, "payload.timestamp");
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode series = f.objectNode();
    series.put("metric", metric);
    series.put("type", type);
    ArrayNode points = series.putArray("points");
    points.addObject().put("timestamp", timestamp).set("value", value);
    checkTags(point, "payload.tags");
    if (point.hasNonNull("tags")) {
      series.set("tags", point.get("tags"));
    }
    if (point.hasNonNull("unit")) {
      series.put("unit", requiredText(point, "unit"));
    }
    if (point.hasNonNull("interval")) {
      JsonNode interval = point.get("interval");
      if (!interval.isIntegralNumber() || interval.asLong() < 0) {
        throw new InvalidRequestException("Field 'payload.interval' must be a whole number.");
      }
      series.set("interval", interval);
    }
    ObjectNode body = f.objectNode();
    body.putArray("series").add(series);
    return body;
  }

  /** A v2 series body of {@code bytes} bytes as JSON. */
  public static void checkSeries(JsonNode body, int bytes, Instant now) {
    if (bytes > SERIES_MAX_BYTES) {
      throw new PayloadTooLargeException(
          "A series body may be at most "
              + SERIES_MAX_BYTES
              + " bytes; this one is "
              + bytes
              + ". Send fewer series per call.");
    }
    JsonNode series = body.isObject() ? body.get("series") : null;
    if (series == null || !series.isArray() || series.isEmpty()) {
      throw new InvalidRequestException(
          "A send_metric payload must be {\"series\":[…]} with at least one series, or one point"
              + " {metric, value}.");
    }
    long earliest = now.minus(POINT_MAX_BEHIND).getEpochSecond();
    long latest = now.plus(POINT_MAX_AHEAD).getEpochSecond();
    int i = 0;
    for (JsonNode s : series) {
      String where = "payload.series[" + i + "]";
      if (!s.isObject()) {
        throw new InvalidRequestException("'" + where + "' must be an object.");
      }
      JsonNode metric = s.get("metric");
      if (metric == null || !metric.isTextual() || metric.textValue().isEmpty()) {
        throw new InvalidRequestException("Field '" + where + ".metric' is required.");
      }
      if (metric.textValue().length() > METRIC_NAME_MAX_CHARS) {
        throw new InvalidRequestException(
            "Field '"
                + where
                + ".metric' must be at most "
                + METRIC_NAME_MAX_CHARS
                + " characters.");
      }
      JsonNode type = s.get("type");
      if (type != null
          && !type.isNull()
          && !(type.isIntegralNumber() && type.asLong() >= 0 && type.asLong() <= 3)) {
        throw new InvalidRequestException(
            "Field '"
                + where
                + ".type' must be 0 (unspecified), 1 (count), 2 (rate) or 3 (gauge).");
      }
      JsonNode points = s.get("points");
      if (points == null || !points.isArray() || points.isEmpty()) {
        throw new InvalidRequestException(
            "Field '" + where + ".points' must be a non-empty array.");
      }
      int j = 0;
      for (JsonNode p : points) {
        String pw = where + ".points[" + j + "]";
        if (!p.isObject()) {
          throw new InvalidRequestException("'" + pw + "' must be {timestamp, value}.");
        }
        long ts = epochSeconds(p.get("timestamp"), pw + ".timestamp");
        if (ts < earliest) {
          throw new InvalidRequestException(
              "Field '" + pw + ".timestamp' is more than 1 hour in the past; Datadog drops it.");
        }
        if (ts > latest) {
          throw new InvalidRequestException(
              "Field '"
                  + pw
                  + ".timestamp' is more than 10 minutes in the future; Datadog drops"
                  + " it.");
        }
        JsonNode v = p.get("value");
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
          throw new InvalidRequestException("Field '" + pw + ".value' must be a number.");
        }
        j++;
      }
      checkTags(s, where + ".tags");
      i++;
    }
  }

  // ---- logs -------------------------------------------------------------------------------

  /** One log object or an array of them, {@code bytes} bytes as JSON. */
  public static void checkLogs(JsonNode logs, int bytes) {
    if (logs.isObject()) {
      if (bytes > LOG_ENTRY_MAX_BYTES) {
        throw new PayloadTooLargeException(
            "A log entry may be at most " + LOG_ENTRY_MAX_BYTES + " bytes.");
      }
      return;
    }
    if (!logs.isArray() || logs.isEmpty()) {
      throw new InvalidRequestException(
          "A send_log payload must be a log object or a non-empty array of them.");
    }
    if (logs.size() > LOGS_MAX_ENTRIES) {
      throw new PayloadTooLargeException(
          "At most "
              + LOGS_MAX_ENTRIES
              + " log entries per request; this one has "
              + logs.size()
              + ".");
    }
    if (bytes > LOGS_MAX_BYTES) {
      throw new PayloadTooLargeException(
          "A log batch may be at most " + LOGS_MAX_BYTES + " bytes; this one is " + bytes + ".");
    }
    int i = 0;
    for (JsonNode entry : logs) {
      if (!entry.isObject()) {
        throw new InvalidRequestException("'payload[" + i + "]' must be a log object.");
      }
      if (bytes > LOG_ENTRY_MAX_BYTES && utf8Length(Json.write(entry)) > LOG_ENTRY_MAX_BYTES) {
        throw new PayloadTooLargeException(
            "Log entry " + i + " is over " + LOG_ENTRY_MAX_BYTES + " bytes.");
      }
      i++;
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** UTF-8 length of {@code s} without encoding it. */
  public static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static String requiredText(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      throw new InvalidRequestException("Field 'payload." + field + "' is required.");
    }
    if (!n.isTextual() || n.textValue().isEmpty()) {
      throw new InvalidRequestException(
          "Field 'payload." + field + "' must be a non-empty string.");
    }
    return n.textValue();
  }

  private static long epochSeconds(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      throw new InvalidRequestException("Field '" + field + "' is required.");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
      throw new InvalidRequestException(
          "Field '" + field + "' must be a whole number of seconds since the epoch.");
    }
    return n.asLong();
  }

  private static int seriesType(JsonNode t, String field) {
    if (t.isIntegralNumber() && t.asInt() >= 0 && t.asInt() <= 3 && t.canConvertToInt()) {
      return t.asInt();
    }
    if (t.isTextual()) {
      switch (t.textValue().toLowerCase(Locale.ROOT)) {
        case "unspecified":
          return TYPE_UNSPECIFIED;
        case "count":
          return TYPE_COUNT;
        case "rate":
          return TYPE_RATE;
        case "gauge":
          return TYPE_GAUGE;
        default:
          break;
      }
    }
    throw new InvalidRequestException(
        "Field '" + field + "' must be gauge, count, rate, unspecified (or 0 to 3).");
  }

  private static void checkTags(JsonNode obj, String field) {
    JsonNode tags = obj.get("tags");
    if (tags == null || tags.isNull()) {
      return;
    }
    if (!tags.isArray()) {
      throw new InvalidRequestException("Field '" + field + "' must be an array of strings.");
    }
    for (JsonNode tag : tags) {
      if (!tag.isTextual()) {
        throw new InvalidRequestException("Field '" + field + "' must be an array of strings.");
      }
    }
  }
}
