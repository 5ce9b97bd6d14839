package io.quantaseal.datadog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Request bodies over a threshold are sent with {@code Content-Encoding: gzip} where Datadog
 * documents it (series and logs, {@link DatadogEndpoint#acceptsGzip()}); others go as they are.
 */
final class GzipBody {
  private GzipBody() {}

  /** Whether a body of {@code length} bytes for {@code endpoint} is gzipped. */
  static boolean applies(DatadogEndpoint endpoint, int length, int threshold) {
    return endpoint.acceptsGzip() && length > threshold;
  }

  /** RFC 1952 gzip of {@code body}. */
  static byte[] compress(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
