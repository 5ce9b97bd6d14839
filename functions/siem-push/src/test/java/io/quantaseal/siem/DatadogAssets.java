package io.quantaseal.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.json.Json;
import io.quantaseal.testsupport.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Datadog assets of {@code datadog/} (dashboard API and monitor API JSON) against what the push
 * really sent: every metric a query names, every tag key it filters or groups by, and every tag
 * value it filters on must be in the series the push emitted in a test (alert types also from the
 * constants the push can emit, since one run does not raise every alert).
 */
final class DatadogAssets {
  /** {@code avg:metric{scope} by {keys}} inside a query (dashboard or monitor). */
  private static final Pattern QUERY =
      Pattern.compile("(?:sum|avg|min|max):([a-z0-9_.]+)\\{([^}]*)\\}(?:\\s*by\\s*\\{([^}]*)\\})?");

  private DatadogAssets() {}

  /** Every query string of the dashboard and the monitors. */
  static List<String> queries() {
    Path dir = RepoRoot.find().resolve("datadog");
    List<String> out = new ArrayList<>();
    JsonNode dashboard = read(dir.resolve("dashboard.json"));
    assertEquals("ordered", dashboard.path("layout_type").asText());
    for (JsonNode w : dashboard.path("widgets")) {
      for (JsonNode r : w.path("definition").path("requests")) {
        out.add(r.path("q").asText());
      }
    }
    JsonNode monitors = read(dir.resolve("monitors.json"));
    assertTrue(monitors.isArray() && monitors.size() > 0);
    for (JsonNode m : monitors) {
      assertEquals("query alert", m.path("type").asText(), m.toString());
      assertTrue(m.path("options").path("thresholds").has("critical"), m.toString());
      out.add(m.path("query").asText());
    }
    return out;
  }

  /** Asserts the queries use only what {@code seriesBodies} (v2 series requests) hold. */
  static void assertQueriesUseOnly(List<JsonNode> seriesBodies) {
    Set<String> metrics = new HashSet<>();
    Map<String, Set<String>> tags = new HashMap<>();
    for (JsonNode body : seriesBodies) {
      for (JsonNode s : body.path("series")) {
        metrics.add(s.path("metric").asText());
        for (JsonNode t : s.path("tags")) {
          String tag = t.asText();
          int colon = tag.lastIndexOf(':');
          tags.computeIfAbsent(tag.substring(0, colon), k -> new HashSet<>())
              .add(tag.substring(colon + 1));
        }
      }
    }
    assertFalse(metrics.isEmpty(), "no series to check the assets against");
    tags.computeIfAbsent("quantaseal:alert_type", k -> new HashSet<>()).addAll(alertTypes());
    Set<String> named = new HashSet<>();
    for (String q : queries()) {
      Matcher m = QUERY.matcher(q);
      boolean any = false;
      while (m.find()) {
        any = true;
        String metric = m.group(1);
        named.add(metric);
        assertTrue(metrics.contains(metric), metric + " (in " + q + ") is not emitted: " + metrics);
        for (String item : m.group(2).split(",")) {
          String s = item.trim();
          if (s.isEmpty() || s.equals("*") || s.startsWith("$")) {
            continue;
          }
          if (s.startsWith("!")) {
            s = s.substring(1);
          }
          int colon = s.lastIndexOf(':');
          assertTrue(colon > 0, "scope " + s + " in " + q + " is not key:value");
          String key = s.substring(0, colon);
          assertTrue(tags.containsKey(key), key + " (in " + q + ") is not a tag of the series");
          assertTrue(
              tags.get(key).contains(s.substring(colon + 1)),
              s + " (in " + q + ") is never emitted: " + tags.get(key));
        }
        if (m.group(3) != null) {
          for (String key : m.group(3).split(",")) {
            assertTrue(
                tags.containsKey(key.trim()),
                key + " (grouping in " + q + ") is not a tag of the series: " + tags.keySet());
          }
        }
      }
      assertTrue(any, "no metric query in " + q);
    }
    for (String needed :
        List.of(
            "quantaseal.vault.operations",
            "quantaseal.proxy.requests",
            "quantaseal.policy.denials",
            "quantaseal.auth.failures",
            "quantaseal.compliance.score",
            "quantaseal.security.alerts")) {
      assertTrue(named.contains(needed), "the assets do not show " + needed);
    }
  }

  /** The alert types the push can emit: the ALERT_* constants of AuditActions and SiemActions. */
  static Set<String> alertTypes() {
    Set<String> out = new HashSet<>();
    for (Class<?> c : List.of(AuditActions.class, SiemActions.class)) {
      for (Field f : c.getFields()) {
        if (f.getName().startsWith("ALERT_")
            && Modifier.isStatic(f.getModifiers())
            && f.getType() == String.class) {
          try {
            out.add((String) f.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return out;
  }

  private static JsonNode read(Path file) {
    try {
      return Json.parseLenient(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
