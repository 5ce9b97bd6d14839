package io.quantaseal.coldstart;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A running HotSpot JVM's performance counters (what {@code jstat} and {@code jcmd PID
 * PerfCounter.print} show), read from the shared-memory file the JVM keeps while it runs ({@code
 * -XX:+UsePerfData}, the default: {@code /tmp/hsperfdata_<user>/<pid>}), without attaching to it.
 *
 * <p>The file is a prologue (magic {@code 0xcafec0c0}, byte order, version 2.x, the offset and
 * number of entries) followed by entries, each with its length, name offset, vector length, type
 * ({@code 'J'} long, {@code 'B'} byte string) and data offset (HotSpot's {@code perfMemory.hpp}).
 * Only long scalars are kept.
 */
final class HotSpotPerfData {
  private static final int MAGIC = 0xcafec0c0;

  private final Map<String, Long> longs;

  private HotSpotPerfData(Map<String, Long> longs) {
    this.longs = Collections.unmodifiableMap(longs);
  }

  /** The counters of the JVM {@code pid} run by this user, if it keeps them. */
  static Optional<HotSpotPerfData> of(long pid) {
    Path file =
        Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
    try {
      return Optional.of(parse(Files.readAllBytes(file)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Counters given as they are (for tests). */
  static HotSpotPerfData of(Map<String, Long> longs) {
    return new HotSpotPerfData(new LinkedHashMap<>(longs));
  }

  static HotSpotPerfData parse(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    if (b.getInt(0) != MAGIC) {
      throw new IllegalArgumentException("not a hsperfdata file");
    }
    b.order(bytes[4] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    if (bytes[5] != 2) {
      throw new IllegalArgumentException("hsperfdata version " + bytes[5] + " is not 2");
    }
    int entryOffset = b.getInt(24);
    int entries = b.getInt(28);
    Map<String, Long> longs = new LinkedHashMap<>();
    int at = entryOffset;
    for (int i = 0; i < entries && at + 20 <= bytes.length; i++) {
      int length = b.getInt(at);
      int nameOffset = b.getInt(at + 4);
      int vectorLength = b.getInt(at + 8);
      byte type = b.get(at + 12);
      int dataOffset = b.getInt(at + 16);
      if (length <= 0) {
        break;
      }
      if (type == 'J' && vectorLength == 0) {
        int end = at + nameOffset;
        while (end < bytes.length && bytes[end] != 0) {
          end++;
        }
        String name =
            new String(bytes, at + nameOffset, end - at - nameOffset, StandardCharsets.US_ASCII);
        longs.put(name, b.getLong(at + dataOffset));
      }
      at += length;
    }
    return new HotSpotPerfData(longs);
  }

  OptionalLong get(String name) {
    Long v = longs.get(name);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** A tick counter in milliseconds ({@code sun.os.hrt.frequency} ticks per second). */
  double millis(String name) {
    OptionalLong v = get(name);
    OptionalLong hz = get("sun.os.hrt.frequency");
    if (v.isEmpty() || hz.isEmpty() || hz.getAsLong() <= 0) {
      return Double.NaN;
    }
    return v.getAsLong() * 1000.0 / hz.getAsLong();
  }

  /** The sum of tick counters, in milliseconds; NaN when none exists. */
  double millisSum(String... names) {
    double sum = 0;
    boolean any = false;
    for (String n : names) {
      double ms = millis(n);
      if (!Double.isNaN(ms)) {
        sum += ms;
        any = true;
      }
    }
    return any ? sum : Double.NaN;
  }

  Map<String, Long> all() {
    return longs;
  }
}
