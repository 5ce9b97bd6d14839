package io.quantaseal.crypto.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The one time format of the audit trail: RFC 3339 in UTC, fixed width, with microseconds ({@code
 * 2026-12-04T18:39:29.123456Z}), so that text order is time order and every language prints the
 * same bytes.
 */
public final class AuditTime {
  /** Example of the format: 27 characters, always. */
  public static final String EXAMPLE = "2026-12-04T18:39:29.123456Z";

  private static final Pattern SHAPE =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  private AuditTime() {}

  /**
   * {@code t} in the audit format. It must be a whole number of microseconds between years 0000 and
   * 9999: truncate first ({@link #truncate}) rather than lose digits silently.
   */
  public static String format(Instant t) {
    if (t.getNano() % 1_000 != 0) {
      throw new IllegalArgumentException("audit times are whole microseconds: truncate first");
    }
    if (t.isBefore(MIN) || t.isAfter(MAX)) {
      throw new IllegalArgumentException("audit times lie in years 0000 to 9999");
    }
    return FORMAT.format(t);
  }

  /** {@code t} without its sub-microsecond digits. */
  public static Instant truncate(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  /** Parses the audit format, and nothing else (no offset, no other precision, no leap second). */
  public static Instant parse(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) {
      throw new AuditFormatException(
          "time is not RFC 3339 UTC with microseconds (" + EXAMPLE + ")");
    }
    try {
      return FORMAT.parse(text, Instant::from);
    } catch (DateTimeException e) {
      throw new AuditFormatException("time is not a valid date and time");
    }
  }
}
