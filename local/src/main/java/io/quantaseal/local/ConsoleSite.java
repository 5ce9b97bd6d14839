package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.local.http.HttpRequest;
import io.quantaseal.local.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Admin Console's built files ({@code console/dist}, made by {@code console/build}) at {@code
 * /console/}, as the deployed stack serves them: template.yaml's {@code ConsoleIndexFunction}
 * ({@code /} and {@code /console} redirect to {@code /console/}, a path ending in {@code /} gets
 * its {@code index.html}) and every answer with the headers of its {@code ConsoleSecurityHeaders}
 * response-headers policy, read from the template so that the two cannot differ.
 *
 * <p>Only GET and HEAD; only plain file names (letters, digits, {@code . _ -} and {@code /} between
 * names; no {@code ..}, no percent-encoding): anything else is 404, as a bucket without that key
 * would answer.
 */
public final class ConsoleSite {
  static final String PREFIX = "/console/";

  /** The logical id of the response-headers policy in template.yaml. */
  static final String HEADERS_POLICY = "ConsoleSecurityHeaders";

  private static final Pattern FILE_PATH =
      Pattern.compile("(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*(?:[A-Za-z0-9_-][A-Za-z0-9._-]*)?");
  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("png", "image/png"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("woff2", "font/woff2"));

  private final Path root;
  private final Map<String, String> securityHeaders;

  ConsoleSite(Path root, Map<String, String> securityHeaders) {
    this.root = root.toAbsolutePath().normalize();
    this.securityHeaders = Map.copyOf(securityHeaders);
  }

  /**
   * The console beside {@code template} ({@code <its directory>/console/dist}) with its headers
   * policy; empty when the template has no such policy (the runner then serves no console).
   */
  static Optional<ConsoleSite> of(SamTemplate template) {
    Path file = template.file().toAbsolutePath();
    JsonNode policy =
        SamTemplate.parse(file)
            .path("Resources")
            .path(HEADERS_POLICY)
            .path("Properties")
            .path("ResponseHeadersPolicyConfig");
    if (!policy.isObject()) {
      return Optional.empty();
    }
    return Optional.of(
        new ConsoleSite(file.getParent().resolve("console").resolve("dist"), headersOf(policy)));
  }

  /** The headers a {@code ResponseHeadersPolicyConfig} adds, as CloudFront writes them. */
  static Map<String, String> headersOf(JsonNode config) {
    Map<String, String> h = new LinkedHashMap<>();
    JsonNode s = config.path("SecurityHeadersConfig");
    if (s.has("ContentSecurityPolicy")) {
      h.put(
          "Content-Security-Policy",
          s.path("ContentSecurityPolicy").path("ContentSecurityPolicy").asText().trim());
    }
    if (s.has("ContentTypeOptions")) {
      h.put("X-Content-Type-Options", "nosniff");
    }
    if (s.has("FrameOptions")) {
      h.put("X-Frame-Options", s.path("FrameOptions").path("FrameOption").asText());
    }
    if (s.has("ReferrerPolicy")) {
      h.put("Referrer-Policy", s.path("ReferrerPolicy").path("ReferrerPolicy").asText());
    }
    if (s.has("StrictTransportSecurity")) {
      JsonNode t = s.path("StrictTransportSecurity");
      StringBuilder v =
          new StringBuilder("max-age=").append(t.path("AccessControlMaxAgeSec").asLong());
      if (t.path("IncludeSubdomains").asBoolean(false)) {
        v.append("; includeSubDomains");
      }
      if (t.path("Preload").asBoolean(false)) {
        v.append("; preload");
      }
      h.put("Strict-Transport-Security", v.toString());
    }
    if (s.has("XSSProtection")) {
      JsonNode x = s.path("XSSProtection");
      String v = x.path("Protection").asBoolean(false) ? "1" : "0";
      if (x.path("ModeBlock").asBoolean(false)) {
        v += "; mode=block";
      }
      h.put("X-XSS-Protection", v);
    }
    for (JsonNode item : config.path("CustomHeadersConfig").path("Items")) {
      h.put(item.path("Header").asText(), item.path("Value").asText());
    }
    return h;
  }

  /** Whether {@code rawPath} is the console's (or the root, which redirects to it). */
  static boolean serves(String rawPath) {
    return rawPath.equals("/") || rawPath.equals("/console") || rawPath.startsWith(PREFIX);
  }

  /** The answer to a request for one of {@link #serves} paths. */
  HttpResponse answer(HttpRequest request) {
    String method = request.method().toUpperCase(Locale.ROOT);
    String path = request.rawPath();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return withHeaders(
          HttpResponse.text(405, "Method not allowed").withHeader("Allow", "GET, HEAD"));
    }
    if (!path.startsWith(PREFIX)) {
      return withHeaders(HttpResponse.text(302, "Found: " + PREFIX).withHeader("Location", PREFIX));
    }
    String name = path.substring(PREFIX.length());
    if (name.isEmpty() || name.endsWith("/")) {
      name += "index.html";
    }
    if (!FILE_PATH.matcher(name).matches()) {
      return notFound();
    }
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      if (!Files.isDirectory(root)) {
        return withHeaders(
            HttpResponse.text(
                404, "The console is not built: run console/build (it needs Node and npm)."));
      }
      return notFound();
    }
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Content-Type", List.of(contentType(name)));
    return withHeaders(new HttpResponse(200, h, body));
  }

  private HttpResponse notFound() {
    return withHeaders(HttpResponse.text(404, "Not found"));
  }

  private HttpResponse withHeaders(HttpResponse response) {
    Map<String, List<String>> h = new LinkedHashMap<>(response.headers());
    securityHeaders.forEach((k, v) -> h.put(k, List.of(v)));
    return new HttpResponse(response.status(), h, response.body());
  }

  private static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return CONTENT_TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /** The headers every answer carries (the policy's). */
  Map<String, String> securityHeaders() {
    return securityHeaders;
  }

  @Override
  public String toString() {
    return "ConsoleSite[" + root + "]";
  }
}
