package io.quantaseal.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the resource groups share: the context, id quoting, list queries. */
abstract class Resource {
  final Context context;

  Resource(Context context) {
    this.context = context;
  }

  /** One path segment: an id is always quoted whole (no {@code /}, {@code ..} or {@code ?}). */
  static String segment(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("an id is a non-empty string");
    }
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static Map<String, String> query(PageRequest page) {
    Map<String, String> q = new LinkedHashMap<>();
    if (page.limit() != null) {
      q.put("limit", page.limit().toString());
    }
    if (page.cursor() != null) {
      q.put("cursor", page.cursor());
    }
    return q;
  }

  static Map<String, String> force(boolean force) {
    return force ? Map.of("force", "true") : Map.of();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + context.transport().baseUrl() + "]";
  }
}
