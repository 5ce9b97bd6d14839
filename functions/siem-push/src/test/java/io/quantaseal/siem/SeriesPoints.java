package io.quantaseal.siem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.fakedatadog.FakeDatadog;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The points of received series bodies, flattened for exact comparison. */
final class SeriesPoints {
  private SeriesPoints() {}

  /** One point: metric, type, interval, sorted tags, timestamp, value. */
  record Point(String metric, int type, int interval, String tags, long timestamp, long value)
      implements Comparable<Point> {
    @Override
    public int compareTo(Point o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return metric
          + "{"
          + tags
          + "} t="
          + timestamp
          + " v="
          + value
          + " type="
          + type
          + " interval="
          + interval;
    }
  }

  static List<Point> of(JsonNode body) {
    List<Point> out = new ArrayList<>();
    for (JsonNode s : body.path("series")) {
      TreeSet<String> tags = new TreeSet<>();
      s.path("tags").forEach(t -> tags.add(t.asText()));
      for (JsonNode p : s.path("points")) {
        out.add(
            new Point(
                s.path("metric").asText(),
                s.path("type").asInt(),
                s.path("interval").asInt(0),
                String.join(",", tags),
                p.path("timestamp").asLong(),
                p.path("value").asLong()));
      }
    }
    return out;
  }

  /** Points of every request on /api/v2/series that was accepted (2xx). */
  static List<Point> accepted(FakeDatadog dd) {
    List<Point> out = new ArrayList<>();
    for (FakeDatadog.ReceivedRequest r : dd.requests(FakeDatadog.SERIES)) {
      if (r.status() / 100 == 2) {
        out.addAll(of(r.json()));
      }
    }
    return out;
  }
}
