package io.quantaseal.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One function in its emulator ({@link RuntimeInterfaceEmulator#start}): invoke it over 127.0.0.1,
 * look at its JVM, stop both.
 */
public final class EmulatedFunction implements AutoCloseable {
  /**
   * One invocation as the caller saw it.
   *
   * @param sent when the request was sent (wall clock)
   * @param nanos from sending the request to having the whole answer
   * @param status the emulator's HTTP status (200 also for a function error: see the body)
   * @param body the function's answer, or Lambda's error JSON
   */
  public record Invocation(Instant sent, long nanos, int status, String body) {
    public Duration duration() {
      return Duration.ofNanos(nanos);
    }
  }

  private final String name;
  private final Process emulator;
  private final URI invocations;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  EmulatedFunction(String name, Process emulator, int port, Path log) {
    this.name = name;
    this.emulator = emulator;
    this.invocations =
        URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
    this.log = log;
  }

  public String name() {
    return name;
  }

  /** Sends {@code event} (JSON) and waits for the answer. */
  public Invocation invoke(String event, Duration timeout) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(invocations)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8))
            .build();
    Instant sent = Instant.now();
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Invocation(sent, System.nanoTime() - start, r.statusCode(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while invoking " + name, e);
    }
  }

  /** The runtime's JVM, once the first invocation has started it. */
  public Optional<ProcessHandle> jvm() {
    return emulator
        .toHandle()
        .children()
        .filter(c -> c.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false))
        .findFirst();
  }

  /** The JVM's peak resident memory (VmHWM), in KiB, while it runs. */
  public OptionalLong jvmPeakRssKib() {
    return jvm().map(h -> Proc.statusKib(h.pid(), "VmHWM")).orElse(OptionalLong.empty());
  }

  /**
   * The CPU time the JVM has used so far (user + system, all its threads, also those that ended),
   * in milliseconds, at the kernel's 10 ms tick; unlike the time to an answer it hardly depends on
   * what else the machine runs.
   */
  public OptionalLong jvmCpuMillis() {
    return jvm().map(h -> Proc.cpuMillis(h.pid())).orElse(OptionalLong.empty());
  }

  /** The emulator's output and the function's, so far. */
  public Path log() {
    return log;
  }

  /** The phases the emulator reported so far. */
  public EmulatorLog emulatorLog() {
    return EmulatorLog.parse(lines());
  }

  /** The last {@code n} lines of {@link #log()}, for error messages. */
  public String tail(int n) {
    List<String> lines = lines();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  private List<String> lines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
    }
  }

  /** Stops the JVM and the emulator (SIGTERM, then SIGKILL after 5 s). */
  @Override
  public void close() {
    List<ProcessHandle> children = emulator.toHandle().descendants().toList();
    children.forEach(ProcessHandle::destroy);
    emulator.destroy();
    try {
      if (!emulator.waitFor(5, TimeUnit.SECONDS)) {
        emulator.destroyForcibly();
        emulator.waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle c : children) {
        c.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** /proc/PID/status fields and CPU times. */
  static final class Proc {
    /** USER_HZ: the unit of /proc/PID/stat's times on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private Proc() {}

    static OptionalLong cpuMillis(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
      } catch (IOException | RuntimeException e) {
        return OptionalLong.empty();
      }
    }

    static OptionalLong statusKib(long pid, String field) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith(field + ":")) {
            String v = line.substring(field.length() + 1).trim();
            return OptionalLong.of(Long.parseLong(v.split("\\s+")[0]));
          }
        }
      } catch (IOException | RuntimeException e) {
        return OptionalLong.empty();
      }
      return OptionalLong.empty();
    }
  }
}
