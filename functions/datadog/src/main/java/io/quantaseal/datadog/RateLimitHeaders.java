package io.quantaseal.datadog;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an answer announces about Datadog's rate limit: {@code X-RateLimit-Reset} (seconds until the
 * period resets, Datadog's own header), else {@code Retry-After} (seconds or an HTTP date, RFC 9110
 * §10.2.3); and {@code X-RateLimit-Remaining}. A value that is not a number of seconds in [0,
 * 86400] (or a date) announces nothing; a date in the past is a wait of zero.
 */
final class RateLimitHeaders {
  static final String RESET = "X-RateLimit-Reset";
  static final String REMAINING = "X-RateLimit-Remaining";
  static final String RETRY_AFTER = "Retry-After";

  /** Longest wait a header may announce; anything longer is not believed. */
  static final long MAX_SECONDS = 86_400;

  private RateLimitHeaders() {}

  /** The announced wait of {@code headers}, seen at {@code now}. */
  static Optional<Duration> announcedWait(HttpHeaders headers, Instant now) {
    return announcedWait(headers.firstValue(RESET), headers.firstValue(RETRY_AFTER), now);
  }

  /** The reset when it is a number of seconds, else Retry-After's seconds or date. */
  static Optional<Duration> announcedWait(
      Optional<String> reset, Optional<String> retryAfter, Instant now) {
    Optional<Duration> fromReset = reset.flatMap(RateLimitHeaders::seconds);
    if (fromReset.isPresent()) {
      return fromReset;
    }
    if (retryAfter.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> delay = seconds(retryAfter.get());
    return delay.isPresent() ? delay : untilDate(retryAfter.get(), now);
  }

  /** {@code X-RateLimit-Remaining: 0}: the period's requests are used up. */
  static boolean exhausted(Optional<String> remaining) {
    return remaining.isPresent() && remaining.get().trim().equals("0");
  }

  private static Optional<Duration> seconds(String value) {
    try {
      double s = Double.parseDouble(value.trim());
      if (Double.isNaN(s) || s < 0 || s > MAX_SECONDS) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) (s * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> untilDate(String value, Instant now) {
    try {
      Instant at =
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration until = Duration.between(now, at);
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
