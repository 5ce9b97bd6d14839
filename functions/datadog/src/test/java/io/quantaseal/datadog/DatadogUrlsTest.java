package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an override may be, beyond DatadogClientIntegrationTest's cases: normalised to scheme, host
 * and port; fragments, files and paths refused, naming the setting.
 */
class DatadogUrlsTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8089", "http://127.0.0.1:8089/", "HTTPS://localhost"})
  void override_schemeHostPort_normalised(String override) {
    DatadogUrls urls = DatadogUrls.of(Optional.of(URI.create(override)));
    URI u = urls.url(DatadogSite.EU1, DatadogEndpoint.VALIDATE);
    assertEquals("/api/v1/validate", u.getPath());
    assertEquals(override.toLowerCase().startsWith("https") ? "https" : "http", u.getScheme());
    assertEquals(urls.override().get().getHost(), u.getHost());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://127.0.0.1:8089#f", "file:///etc/passwd", "https://127.0.0.1/api/v2"})
  void override_anythingElse_refused(String override) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatadogUrls.of(Optional.of(URI.create(override))));
    assertTrue(e.getMessage().startsWith("QS_DATADOG_BASE_URL_OVERRIDE"), e.getMessage());
  }
}
