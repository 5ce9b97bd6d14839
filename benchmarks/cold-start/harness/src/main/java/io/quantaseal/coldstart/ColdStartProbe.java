package io.quantaseal.coldstart;

import io.quantaseal.emulator.EmulatedFunction;
import io.quantaseal.emulator.EmulatorLog;
import io.quantaseal.emulator.LambdaJavaRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Measures one cold start of a {@link Subject}: starts its emulator (the JVM starts on the first
 * request), sends the request, checks the answer, reads the JVM's counters and peak memory while it
 * still runs, stops it, then puts together where the time went from three clocks that share the
 * wall clock: the harness's (request sent, answer received), the emulator's log (init start and
 * end, invoke duration) and the JVM's (its start time, and the uptime at which each class was
 * loaded, from {@code -Xlog:class+load}).
 */
final class ColdStartProbe {
  private final Emulation emulation;
  private final Path dir;
  private final boolean keepLogs;

  ColdStartProbe(Emulation emulation, Path dir, boolean keepLogs) {
    this.emulation = emulation;
    this.dir = dir;
    this.keepLogs = keepLogs;
  }

  /** One cold start; with {@code profile}, the JVM also writes its class-load log. */
  Sample measure(Subject s, String round, boolean profile) throws IOException {
    Path log = dir.resolve(s.id() + "-" + round + ".log");
    Path classes = dir.resolve(s.id() + "-" + round + ".classes");
    List<String> extra = profile ? List.of(ClassLoadLog.jvmOption(classes)) : List.of();
    EmulatedFunction.Invocation inv;
    Optional<HotSpotPerfData> perf;
    OptionalLong rss;
    OptionalLong cpu;
    EmulatorLog elog;
    String event = s.event().get();
    try (EmulatedFunction f = emulation.start(s.function(), s.taskRoot(), log, extra)) {
      inv = f.invoke(event, s.function().timeout().plusSeconds(60));
      cpu = f.jvmCpuMillis();
      Optional<ProcessHandle> jvm = f.jvm();
      perf = jvm.flatMap(h -> HotSpotPerfData.of(h.pid()));
      rss = f.jvmPeakRssKib();
      elog = f.emulatorLog();
      if (inv.status() != 200) {
        throw new IllegalStateException(
            s.id()
                + ": the emulator answered "
                + inv.status()
                + ": "
                + inv.body()
                + "\n"
                + f.tail(40));
      }
      try {
        s.check().accept(inv.body());
      } catch (RuntimeException e) {
        throw new IllegalStateException(s.id() + ": " + e.getMessage() + "\n" + f.tail(40), e);
      }
    }
    Optional<ClassLoadLog> loaded =
        profile && Files.exists(classes)
            ? Optional.of(ClassLoadLog.read(classes))
            : Optional.empty();
    if (!keepLogs) {
      Files.deleteIfExists(log);
      Files.deleteIfExists(classes);
    }
    return sample(s, inv, cpu, perf, rss, elog, loaded);
  }

  static Sample sample(
      Subject s,
      EmulatedFunction.Invocation inv,
      OptionalLong cpu,
      Optional<HotSpotPerfData> perf,
      OptionalLong rss,
      EmulatorLog elog,
      Optional<ClassLoadLog> loaded) {
    double total = inv.nanos() / 1e6;
    double sent = epochMillis(inv.sent());
    double answered = sent + total;
    double vmStart = perf.flatMap(p -> box(p.get("sun.rt.createVmBeginTime"))).orElse(Double.NaN);
    double initStart = elog.initStart().map(ColdStartProbe::epochMillis).orElse(Double.NaN);
    double initEnd = elog.initEnd().map(ColdStartProbe::epochMillis).orElse(Double.NaN);
    double invoke = elog.invokeMillis().isEmpty() ? Double.NaN : elog.invokeMillis().get(0);
    double mainLoaded =
        loaded
            .flatMap(l -> box(l.loadedAt(LambdaJavaRuntime.RUNTIME_CLIENT_MAIN)))
            .map(ns -> vmStart + ns / 1e6)
            .orElse(Double.NaN);
    double handlerLoaded =
        loaded
            .flatMap(l -> box(l.loadedAt(s.handlerClass())))
            .map(ns -> vmStart + ns / 1e6)
            .orElse(Double.NaN);
    double emulator = (initStart - sent) + (total - (initEnd - sent) - invoke);

    double classes = Double.NaN;
    double atInit = Double.NaN;
    double shared = Double.NaN;
    if (loaded.isPresent() && !Double.isNaN(vmStart)) {
      long answerUptime = (long) ((answered - vmStart) * 1e6);
      classes = loaded.get().countUntil(answerUptime);
      shared = loaded.get().sharedUntil(answerUptime);
      if (!Double.isNaN(initEnd)) {
        atInit = loaded.get().countUntil((long) ((initEnd - vmStart) * 1e6));
      }
    } else if (perf.isPresent()) {
      // java.cls.loadedClasses leaves out the classes mapped from the CDS archive.
      shared = box(perf.get().get("java.cls.sharedLoadedClasses")).orElse(Double.NaN);
      classes = box(perf.get().get("java.cls.loadedClasses")).orElse(Double.NaN) + shared;
    }
    return new Sample(
        loaded.isPresent(),
        total,
        cpu.isPresent() ? cpu.getAsLong() : Double.NaN,
        emulator,
        mainLoaded - initStart,
        handlerLoaded - mainLoaded,
        initEnd - handlerLoaded,
        invoke,
        classes,
        atInit,
        shared,
        perf.map(p -> p.millis("sun.cls.time")).orElse(Double.NaN),
        perf.map(p -> p.millis("sun.cls.classInitTime.self")).orElse(Double.NaN),
        perf.map(p -> p.millis("sun.cls.classVerifyTime.self")).orElse(Double.NaN),
        perf.map(p -> p.millis("java.ci.totalTime")).orElse(Double.NaN),
        perf.map(p -> p.millisSum("sun.gc.collector.0.time", "sun.gc.collector.1.time"))
            .orElse(Double.NaN),
        rss.isPresent() ? rss.getAsLong() / 1024.0 : Double.NaN);
  }

  private static Optional<Double> box(OptionalLong v) {
    return v.isPresent() ? Optional.of((double) v.getAsLong()) : Optional.empty();
  }

  private static double epochMillis(Instant t) {
    return t.getEpochSecond() * 1000.0 + t.getNano() / 1e6;
  }
}
