package io.quantaseal.datadog;

import java.time.Duration;
import java.util.Optional;

/**
 * When a call is tried again and how long it waits first. 429, 5xx and no answer at all are retried
 * (any other status, 403 included, is final at once), at most {@code maxAttempts} attempts, with
 * exponential backoff and full jitter; after a 429 the wait is at least the announced reset, capped
 * at {@code maxRateLimitWait}. No attempt starts with less than {@code minAttemptTime} left and
 * none lasts longer than {@code attemptTimeout}.
 *
 * @param maxAttempts attempts per call, the first included (default 4)
 * @param baseBackoff backoff ceiling after the first failure, doubled per attempt (default 100 ms)
 * @param maxBackoff largest backoff ceiling (default 2 s)
 * @param maxRateLimitWait longest wait for an announced rate-limit reset (default 5 s)
 * @param attemptTimeout longest single attempt (default 10 s; the deadline may cut it shorter)
 * @param minAttemptTime no attempt starts with less time than this left (default 100 ms)
 */
public record RetryPolicy(
    int maxAttempts,
    Duration baseBackoff,
    Duration maxBackoff,
    Duration maxRateLimitWait,
    Duration attemptTimeout,
    Duration minAttemptTime) {

  /** The defaults above. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          4,
          Duration.ofMillis(100),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofMillis(100));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    positive(baseBackoff, "baseBackoff");
    positive(maxBackoff, "maxBackoff");
    positive(maxRateLimitWait, "maxRateLimitWait");
    positive(attemptTimeout, "attemptTimeout");
    positive(minAttemptTime, "minAttemptTime");
  }

  /** 429 and 5xx are worth another attempt; every other status is final. */
  public static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * The wait after failed attempt number {@code attempt} (1 for the first): full jitter, {@code
   * uniform} (in [0, 1)) times min(maxBackoff, baseBackoff·2^(attempt−1)); at least {@code
   * announcedReset} (capped at maxRateLimitWait) when the failure was a 429 that announced one.
   */
  public Duration backoff(int attempt, double uniform, Optional<Duration> announcedReset) {
    long ceiling = baseBackoff.toNanos() << Math.min(Math.max(attempt, 1) - 1, 20);
    ceiling = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, maxBackoff.toNanos());
    long wait = (long) (uniform * ceiling);
    if (announcedReset.isPresent()) {
      wait = Math.max(wait, capRateLimitWait(announcedReset.get()).toNanos());
    }
    return Duration.ofNanos(Math.max(0, wait));
  }

  /** {@code wait}, at most maxRateLimitWait. */
  public Duration capRateLimitWait(Duration wait) {
    return wait.compareTo(maxRateLimitWait) < 0 ? wait : maxRateLimitWait;
  }

  /** Whether an attempt may start with {@code remaining} left. */
  public boolean leavesTimeForAnAttempt(Duration remaining) {
    return remaining.compareTo(minAttemptTime) >= 0;
  }

  /** The timeout of an attempt that starts with {@code remaining} left. */
  public Duration attemptTimeout(Duration remaining) {
    return remaining.compareTo(attemptTimeout) < 0 ? remaining : attemptTimeout;
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
