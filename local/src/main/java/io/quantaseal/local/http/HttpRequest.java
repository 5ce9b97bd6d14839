package io.quantaseal.local.http;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A request as {@link LoopbackHttpServer} read it: method, the raw path and query of the target,
 * the header fields in the order they came (names as sent), and the whole body.
 *
 * @param method e.g. {@code POST}
 * @param rawPath the target's path, still percent-encoded
 * @param rawQuery the target's query without {@code ?}, or null
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields
 * @param body the body (empty if none)
 * @param remote the client's address
 */
public record HttpRequest(
    String method,
    String rawPath,
    String rawQuery,
    String version,
    List<Field> headers,
    byte[] body,
    InetSocketAddress remote) {

  /** One header field: its name as sent and its value without surrounding whitespace. */
  public record Field(String name, String value) {}

  public HttpRequest {
    headers = List.copyOf(headers);
  }

  /** Every value of the field {@code name} (case-insensitive), in order. */
  public List<String> values(String name) {
    List<String> out = new ArrayList<>();
    for (Field f : headers) {
      if (f.name().equalsIgnoreCase(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** The last value of {@code name}, if any. */
  public Optional<String> header(String name) {
    List<String> v = values(name);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** Whether the client asked to close the connection after this request (or cannot keep it). */
  boolean wantsClose() {
    boolean close = false;
    boolean keepAlive = false;
    for (String v : values("Connection")) {
      for (String option : v.split(",")) {
        String o = option.trim().toLowerCase(Locale.ROOT);
        close |= o.equals("close");
        keepAlive |= o.equals("keep-alive");
      }
    }
    return close || ("HTTP/1.0".equals(version) && !keepAlive);
  }

  @Override
  public String toString() {
    return "HttpRequest[" + method + " " + rawPath + ", " + body.length + " bytes]";
  }
}
