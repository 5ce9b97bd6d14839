package io.quantaseal.common.api;

import java.util.Locale;

/**
 * The one media type request bodies may have: {@code application/json}, with at most the parameter
 * {@code charset=utf-8} (RFC 8259 section 8.1: JSON is UTF-8; names and the charset value are
 * case-insensitive, the value may be quoted). Anything else — another type, {@code +json} suffixes,
 * another charset, other parameters, no {@code Content-Type} at all — is not it.
 */
public final class JsonMediaType {
  private JsonMediaType() {}

  /** Whether a {@code Content-Type} value names JSON in UTF-8. */
  public static boolean matches(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
      return false;
    }
    boolean charset = false;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq <= 0 || charset) {
        return false;
      }
      String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = p.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!name.equals("charset") || !value.equalsIgnoreCase("utf-8")) {
        return false;
      }
      charset = true;
    }
    return true;
  }

  /**
   * Refuses a body that is not JSON: a request with a non-empty body must say {@code Content-Type:
   * application/json}.
   *
   * @throws UnsupportedMediaTypeException otherwise
   */
  public static void require(ApiRequest request) {
    String body = request.body();
    if (body == null || body.isEmpty()) {
      return;
    }
    if (!matches(request.header("Content-Type").orElse(null))) {
      throw new UnsupportedMediaTypeException(
          "The request body must be JSON sent as Content-Type: application/json (optionally with"
              + " charset=utf-8).");
    }
  }
}
