package io.quantaseal.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditLogTimeTest {
  @Test
  void sortableTime_ordersLikeInstants_evenForWholeSeconds() {
    Instant whole = Instant.parse("2026-11-26T19:42:58Z");
    Instant half = Instant.parse("2026-11-26T19:42:58.500Z");
    Instant next = Instant.parse("2026-11-26T19:42:59Z");
    assertTrue(whole.toString().compareTo(half.toString()) > 0, "the JDK form sorts wrongly");
    assertTrue(AuditLog.sortableTime(whole).compareTo(AuditLog.sortableTime(half)) < 0);
    assertTrue(AuditLog.sortableTime(half).compareTo(AuditLog.sortableTime(next)) < 0);
    assertEquals("2026-11-26T19:42:58.000000000Z", AuditLog.sortableTime(whole));
  }
}
