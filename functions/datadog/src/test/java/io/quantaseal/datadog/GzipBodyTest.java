package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Which bodies are gzipped, and that what is sent decompresses to the body. */
class GzipBodyTest {

  @Test
  void applies_onlyOverTheThreshold_andOnlyWhereDatadogAcceptsGzip() {
    assertTrue(GzipBody.applies(DatadogEndpoint.LOGS, 1025, 1024));
    assertTrue(GzipBody.applies(DatadogEndpoint.SERIES, 1025, 1024));
    assertFalse(GzipBody.applies(DatadogEndpoint.LOGS, 1024, 1024), "at the threshold: plain");
    assertFalse(GzipBody.applies(DatadogEndpoint.EVENTS, 1_000_000, 1024), "events never");
    assertFalse(GzipBody.applies(DatadogEndpoint.VALIDATE, 1_000_000, 0));
    assertTrue(GzipBody.applies(DatadogEndpoint.LOGS, 1, 0));
  }

  @Test
  void compress_isGzipOfTheBody() throws IOException {
    byte[] body = "[{\"message\":\"line\"}]".repeat(500).getBytes(StandardCharsets.UTF_8);
    byte[] gz = GzipBody.compress(body);
    assertEquals(0x1f, gz[0] & 0xff);
    assertEquals(0x8b, gz[1] & 0xff);
    assertTrue(gz.length < body.length / 10, "repetitive JSON shrinks");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertArrayEquals(body, in.readAllBytes());
    }
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(GzipBody.compress(new byte[0])))) {
      assertEquals(0, in.readAllBytes().length);
    }
  }
}
