package io.quantaseal.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When and how long the client waits before it sends a request again (docs/clients.md, "The
 * surface"); the defaults are the same in the four QuantaSeal SDKs.
 *
 * <p>Retried: 429 and 5xx answers of QuantaSeal (never Datadog's answers, which come back in an
 * envelope with {@code X-QS-Source: upstream}) and transport failures, for GET and DELETE and for
 * POSTs that carry an {@code Idempotency-Key}; a connection that could not be opened is retried for
 * any request (nothing was sent), except client-key registration, which is never retried. The wait
 * is exponential backoff with full jitter, {@code uniform(0, min(maxBackoff, baseDelay * 2^(attempt
 * - 1)))}, or the answer's {@code Retry-After} when it has one. A {@code Retry-After} longer than
 * {@link #maxRetryAfter()} is not waited for: the error is thrown with its hint ({@link
 * QuantaSealApiException#retryAfter()}).
 *
 * @param maxAttempts attempts in all, the first included (1 turns retries off); default 4
 * @param baseDelay the backoff's first ceiling, doubled per attempt; default 250 ms
 * @param maxBackoff the backoff's largest ceiling; default 20 s
 * @param maxRetryAfter the longest {@code Retry-After} waited for; default 20 s
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxBackoff, Duration maxRetryAfter) {

  /**
   * Checks the settings.
   *
   * @param maxAttempts attempts in all, the first included (1 turns retries off); default 4
   * @param baseDelay the backoff's first ceiling, doubled per attempt; default 250 ms
   * @param maxBackoff the backoff's largest ceiling; default 20 s
   * @param maxRetryAfter the longest {@code Retry-After} waited for; default 20 s
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or a duration is negative
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    for (Duration d : new Duration[] {baseDelay, maxBackoff, maxRetryAfter}) {
      if (Objects.requireNonNull(d, "a retry delay").isNegative()) {
        throw new IllegalArgumentException("retry delays must be >= 0");
      }
    }
  }

  /**
   * The defaults of every QuantaSeal SDK: 4 attempts, 250 ms base, 20 s cap, 20 s longest {@code
   * Retry-After}.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4, Duration.ofMillis(250), Duration.ofSeconds(20), Duration.ofSeconds(20));
  }

  /**
   * No retries: every request is sent once.
   *
   * @return a policy of one attempt
   */
  public static RetryPolicy none() {
    return defaults().withMaxAttempts(1);
  }

  /**
   * This policy with another number of attempts.
   *
   * @param attempts attempts in all, at least 1
   * @return the changed policy
   */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, baseDelay, maxBackoff, maxRetryAfter);
  }

  /**
   * The full-jitter backoff after failed attempt number {@code attempt}.
   *
   * @param attempt the attempt that failed, from 1
   * @param random a uniform number in [0, 1)
   * @return the wait before the next attempt
   */
  Duration backoff(int attempt, DoubleSupplier random) {
    long base = baseDelay.toNanos();
    long ceiling = maxBackoff.toNanos();
    for (int i = 1; i < attempt && base < ceiling; i++) {
      base = base > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : base * 2;
    }
    return Duration.ofNanos((long) (random.getAsDouble() * Math.min(base, ceiling)));
  }
}
