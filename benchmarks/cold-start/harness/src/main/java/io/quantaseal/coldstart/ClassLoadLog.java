package io.quantaseal.coldstart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a JVM loaded, in order, with the JVM's uptime at each: the output of {@code
 * -Xlog:class+load=info:file=FILE:uptimenanos} ({@link #jvmOption}), one line per class: {@code
 * [12345678ns] java.lang.Object source: shared objects file}.
 */
final class ClassLoadLog {
  /** One loaded class: uptime in nanoseconds, name, and whether it came from the CDS archive. */
  record Loaded(long uptimeNanos, String name, boolean shared) {}

  private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns\\] (\\S+) source: (.*)$");

  private final List<Loaded> classes;

  private ClassLoadLog(List<Loaded> classes) {
    this.classes = List.copyOf(classes);
  }

  /** The JVM option that writes the log to {@code file}. */
  static String jvmOption(Path file) {
    return "-Xlog:class+load=info:file=" + file + ":uptimenanos";
  }

  static ClassLoadLog read(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class-load log " + file, e);
    }
  }

  static ClassLoadLog parse(List<String> lines) {
    List<Loaded> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        out.add(
            new Loaded(
                Long.parseLong(m.group(1)),
                m.group(2),
                m.group(3).startsWith("shared objects file")));
      }
    }
    return new ClassLoadLog(out);
  }

  /** Classes loaded up to {@code uptimeNanos} (inclusive). */
  int countUntil(long uptimeNanos) {
    int n = 0;
    for (Loaded c : classes) {
      if (c.uptimeNanos() <= uptimeNanos) {
        n++;
      }
    }
    return n;
  }

  /** Classes from the CDS archive up to {@code uptimeNanos}. */
  int sharedUntil(long uptimeNanos) {
    int n = 0;
    for (Loaded c : classes) {
      if (c.shared() && c.uptimeNanos() <= uptimeNanos) {
        n++;
      }
    }
    return n;
  }

  /** When {@code className} was loaded, if it was. */
  OptionalLong loadedAt(String className) {
    for (Loaded c : classes) {
      if (c.name().equals(className)) {
        return OptionalLong.of(c.uptimeNanos());
      }
    }
    return OptionalLong.empty();
  }

  int size() {
    return classes.size();
  }
}
