package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request to the fake Datadog carried, for its console line: {@code 3 logs: ddsource
 * quantaseal ×3 (vault.seal ×2, proxy.call ×1)}, {@code 12 series: quantaseal.vault.operations, …},
 * {@code 1 event: title "QuantaSeal security alert: …", alert_type error}. Every value taken from
 * the request is shortened and goes through {@link ConsoleText#escape}, so a client cannot break or
 * forge the line.
 */
final class DatadogRequestSummary {
  /** Longest value printed (longer ones end in {@code …}). */
  static final int MAX_VALUE = 100;

  /** Most names or groups listed (then {@code +N more}). */
  static final int MAX_ITEMS = 6;

  private DatadogRequestSummary() {}

  /**
   * The summary of a request to {@code path} answered {@code status}: {@code body} as parsed (null
   * when empty or not JSON), {@code bytes} as received.
   */
  static String of(String path, int status, JsonNode body, int bytes) {
    if (status == 401) {
      return "DD-API-KEY missing"; // the logs intake's answer; the API answers 403
    }
    if (status == 403) {
      return "DD-API-KEY missing or refused";
    }
    if (status == 404) {
      return "not an endpoint of this fake";
    }
    if (status == 405) {
      return "not a method of this endpoint";
    }
    if (path.endsWith("/validate")) {
      return "key valid";
    }
    if (body == null) {
      return bytes == 0 ? "empty body" : bytes + " bytes, not JSON";
    }
    if (path.endsWith("/logs")) {
      return logs(body.isArray() ? list(body) : List.of(body));
    }
    if (path.endsWith("/series")) {
      List<JsonNode> series = list(body.path("series"));
      List<String> names = new ArrayList<>();
      for (JsonNode s : series) {
        String name = s.path("metric").asText("");
        if (!names.contains(name)) {
          names.add(name);
        }
      }
      return series.size() + " series: " + items(names.stream().map(DatadogRequestSummary::value));
    }
    if (path.endsWith("/events")) {
      String alertType = body.path("alert_type").asText("");
      return "1 event: title \""
          + value(body.path("title").asText(""))
          + "\""
          + (alertType.isEmpty() ? "" : ", alert_type " + value(alertType));
    }
    return bytes + " bytes";
  }

  private static String logs(List<JsonNode> logs) {
    Map<String, Integer> sources = new LinkedHashMap<>();
    Map<String, Integer> names = new LinkedHashMap<>();
    for (JsonNode l : logs) {
      sources.merge(value(l.path("ddsource").asText("-")), 1, Integer::sum);
      String name = l.path("evt").path("name").asText("");
      if (!name.isEmpty()) {
        names.merge(value(name), 1, Integer::sum);
      }
    }
    return logs.size()
        + (logs.size() == 1 ? " log" : " logs")
        + ": ddsource "
        + counts(sources)
        + (names.isEmpty() ? "" : " (" + counts(names) + ")");
  }

  /** {@code a ×2, b ×1, … +N more}. */
  private static String counts(Map<String, Integer> counts) {
    return items(counts.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()));
  }

  private static String items(java.util.stream.Stream<String> items) {
    List<String> all = items.toList();
    String shown = String.join(", ", all.subList(0, Math.min(all.size(), MAX_ITEMS)));
    return all.size() > MAX_ITEMS ? shown + ", +" + (all.size() - MAX_ITEMS) + " more" : shown;
  }

  /** A value from the request: at most {@link #MAX_VALUE} characters, escaped. */
  static String value(String s) {
    String cut =
        s.codePointCount(0, s.length()) > MAX_VALUE
            ? s.substring(0, s.offsetByCodePoints(0, MAX_VALUE)) + "…"
            : s;
    return ConsoleText.escape(cut);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
