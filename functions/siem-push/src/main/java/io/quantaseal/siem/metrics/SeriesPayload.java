package io.quantaseal.siem.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.json.Json;
import io.quantaseal.siem.metrics.AuditMetrics.PeriodCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Datadog v2 series bodies ({@code POST /api/v2/series}): counts with {@code interval} = the
 * period, one point per period at the period's start; the compliance gauges at the start of the
 * newest period. Every series carries the common tags ({@code tenant}, {@code env}, {@code
 * service}) and its own {@code quantaseal:*} tags.
 */
public final class SeriesPayload {
  /** Datadog's metric intake type ids. */
  public static final int TYPE_COUNT = 1;

  public static final int TYPE_GAUGE = 3;

  private SeriesPayload() {}

  /** The body for these periods (oldest first, contiguous), with the compliance gauges if given. */
  public static byte[] build(
      List<PeriodCounts> periods,
      int periodSeconds,
      List<String> commonTags,
      Optional<ComplianceScore.Snapshot> compliance) {
    TreeMap<SeriesKey, List<long[]>> points = new TreeMap<>();
    for (PeriodCounts p : periods) {
      for (Map.Entry<SeriesKey, Long> e : p.counts().entrySet()) {
        points
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(new long[] {p.periodStart(), e.getValue()});
      }
    }
    ObjectNode body = Json.newObject();
    ArrayNode series = body.putArray("series");
    for (Map.Entry<SeriesKey, List<long[]>> e : points.entrySet()) {
      ObjectNode s = series.addObject();
      s.put("metric", e.getKey().metric());
      s.put("type", TYPE_COUNT);
      s.put("interval", periodSeconds);
      ArrayNode pts = s.putArray("points");
      for (long[] p : e.getValue()) {
        pts.addObject().put("timestamp", p[0]).put("value", p[1]);
      }
      tags(s, commonTags, e.getKey().tags());
    }
    if (compliance.isPresent() && !periods.isEmpty()) {
      long at = periods.get(periods.size() - 1).periodStart();
      gauge(
          series,
          MetricNames.COMPLIANCE_SCORE,
          at,
          compliance.get().score(),
          commonTags,
          List.of());
      for (Map.Entry<String, Integer> r : compliance.get().rules().entrySet()) {
        gauge(
            series,
            MetricNames.COMPLIANCE_RULE,
            at,
            r.getValue(),
            commonTags,
            List.of(AuditMetrics.RULE + ":" + r.getKey()));
      }
    }
    return Json.writeBytes(body);
  }

  private static void gauge(
      ArrayNode series,
      String metric,
      long at,
      long value,
      List<String> commonTags,
      List<String> ownTags) {
    ObjectNode s = series.addObject();
    s.put("metric", metric);
    s.put("type", TYPE_GAUGE);
    s.putArray("points").addObject().put("timestamp", at).put("value", value);
    tags(s, commonTags, ownTags);
  }

  private static void tags(ObjectNode s, List<String> common, List<String> own) {
    ArrayNode t = s.putArray("tags");
    common.forEach(t::add);
    own.forEach(t::add);
  }
}
