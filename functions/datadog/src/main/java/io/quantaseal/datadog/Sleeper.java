package io.quantaseal.datadog;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Sleeps between attempts; tests pass one that records the waits and returns at once. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** {@link TimeUnit#sleep}. */
  static Sleeper system() {
    return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
  }
}
