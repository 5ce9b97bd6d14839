package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sites' fixed hosts, and what an override may and may not be. */
class DatadogUrlsTest {

  @Test
  void sites_logsOnTheIntakeHost_restOnTheApiHost() {
    DatadogUrls urls = DatadogUrls.of(Optional.empty());
    assertTrue(urls.override().isEmpty());
    assertEquals(
        URI.create("https://http-intake.logs.us3.datadoghq.com/api/v2/logs"),
        urls.url(DatadogSite.US3, DatadogEndpoint.LOGS));
    assertEquals(
        URI.create("https://api.ddog-gov.com/api/v2/series"),
        urls.url(DatadogSite.US1_FED, DatadogEndpoint.SERIES));
  }

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
      strings = {
        "ftp://127.0.0.1:21",
        "http://127.0.0.1:8089/prefix",
        "http://user:pw@127.0.0.1:8089",
        "http://127.0.0.1:8089?x=1",
        "http://127.0.0.1:8089#f",
        "file:///etc/passwd"
      })
  void override_anythingElse_refused(String override) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DatadogUrls.of(Optional.of(URI.create(override))));
    assertTrue(e.getMessage().startsWith("QS_DATADOG_BASE_URL_OVERRIDE"), e.getMessage());
  }
}
