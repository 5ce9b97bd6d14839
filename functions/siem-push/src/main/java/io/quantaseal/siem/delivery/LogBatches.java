package io.quantaseal.siem.delivery;

import io.quantaseal.datadog.DatadogLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs log entries (JSON texts) into request bodies within Datadog's limits: at most {@code
 * maxEntries} entries and {@code maxBytes} bytes (UTF-8, brackets and commas included).
 */
public final class LogBatches {
  private LogBatches() {}

  /** Index ranges [from, to) of {@code entries}, in order. */
  public static List<int[]> ranges(List<String> entries, int maxEntries, int maxBytes) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    long bytes = 2; // [ and ]
    for (int i = 0; i < entries.size(); i++) {
      int size = DatadogLimits.utf8Length(entries.get(i));
      if (i > from && (i - from >= maxEntries || bytes + 1 + size > maxBytes)) {
        out.add(new int[] {from, i});
        from = i;
        bytes = 2;
      }
      bytes += size + (i > from ? 1 : 0); // a comma before every entry but the first
    }
    if (from < entries.size()) {
      out.add(new int[] {from, entries.size()});
    }
    return out;
  }

  /** The JSON array of entries [from, to). */
  public static String body(List<String> entries, int from, int to) {
    int len = 2;
    for (int i = from; i < to; i++) {
      len += entries.get(i).length() + 1;
    }
    StringBuilder sb = new StringBuilder(len);
    sb.append('[');
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(',');
      }
      sb.append(entries.get(i));
    }
    return sb.append(']').toString();
  }
}
