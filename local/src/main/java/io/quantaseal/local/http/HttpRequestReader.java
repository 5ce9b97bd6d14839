package io.quantaseal.local.http;

import io.quantaseal.local.http.LoopbackHttpServer.Limits;
import io.quantaseal.local.http.LoopbackHttpServer.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads one HTTP/1.1 request (RFC 9112) strictly; see {@link LoopbackHttpServer} for the rules. */
final class HttpRequestReader {
  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final InputStream in;
  private final Limits limits;
  private int pending;
  private int headBytes;

  private HttpRequestReader(int firstByte, InputStream in, Limits limits) {
    this.pending = firstByte;
    this.in = in;
    this.limits = limits;
  }

  /**
   * Reads a request whose first byte was {@code firstByte}. {@code out} receives the interim 100
   * (Continue) answer when the client expects it.
   *
   * @throws ProtocolException if the request is refused (the connection is then closed)
   * @throws IOException if the connection fails or ends in the middle of the request
   */
  static HttpRequest read(
      int firstByte, InputStream in, OutputStream out, InetSocketAddress remote, Limits limits)
      throws IOException, ProtocolException {
    return new HttpRequestReader(firstByte, in, limits).request(out, remote);
  }

  private HttpRequest request(OutputStream out, InetSocketAddress remote)
      throws IOException, ProtocolException {
    // RFC 9112 section 2.2: an empty line before the request line is ignored.
    String requestLine = line(limits.maxRequestLine(), 414, "The request line is too long.");
    if (requestLine.isEmpty()) {
      requestLine = line(limits.maxRequestLine(), 414, "The request line is too long.");
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3) {
      throw new ProtocolException(400, "The request line is not 'METHOD target HTTP/1.1'.");
    }
    String method = parts[0];
    String target = parts[1];
    String version = parts[2];
    if (!isToken(method)) {
      throw new ProtocolException(400, "The method is not a token.");
    }
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      if (version.matches("HTTP/[0-9]\\.[0-9]")) {
        throw new ProtocolException(505, "Only HTTP/1.1 (and 1.0) is served here.");
      }
      throw new ProtocolException(400, "The request line has no HTTP version.");
    }
    String[] pathAndQuery = target(method, target);

