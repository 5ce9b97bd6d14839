package io.quantaseal.siem.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A metric name and its {@code quantaseal:*} tags (sorted), the identity of one series within a
 * tenant. The common tags ({@code tenant}, {@code env}, {@code service}) are added when sending.
 */
public record SeriesKey(String metric, List<String> tags) implements Comparable<SeriesKey> {
  private static final int MAX_TAG_VALUE = 100;

  public SeriesKey {
    List<String> sorted = new ArrayList<>(tags);
    Collections.sort(sorted);
    tags = List.copyOf(sorted);
  }

  /** {@code metric} with tags given as name, value, name, value… (values are sanitised). */
  public static SeriesKey of(String metric, String... nameValues) {
    if (nameValues.length % 2 != 0) {
      throw new IllegalArgumentException("tags come in name/value pairs");
    }
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      tags.add(nameValues[i] + ":" + tagValue(nameValues[i + 1]));
    }
    return new SeriesKey(metric, tags);
  }

  /**
   * A tag value as Datadog keeps it: lowercase letters, digits and {@code _ - . /}; anything else
   * becomes {@code _}; at most 100 characters; {@code unknown} when empty.
   */
  public static String tagValue(String raw) {
    if (raw == null || raw.isBlank()) {
      return "unknown";
    }
    String lower = raw.trim().toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(Math.min(lower.length(), MAX_TAG_VALUE));
    for (int i = 0; i < lower.length() && sb.length() < MAX_TAG_VALUE; i++) {
      char c = lower.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.'
              || c == '/';
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }

  @Override
  public int compareTo(SeriesKey o) {
    int c = metric.compareTo(o.metric);
    return c != 0 ? c : String.join(",", tags).compareTo(String.join(",", o.tags));
  }
}
