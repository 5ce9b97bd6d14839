package io.quantaseal.common.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to record a "last used" time: at most once per {@link #INTERVAL} per key in this container
 * (the conditional write that follows keeps it so across containers). Bounded: past {@link
 * #MAX_KEYS} keys the memory is cleared, which costs at most one extra write per key.
 */
public final class UseThrottle {
  /** How stale a recorded "last used" time may be. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);

  static final int MAX_KEYS = 10_000;

  private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

  /** Whether a use of {@code key} at {@code now} should be written; if so, notes it as written. */
  public boolean due(String key, Instant now) {
    Instant last = recorded.get(key);
    if (last != null && now.isBefore(last.plus(INTERVAL))) {
      return false;
    }
    if (recorded.size() >= MAX_KEYS) {
      recorded.clear();
    }
    recorded.put(key, now);
    return true;
  }
}
