package io.quantaseal.datadog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Closures per key and endpoint, their end, and what closes them. */
class RateLimitGateTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef";
  private static final long S = 1_000_000_000L;

  @Test
  void limit_perEndpointSiteAndKey_withoutTheKey() {
    String a = RateLimitGate.limit(DatadogEndpoint.LOGS, DatadogSite.EU1, KEY);
    assertEquals(a, RateLimitGate.limit(DatadogEndpoint.LOGS, DatadogSite.EU1, KEY));
    assertNotEquals(a, RateLimitGate.limit(DatadogEndpoint.EVENTS, DatadogSite.EU1, KEY));
    assertNotEquals(a, RateLimitGate.limit(DatadogEndpoint.LOGS, DatadogSite.US1, KEY));
    assertNotEquals(a, RateLimitGate.limit(DatadogEndpoint.LOGS, DatadogSite.EU1, KEY + "x"));
    assertFalse(a.contains(KEY));
  }

  @Test
  void close_thenWait_untilTheEnd_laterCloseKept() {
    RateLimitGate gate = new RateLimitGate();
    assertEquals(Duration.ZERO, gate.wait("l", 0, 0), "open");
    long until = gate.close("l", Duration.ofSeconds(2), 10 * S);
    assertEquals(12 * S, until);
    assertEquals(Duration.ofSeconds(1), gate.wait("l", 11 * S, 0));
    assertEquals(Duration.ZERO, gate.wait("other", 11 * S, 0), "other limits stay open");
    gate.close("l", Duration.ofSeconds(1), 10 * S);
    assertEquals(Duration.ofSeconds(1), gate.wait("l", 11 * S, 0), "an earlier end does not win");
    assertEquals(Duration.ZERO, gate.wait("l", 12 * S, 0), "open again at the end");
    assertEquals(Duration.ZERO, gate.wait("l", 11 * S, 0), "and forgotten");
  }

  @Test
  void aClosureTheCallAlreadySleptThrough_doesNotHoldItAgain() {
    RateLimitGate gate = new RateLimitGate();
    long until = gate.close("l", Duration.ofSeconds(2), 0);
    assertEquals(Duration.ZERO, gate.wait("l", S, until));
    assertEquals(Duration.ofSeconds(1), gate.wait("l", S, until - 1));
  }

  @Test
  void zeroOrNegativeWait_closesNothing() {
    RateLimitGate gate = new RateLimitGate();
    assertEquals(5 * S, gate.close("l", Duration.ZERO, 5 * S));
    assertEquals(Duration.ZERO, gate.wait("l", 5 * S, 0));
  }

  @Test
  void closes_a429OrAnExhaustedLimit_forWhatIsAnnounced() {
    Optional<Duration> two = Optional.of(Duration.ofSeconds(2));
    assertEquals(two, RateLimitGate.closes(429, two, Optional.empty()));
    assertEquals(Optional.empty(), RateLimitGate.closes(429, Optional.empty(), Optional.empty()));
    assertEquals(two, RateLimitGate.closes(202, two, Optional.of("0")));
    assertEquals(Optional.empty(), RateLimitGate.closes(202, two, Optional.of("3")));
    assertEquals(Optional.empty(), RateLimitGate.closes(503, two, Optional.empty()));
  }
}
