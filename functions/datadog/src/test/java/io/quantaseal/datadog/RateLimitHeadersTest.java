package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** The rate-limit headers' vectors (rate-limit-headers.csv beside this class's resources). */
class RateLimitHeadersTest {

  @ParameterizedTest(name = "{4}")
  @CsvFileSource(resources = "rate-limit-headers.csv", numLinesToSkip = 1)
  void announcedWait(String reset, String retryAfter, String now, Long expectedMs, String why) {
    Optional<Duration> got =
        RateLimitHeaders.announcedWait(
            Optional.ofNullable(reset), Optional.ofNullable(retryAfter), Instant.parse(now));
    assertEquals(Optional.ofNullable(expectedMs).map(Duration::ofMillis), got, why);
  }

  @Test
  void announcedWait_readsTheResponseHeadersCaseInsensitively() {
    HttpHeaders headers =
        HttpHeaders.of(
            Map.of("x-ratelimit-reset", List.of("4"), "retry-after", List.of("9")), (k, v) -> true);
    assertEquals(
        Optional.of(Duration.ofSeconds(4)), RateLimitHeaders.announcedWait(headers, Instant.EPOCH));
  }

  @Test
  void exhausted_onlyWhenRemainingIsZero() {
    assertTrue(RateLimitHeaders.exhausted(Optional.of("0")));
    assertTrue(RateLimitHeaders.exhausted(Optional.of(" 0 ")));
    assertFalse(RateLimitHeaders.exhausted(Optional.of("1")));
    assertFalse(RateLimitHeaders.exhausted(Optional.of("")));
    assertFalse(RateLimitHeaders.exhausted(Optional.empty()));
  }
}
