package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 7: the local HTTP front end (127.0.0.1, what ./run-local serves) driven with a raw
 * socket, as a careless or hostile client would: oversized and too many header fields are 431, a
 * bare CR or LF in the head is 400 (never a split header), malformed framing is 400, a body over
 * API Gateway's 10 MB is 413 — each an answer in the API's error shape, read in full, never a
 * reset. Well-formed HTTP/1.1 (keep-alive, chunked bodies, 100-continue) still works. The loopback
 * fake Datadog escapes what it prints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalHttpFrontEndIntegrationTest {
  private static final String SEAL =
      "{\"credential_type\":\"bearer_token\",\"value\":\"front-end-test\"}";

  @TempDir static Path dataDir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private LocalRunner runner;
  private int port;

  @BeforeAll
  void start() {
    runner =
        LocalRunner.start(
            LocalRunOptions.builder(RepoRoot.find()).dataDir(dataDir).fakeDatadog(true).build(),
            true,
            new PrintStream(console, true, StandardCharsets.UTF_8));
    port = runner.baseUrl().getPort();
  }

  @AfterAll
  void stop() {
    if (runner != null) {
      runner.close();
    }
  }

  /** What came back on the connection, read until the server closed it (or one answer). */
  record Raw(int status, Map<String, String> headers, String body, boolean closed) {
    JsonNode json() {
      try {
        return LocalJson.mapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String code() {
      return json().path("error").path("code").asText();
    }
  }

  /**
   * Sends {@code request} (written by another thread, so a server that answers early cannot
   * deadlock the test) and reads one answer; a reset fails the test.
   */
  private Raw exchange(byte[] request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try {
                  out.write(request);
                  out.flush();
                } catch (IOException e) {
                  // The server may close its reading side once it has answered; the answer counts.
                }
              });
      Raw answer = read(s.getInputStream());
      writer.get(20, TimeUnit.SECONDS);
      return answer;
    }
  }

  private static Raw read(InputStream in) throws IOException {
    try {
      String statusLine = line(in);
      if (statusLine.startsWith("HTTP/1.1 100 ")) {
        line(in);
        statusLine = line(in);
      }
      assertTrue(statusLine.startsWith("HTTP/1.1 "), statusLine);
      int status = Integer.parseInt(statusLine.substring(9, 12));
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      boolean closed = "close".equalsIgnoreCase(headers.get("connection"));
      if (closed) {
        // The server closes gracefully: end of stream, no reset.
        assertEquals(-1, in.read(), "nothing after the answer");
      }
      return new Raw(status, headers, body, closed);
    } catch (SocketException e) {
      throw new AssertionError("the connection was reset instead of answered: " + e, e);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new AssertionError("the connection ended without an answer: " + b);
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    assertTrue(s.endsWith("\r"), "answer lines end with CRLF: " + s);
    return s.substring(0, s.length() - 1);
  }

  private String seal(String extraHeaders, String body) {
    return "POST /api/v2/vault/seal HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
        + runner.apiKey()
        + "\r\nContent-Type: application/json\r\n"
        + extraHeaders
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private int entries() {
    return new io.quantaseal.common.store.VaultEntryRepository(
            runner.services().dynamoDb(), runner.services().config().vaultTable())
        .list(runner.tenantId())
        .size();
  }

  private static void assertRefused(Raw r, int status, String code) {
    assertEquals(status, r.status(), r.toString());
    assertEquals(code, r.code(), r.toString());
    assertTrue(r.json().path("error").path("request_id").asText().startsWith("req_"), r.body());
    assertTrue(r.closed(), "the connection is closed after a refused request");
    assertTrue(r.headers().containsKey("x-amzn-requestid"));
  }

  @Test
  void wellFormedRequest_isServed() throws Exception {
    Raw r = exchange(ascii(seal("", SEAL)));
    assertEquals(201, r.status(), r.toString());
    assertTrue(r.json().path("vault_entry_id").asText().startsWith("vlt_"));
  }

  @Test
  void oneMegabyteHeader_is431_notAReset() throws Exception {
    int before = entries();
    Raw r = exchange(ascii(seal("X-Big: " + "a".repeat(1024 * 1024) + "\r\n", SEAL)));
    assertRefused(r, 431, "invalid_request");
    assertEquals(before, entries());
  }

  @Test
  void aThousandHeaderFields_is431_notAReset() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    int before = entries();
    assertRefused(exchange(ascii(seal(many.toString(), SEAL))), 431, "invalid_request");
    assertEquals(before, entries());
  }

  @Test
  void bareCrInAHeaderValue_is400_neverASplitHeader() throws Exception {
    int before = entries();
    Raw r = exchange(ascii(seal("Idempotency-Key: abc\rX-Injected: yes\r\n", SEAL)));
    assertRefused(r, 400, "invalid_request");
    assertTrue(r.json().path("error").path("message").asText().contains("bare CR"), r.body());
    assertEquals(before, entries(), "the function was never called");
  }

  @Test
  void bareLfInTheHead_is400() throws Exception {
    assertRefused(
        exchange(ascii(seal("Idempotency-Key: abc\nX-Injected: yes\r\n", SEAL))),
        400,
        "invalid_request");
    assertRefused(
        exchange(ascii("GET /api/v2/vault/entries HTTP/1.1\nHost: x\r\n\r\n")),
        400,
        "invalid_request");
  }

  @Test
  void malformedHeads_are400() throws Exception {
    List<String> heads = new ArrayList<>();
    heads.add(seal("X-Folded: a\r\n b\r\n", SEAL)); // obs-fold
    heads.add(seal("X-Space : a\r\n", SEAL)); // whitespace before the colon
    heads.add(seal("X-Nul: a\u0000b\r\n", SEAL)); // a control character in a value
    heads.add(seal("Bad Name: a\r\n", SEAL)); // not a token
    heads.add(seal("Transfer-Encoding: chunked\r\n", SEAL)); // and Content-Length
    heads.add(seal("Content-Length: 3\r\n", SEAL)); // two that differ
    heads.add("POST /api/v2/vault/seal HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n");
    heads.add("POST /api/v2/vault/seal HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n");
    heads.add("GET /api/v2/vault/entries HTTP/1.1\r\n\r\n"); // HTTP/1.1 without Host
    heads.add("GET /api/v2/vault/entries HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
    heads.add("GET  /api/v2/vault/entries HTTP/1.1\r\nHost: x\r\n\r\n"); // two spaces
    heads.add("GET /api/v2/vault/entries\r\nHost: x\r\n\r\n"); // no version
    heads.add("GET /a\u0001b HTTP/1.1\r\nHost: x\r\n\r\n"); // a control character in the target
    int before = entries();
    for (String head : heads) {
      Raw r = exchange(ascii(head));
      assertEquals(400, r.status(), head + " -> " + r);
      assertEquals("invalid_request", r.code(), head);
      assertTrue(r.closed(), head);
    }
    assertEquals(before, entries());
    assertEquals(505, exchange(ascii("GET / HTTP/2.0\r\nHost: x\r\n\r\n")).status());
    assertEquals(
        501,
        exchange(
                ascii(
                    seal("Transfer-Encoding: gzip, chunked\r\n", SEAL)
                        .replaceFirst("Content-Length: [0-9]+\r\n", "")))
            .status());
    assertEquals(
        414,
        exchange(ascii("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).status());
  }

  @Test
  void bodyOverTenMegabytes_is413_notAReset() throws Exception {
    String head =
        "POST /api/v2/vault/seal HTTP/1.1\r\nHost: x\r\nX-API-Key: "
            + runner.apiKey()
            + "\r\nContent-Type: application/json\r\nContent-Length: 11000000\r\n\r\n";
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(ascii(head));
    request.writeBytes(new byte[2 * 1024 * 1024]); // part of it: the answer comes first
    assertRefused(exchange(request.toByteArray()), 413, "payload_too_large");
  }

  @Test
  void keepAlive_chunkedBodies_and100Continue_work() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      // 1. Content-Length, persistent connection.
      out.write(ascii(seal("", SEAL)));
      out.flush();
      Raw first = read(in);
      assertEquals(201, first.status(), first.toString());
      assertFalse(first.closed());
      // 2. The same connection, a chunked body in three chunks (with an extension and a trailer).
      String a = SEAL.substring(0, 10);
      String b = SEAL.substring(10, 30);
      String c = SEAL.substring(30);
      out.write(
          ascii(
              "POST /api/v2/vault/seal HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                  + runner.apiKey()
                  + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + Integer.toHexString(a.length())
                  + ";ext=1\r\n"
                  + a
                  + "\r\n"
                  + Integer.toHexString(b.length())
                  + "\r\n"
                  + b
                  + "\r\n"
                  + Integer.toHexString(c.length())
                  + "\r\n"
                  + c
                  + "\r\n0\r\nX-Trailer: t\r\n\r\n"));
      out.flush();
      Raw second = read(in);
      assertEquals(201, second.status(), second.toString());
      // 3. Expect: 100-continue: the interim answer comes before the body is sent.
      out.write(
          ascii(
              seal("Expect: 100-continue\r\nConnection: close\r\n", SEAL)
                  .substring(
                      0,
                      seal("Expect: 100-continue\r\nConnection: close\r\n", SEAL).length()
                          - SEAL.length())));
      out.flush();
      assertEquals("HTTP/1.1 100 Continue", line(in));
      assertEquals("", line(in));
      out.write(ascii(SEAL));
      out.flush();
      Raw third = read(in);
      assertEquals(201, third.status(), third.toString());
      assertTrue(third.closed(), "Connection: close is honoured");
    }
  }

  /** A raw POST to the fake Datadog (as the service's Datadog client sends it). */
  private void postToFakeDatadog(String rawPath, byte[] json) throws IOException {
    int ddPort = runner.datadog().orElseThrow().baseUrl().getPort();
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ddPort)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ascii(
              "POST "
                  + rawPath
                  + " HTTP/1.1\r\nHost: x\r\nDD-API-KEY: k\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + json.length
                  + "\r\nConnection: close\r\n\r\n"));
      out.write(json);
      out.flush();
      s.getInputStream().readAllBytes();
    }
  }

  @Test
  void fakeDatadog_escapesControlCharactersInWhatItPrints() throws Exception {
    String title =
        "ok\r\nfake-datadog: POST /api/v1/events -> 202 (forged)\u001b[31mred\u009b2J\u202e";
    String body =
        LocalJson.mapper().createObjectNode().put("title", title).put("text", "t").toString();
    byte[] json = body.getBytes(StandardCharsets.UTF_8);
    postToFakeDatadog("/api/v1/events%0d%0aX", json);
    postToFakeDatadog("/api/v1/events", json);
    String printed = console.toString(StandardCharsets.UTF_8);
    List<String> lines = printed.lines().filter(l -> l.contains("forged")).toList();
    assertEquals(1, lines.size(), "the title stays on one line: " + lines);
    String line = lines.get(0);
    assertTrue(line.startsWith("fake-datadog: POST /api/v1/events -> 202"), line);
    assertTrue(line.contains("title \"ok\\r\\nfake-datadog: POST"), line);
    assertTrue(line.contains("\\u001b[31mred\\u009b2J\\u202e\""), line);
    assertFalse(printed.contains("\u001b"), "no escape character reaches the console");
    assertFalse(printed.contains("\u009b"));
    assertFalse(printed.contains("\r"), "no carriage return reaches the console");
    assertTrue(
        printed.lines().anyMatch(l -> l.startsWith("fake-datadog: POST /api/v1/events\\r\\nX")),
        "a decoded path is escaped too: " + printed);
  }
}