    List<HttpRequest.Field> fields = new ArrayList<>();
    while (true) {
      String line = line(Integer.MAX_VALUE, 431, "The request's header fields are too large.");
      if (line.isEmpty()) {
        break;
      }
      if (fields.size() >= limits.maxHeaderFields()) {
        throw new ProtocolException(
            431, "The request has more than " + limits.maxHeaderFields() + " header fields.");
      }
      fields.add(field(line));
    }
    HttpRequest head =
        new HttpRequest(
            method, pathAndQuery[0], pathAndQuery[1], version, fields, new byte[0], remote);
    List<String> hosts = head.values("Host");
    if (hosts.size() > 1 || (version.equals("HTTP/1.1") && hosts.isEmpty())) {
      throw new ProtocolException(400, "An HTTP/1.1 request has exactly one Host header field.");
    }
    byte[] body = body(head, out);
    return new HttpRequest(method, pathAndQuery[0], pathAndQuery[1], version, fields, body, remote);
  }

  /** {rawPath, rawQuery or null} of an origin-form or absolute-form target. */
  private static String[] target(String method, String target) throws ProtocolException {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        throw new ProtocolException(400, "The request target holds a character it may not.");
      }
    }
    if (target.startsWith("/")) {
      int q = target.indexOf('?');
      return q < 0
          ? new String[] {target, null}
          : new String[] {target.substring(0, q), target.substring(q + 1)};
    }
    if (target.equals("*") && method.equals("OPTIONS")) {
      return new String[] {"*", null};
    }
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      try {
        URI u = new URI(target);
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return new String[] {path, u.getRawQuery()};
      } catch (URISyntaxException e) {
        throw new ProtocolException(400, "The request target is not a URI.");
      }
    }
    throw new ProtocolException(400, "The request target is not a path.");
  }

  private static HttpRequest.Field field(String line) throws ProtocolException {
    char first = line.charAt(0);
    if (first == ' ' || first == '\t') {
      throw new ProtocolException(400, "A header field is folded over lines (obs-fold).");
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new ProtocolException(400, "A header line has no field name and colon.");
    }
    String name = line.substring(0, colon);
    if (!isToken(name)) {
      throw new ProtocolException(
          400, "A header field name is not a token (or has whitespace before its colon).");
    }
    int start = colon + 1;
    int end = line.length();
    while (start < end && isWhitespace(line.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    String value = line.substring(start, end);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new ProtocolException(400, "A header field value holds a control character.");
      }
    }
    return new HttpRequest.Field(name, value);
  }

  private byte[] body(HttpRequest head, OutputStream out) throws IOException, ProtocolException {
    List<String> te = head.values("Transfer-Encoding");
    List<String> cl = head.values("Content-Length");
    boolean chunked = false;
    long length = 0;
    if (!te.isEmpty()) {
      if (!cl.isEmpty()) {
        throw new ProtocolException(
            400, "A request may not have both Content-Length and Transfer-Encoding.");
      }
      if (head.version().equals("HTTP/1.0")) {
        throw new ProtocolException(400, "Transfer-Encoding is not defined for HTTP/1.0.");
      }
      List<String> codings = new ArrayList<>();
      for (String v : te) {
        for (String c : v.split(",")) {
          codings.add(c.trim().toLowerCase(Locale.ROOT));
        }
      }
      if (!codings.equals(List.of("chunked"))) {
        throw new ProtocolException(501, "Only Transfer-Encoding: chunked is supported.");
      }
      chunked = true;
    } else if (!cl.isEmpty()) {
      String value = null;
      for (String v : cl) {
        for (String one : v.split(",", -1)) {
          String t = one.trim();
          if (t.isEmpty() || !t.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new ProtocolException(400, "Content-Length is not a number.");
          }
          if (value != null && !value.equals(t)) {
            throw new ProtocolException(400, "The Content-Length values differ.");
          }
          value = t;
        }
      }
      String digits = value.replaceFirst("^0+(?=.)", "");
      if (digits.length() > 18 || Long.parseLong(digits) > limits.maxBodyBytes()) {
        throw new ProtocolException(413, "The request body is too large.");
      }
      length = Long.parseLong(digits);
    }
    boolean hasBody = chunked || length > 0;
    if (hasBody
        && head.version().equals("HTTP/1.1")
        && head.values("Expect").stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"))) {
      out.write(CONTINUE);
      out.flush();
    }
    if (chunked) {
      return chunkedBody();
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length != length) {
      throw new EOFException("the body ended early");
    }
    return body;
  }

  /** RFC 9112 section 7.1; chunk extensions are ignored, trailer fields read and dropped. */
  private byte[] chunkedBody() throws IOException, ProtocolException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      headBytes = 0;
      String sizeLine = line(1024, 400, "A chunk size line is too long.");
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      if (hex.isEmpty() || hex.length() > 15 || !hex.matches("[0-9A-Fa-f]+")) {
        throw new ProtocolException(400, "A chunk size is not a hexadecimal number.");
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        break;
      }
      if (body.size() + size > limits.maxBodyBytes()) {
        throw new ProtocolException(413, "The request body is too large.");
      }
      byte[] chunk = in.readNBytes((int) size);
      if (chunk.length != size) {
        throw new EOFException("a chunk ended early");
      }
      body.write(chunk);
      if (in.read() != CR || in.read() != LF) {
        throw new ProtocolException(400, "A chunk does not end with CRLF.");
      }
    }
    headBytes = 0;
    while (!line(limits.maxHeadBytes(), 431, "The trailer fields are too large.").isEmpty()) {
      // trailer fields are not used
    }
    return body.toByteArray();
  }

  /**
   * One line without its CRLF, as ISO-8859-1. A bare CR or LF is refused; a line longer than {@code
   * max}, or a head over {@link Limits#maxHeadBytes}, is refused with {@code tooLong}.
   */
  private String line(int max, int tooLong, String tooLongReason)
      throws IOException, ProtocolException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = next();
      if (b == CR) {
        if (next() != LF) {
          throw new ProtocolException(400, "The request holds a bare CR (CR not before LF).");
        }
        return sb.toString();
      }
      if (b == LF) {
        throw new ProtocolException(400, "The request holds a bare LF (lines end with CRLF).");
      }
      sb.append((char) b);
      if (sb.length() > max) {
        throw new ProtocolException(tooLong, tooLongReason);
      }
    }
  }

  private int next() throws IOException, ProtocolException {
    int b;
    if (pending >= 0) {
      b = pending;
      pending = -1;
    } else {
      b = in.read();
    }
    if (b < 0) {
      throw new EOFException("the request ended early");
    }
    if (++headBytes > limits.maxHeadBytes()) {
      throw new ProtocolException(431, "The request's header fields are too large.");
    }
    return b;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** RFC 9110 section 5.6.2: 1*tchar. */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean tchar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }
}
