package io.quantaseal.local.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer for {@link LoopbackHttpServer}: status, header fields (the server adds {@code
 * Content-Length}, {@code Date} and, when it closes, {@code Connection}) and body.
 */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
  public HttpResponse {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** A plain-text answer. */
  public static HttpResponse text(int status, String text) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Content-Type", List.of("text/plain; charset=utf-8"));
    return new HttpResponse(status, h, (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** This answer with one more header value. */
  public HttpResponse withHeader(String name, String value) {
    Map<String, List<String>> h = new LinkedHashMap<>(headers);
    List<String> values = new ArrayList<>(h.getOrDefault(name, List.of()));
    values.add(value);
    h.put(name, values);
    return new HttpResponse(status, h, body);
  }

  /** RFC 9110's reason phrase for the codes this service uses; "Unknown" otherwise. */
  static String reasonPhrase(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "Unknown";
    };
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + ", " + body.length + " bytes]";
  }
}
