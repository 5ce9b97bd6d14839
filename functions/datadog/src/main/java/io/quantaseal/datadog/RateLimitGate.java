package io.quantaseal.datadog;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Datadog's rate limits as one client sees them, shared by every thread that uses the client: a 429
 * that announces its reset, or any answer with {@code X-RateLimit-Remaining: 0}, closes the limit
 * (one API key on one endpoint) until the reset, and every call of that key and endpoint waits for
 * it before its next attempt instead of spending its own attempts on more 429s. Datadog counts
 * limits per organisation and endpoint; a key stands for its organisation here.
 */
final class RateLimitGate {
  private final ConcurrentHashMap<String, Long> closedUntil = new ConcurrentHashMap<>();

  /** The limit a call belongs to (the key itself is not kept; its hash is enough locally). */
  static String limit(DatadogEndpoint endpoint, DatadogSite site, String apiKey) {
    return endpoint.name() + "|" + site.name() + "|" + Integer.toHexString(apiKey.hashCode());
  }

  /**
   * How long a call must wait before its next attempt (zero when the limit is open, or closed no
   * later than {@code waitedOutUntil}: a closure the call has already slept through).
   */
  Duration wait(String limit, long nowNanos, long waitedOutUntil) {
    Long until = closedUntil.get(limit);
    if (until == null || until - waitedOutUntil <= 0) {
      return Duration.ZERO;
    }
    long left = until - nowNanos;
    if (left <= 0) {
      closedUntil.remove(limit, until);
      return Duration.ZERO;
    }
    return Duration.ofNanos(left);
  }

  /**
   * Closes the limit for {@code wait} from {@code nowNanos} (keeps a later close); returns the end
   * of this closure (for {@link #wait}'s {@code waitedOutUntil}).
   */
  long close(String limit, Duration wait, long nowNanos) {
    if (wait.isZero() || wait.isNegative()) {
      return nowNanos;
    }
    long until = nowNanos + wait.toNanos();
    closedUntil.merge(limit, until, Math::max);
    return until;
  }

  /** What an answer says about the limit: empty when it leaves it open. */
  static Optional<Duration> closes(
      int status, Optional<Duration> announced, Optional<String> remaining) {
    if (status == 429) {
      return announced;
    }
    if (RateLimitHeaders.exhausted(remaining)) {
      return announced;
    }
    return Optional.empty();
  }
}
