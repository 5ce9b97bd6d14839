package io.quantaseal.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Deadline.Ticker ticker = now::get;

  @Test
  void fromRemaining_keepsTheMarginBack() {
    Deadline d = Deadline.fromRemaining(Duration.ofSeconds(10), Duration.ofSeconds(1), ticker);
    assertEquals(Duration.ofSeconds(9), d.remaining());
    now.addAndGet(Duration.ofSeconds(8).toNanos());
    assertEquals(Duration.ofSeconds(1), d.remaining());
    assertFalse(d.expired());
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals(Duration.ZERO, d.remaining());
    assertTrue(d.expired());
  }

  @Test
  void marginLargerThanTheTimeLeft_alreadyExpired() {
    Deadline d = Deadline.fromRemaining(Duration.ofMillis(300), Duration.ofSeconds(1), ticker);
    assertTrue(d.expired());
    assertEquals(Duration.ZERO, d.remaining());
  }

  @Test
  void atMost_takesTheEarlier() {
    Deadline d = Deadline.after(Duration.ofSeconds(30), ticker);
    assertEquals(Duration.ofSeconds(25), d.atMost(Duration.ofSeconds(25)).remaining());
    assertEquals(Duration.ofSeconds(30), d.atMost(Duration.ofSeconds(60)).remaining());
  }

  @Test
  void noLambdaContext_theDefaultBudget() {
    Duration left = Deadline.fromLambda(null, Duration.ofSeconds(1)).remaining();
    assertTrue(left.compareTo(Deadline.DEFAULT_BUDGET.minusSeconds(1)) <= 0);
    assertTrue(left.compareTo(Deadline.DEFAULT_BUDGET.minusSeconds(2)) > 0);
  }
}
