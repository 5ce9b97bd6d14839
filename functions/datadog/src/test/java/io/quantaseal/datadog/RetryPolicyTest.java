package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Backoff vectors (backoff.csv, with the defaults), which statuses are retried, the bounds. */
class RetryPolicyTest {
  private static final RetryPolicy POLICY = RetryPolicy.DEFAULT;

  @ParameterizedTest(name = "{4}")
  @CsvFileSource(resources = "backoff.csv", numLinesToSkip = 1)
  void backoff(int attempt, double uniform, Long announcedMs, long expectedMs, String why) {
    Duration wait =
        POLICY.backoff(attempt, uniform, Optional.ofNullable(announcedMs).map(Duration::ofMillis));
    assertEquals(expectedMs, wait.toMillis(), why);
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504, 599})
  void retryable(int status) {
    assertTrue(RetryPolicy.retryable(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 202, 301, 400, 401, 403, 404, 408, 413, 422})
  void final_(int status) {
    assertFalse(RetryPolicy.retryable(status));
  }

  @Test
  void attemptsFitTheDeadline() {
    assertTrue(POLICY.leavesTimeForAnAttempt(Duration.ofMillis(100)));
    assertFalse(POLICY.leavesTimeForAnAttempt(Duration.ofMillis(99)));
    assertFalse(POLICY.leavesTimeForAnAttempt(Duration.ofMillis(-1)));
    assertEquals(Duration.ofSeconds(3), POLICY.attemptTimeout(Duration.ofSeconds(3)));
    assertEquals(Duration.ofSeconds(10), POLICY.attemptTimeout(Duration.ofSeconds(30)));
    assertEquals(Duration.ofSeconds(5), POLICY.capRateLimitWait(Duration.ofMinutes(1)));
  }

  @Test
  void defaults_areTheDocumentedOnes_andTheBuildersDefaults() {
    assertEquals(4, POLICY.maxAttempts());
    assertEquals(Duration.ofMillis(100), POLICY.baseBackoff());
    assertEquals(Duration.ofSeconds(2), POLICY.maxBackoff());
    assertEquals(Duration.ofSeconds(5), POLICY.maxRateLimitWait());
    assertEquals(Duration.ofSeconds(10), POLICY.attemptTimeout());
    assertEquals(Duration.ofMillis(100), POLICY.minAttemptTime());
    assertEquals(RetryPolicy.DEFAULT, DatadogClient.builder().retryPolicy());
    assertEquals(
        7, DatadogClient.builder().maxAttempts(7).retryPolicy().maxAttempts(), "builder sets it");
  }

  @Test
  void budgetsMustBePositive() {
    Duration s = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, s, s, s, s, s));
    assertThrows(
        IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ZERO, s, s, s, s));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, s, s, s, s, null));
    assertThrows(IllegalArgumentException.class, () -> DatadogClient.builder().maxAttempts(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> DatadogClient.builder().attemptTimeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> DatadogClient.builder().gzipThreshold(-1));
  }
}
