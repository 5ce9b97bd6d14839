package io.quantaseal.crypto.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditTimeTest {
  @Test
  void formatsFixedWidthWithMicroseconds() {
    assertEquals(
        "2026-12-04T18:39:29.123456Z",
        AuditTime.format(Instant.parse("2026-12-04T18:39:29.123456Z")));
    assertEquals(
        "2026-12-04T18:39:00.000000Z", AuditTime.format(Instant.parse("2026-12-04T18:39:00Z")));
    assertEquals(
        "0000-01-01T00:00:00.000000Z", AuditTime.format(Instant.parse("0000-01-01T00:00:00Z")));
    assertEquals(AuditTime.EXAMPLE.length(), AuditTime.format(Instant.EPOCH).length());
  }

  @Test
  void parsesWhatItFormats() {
    Instant t = Instant.parse("2026-12-04T18:39:29.000001Z");
    assertEquals(t, AuditTime.parse(AuditTime.format(t)));
  }

  @Test
  void refusesToDropDigits() {
    Instant t = Instant.parse("2026-12-04T18:39:29.123456789Z");
    assertThrows(IllegalArgumentException.class, () -> AuditTime.format(t));
    assertEquals("2026-12-04T18:39:29.123456Z", AuditTime.format(AuditTime.truncate(t)));
    assertThrows(
        IllegalArgumentException.class,
        () -> AuditTime.format(Instant.parse("+10000-01-01T00:00:00Z")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-04T18:39:29Z",
        "2026-12-04T18:39:29.123Z",
        "2026-12-04T18:39:29.1234567Z",
        "2026-12-04T18:39:29.123456+00:00",
        "2026-12-04t18:39:29.123456z",
        "2026-12-04 18:39:29.123456Z",
        "2026-02-30T18:39:29.123456Z",
        "2026-12-04T24:00:00.000000Z",
        "2026-12-31T23:59:60.000000Z",
        " 2026-12-04T18:39:29.123456Z",
        "2026-12-04T18:39:29.123456Z\n",
        "２026-12-04T18:39:29.123456Z",
        ""
      })
  void parsesNothingElse(String text) {
    assertThrows(AuditFormatException.class, () -> AuditTime.parse(text));
  }
}
