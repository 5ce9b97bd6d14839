package io.quantaseal.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The system's load averages over 1, 5 and 15 minutes ({@code /proc/loadavg}). */
record LoadAverage(double one, double five, double fifteen) {
  static Optional<LoadAverage> read() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return Optional.of(
          new LoadAverage(
              Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static String format(Optional<LoadAverage> l) {
    return l.map(LoadAverage::toString).orElse("n/a (no /proc/loadavg)");
  }

  @Override
  public String toString() {
    return String.format("%.2f %.2f %.2f (1, 5, 15 min)", one, five, fifteen);
  }
}
