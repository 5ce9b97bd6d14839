package io.quantaseal.emulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Runtime Interface Emulator says about the runtime's phases, read from its output: when
 * the init phase started (it starts the runtime on the first invocation), how long it took (until
 * the runtime asked for its first event, i.e. the handler was built) and how long each invocation
 * took. Its timestamps are in the emulator's time zone: {@link RuntimeInterfaceEmulator} runs it
 * with {@code TZ=:UTC}.
 */
public record EmulatorLog(
    Optional<Instant> initStart, Optional<Double> initMillis, List<Double> invokeMillis) {

  private static final Pattern STAMP =
      Pattern.compile(
          "^(\\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2},\\d{3}) \\[\\w+\\] \\(rapid\\) ");
  private static final Pattern INIT_START = Pattern.compile("\\(rapid\\) INIT START\\(");
  private static final Pattern INIT_REPORT =
      Pattern.compile("\\(rapid\\) INIT REPORT\\(durationMs: ([0-9.]+)\\)");
  private static final Pattern INVOKE_DONE =
      Pattern.compile("\\(rapid\\) INVOKE RTDONE\\(.*duration: ([0-9.]+)ms\\)");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss,SSS", Locale.ENGLISH);

  public EmulatorLog {
    invokeMillis = List.copyOf(invokeMillis);
  }

  /** Reads the emulator's output lines (the function's own output may be mixed in). */
  public static EmulatorLog parse(List<String> lines) {
    Optional<Instant> initStart = Optional.empty();
    Optional<Double> initMillis = Optional.empty();
    List<Double> invokes = new ArrayList<>();
    for (String line : lines) {
      if (initStart.isEmpty() && INIT_START.matcher(line).find()) {
        initStart = stamp(line);
      }
      Matcher m = INIT_REPORT.matcher(line);
      if (initMillis.isEmpty() && m.find()) {
        initMillis = Optional.of(Double.parseDouble(m.group(1)));
      }
      m = INVOKE_DONE.matcher(line);
      if (m.find()) {
        invokes.add(Double.parseDouble(m.group(1)));
      }
    }
    return new EmulatorLog(initStart, initMillis, invokes);
  }

  /** The end of the init phase: its start plus its duration. */
  public Optional<Instant> initEnd() {
    return initStart.flatMap(s -> initMillis.map(ms -> s.plusNanos(Math.round(ms * 1_000_000))));
  }

  private static Optional<Instant> stamp(String line) {
    Matcher m = STAMP.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1), FORMAT).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
