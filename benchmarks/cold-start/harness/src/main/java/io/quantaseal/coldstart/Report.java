package io.quantaseal.coldstart;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The run's figures: per subject the median and range of its first answer over the measured rounds,
 * as ratios to the floors (and, with a baseline, to the same function before), and where its time
 * went. Ratios are of medians. Tables are Markdown, to paste into docs/benchmarks.md.
 */
final class Report {
  /** The function whose first answer the summary line reports. */
  static final String PROXY = "ProxyOutboundFunction";

  private final List<Subject> subjects;
  private final Map<String, List<Sample>> samples;
  private final Map<String, Subject> byId = new LinkedHashMap<>();

  Report(List<Subject> subjects, Map<String, List<Sample>> samples) {
    this.subjects = subjects;
    this.samples = samples;
    subjects.forEach(s -> byId.put(s.id(), s));
  }

  /** A figure over the timed rounds. */
  Stats stats(String id, ToDoubleFunction<Sample> figure) {
    return Stats.of(rounds(id, false), figure);
  }

  /** A figure over the profile rounds. */
  Stats profile(String id, ToDoubleFunction<Sample> figure) {
    return Stats.of(rounds(id, true), figure);
  }

  private List<Sample> rounds(String id, boolean profiled) {
    return samples.getOrDefault(id, List.of()).stream()
        .filter(x -> x.profiled() == profiled)
        .toList();
  }

  private double median(String id) {
    return stats(id, Sample::firstAnswerMs).median();
  }

  private Optional<Subject> floor(String name) {
    return subjects.stream()
        .filter(s -> s.name().equals(name) && s.build().equals("floor"))
        .findFirst();
  }

  /** The largest (function, current) first answer ÷ the SDK floor's. */
  double maxRatioVsSdkFloor() {
    double sdk = floor(Floors.SDK).map(s -> median(s.id())).orElse(Double.NaN);
    return subjects.stream()
        .filter(s -> s.build().equals("current"))
        .mapToDouble(s -> median(s.id()) / sdk)
        .max()
        .orElse(Double.NaN);
  }

  /** The current proxy's median first answer in seconds, if it was measured. */
  Optional<Double> proxyFirstAnswerSeconds() {
    return Optional.ofNullable(byId.get("current-" + PROXY)).map(s -> median(s.id()) / 1000);
  }

  /** {@code cold start: max ratio R (vs SDK floor), proxy first answer S s}. */
  String summaryLine() {
    return String.format(
        Locale.ROOT,
        "cold start: max ratio %s (vs SDK floor), proxy first answer %s s",
        fixed(maxRatioVsSdkFloor(), 2),
        proxyFirstAnswerSeconds().map(v -> fixed(v, 2)).orElse("n/a"));
  }

  void print(PrintStream out, int rounds, int profileRounds) {
    double sdk = floor(Floors.SDK).map(s -> median(s.id())).orElse(Double.NaN);
    double nul = floor(Floors.NULL).map(s -> median(s.id())).orElse(Double.NaN);
    double sdkCpu =
        floor(Floors.SDK).map(s -> stats(s.id(), Sample::cpuMs).median()).orElse(Double.NaN);
    out.println();
    out.println(
        "First answer of a cold start: ms, median [min–max] over "
            + rounds
            + " timed rounds; ratios of medians. JVM CPU: the JVM's user + system time by then.");
    out.println();
    table(
        out,
        List.of(
            "subject",
            "build",
            "first answer ms",
            "÷ SDK floor",
            "÷ null floor",
            "JVM CPU ms",
            "CPU ÷ SDK floor",
            "classes loaded",
            "class loading ms",
            "GC ms",
            "peak RSS MiB"),
        subjects.stream()
            .map(
                s ->
                    List.of(
                        s.name(),
                        s.build(),
                        stats(s.id(), Sample::firstAnswerMs).format(),
                        fixed(median(s.id()) / sdk, 2),
                        fixed(median(s.id()) / nul, 2),
                        stats(s.id(), Sample::cpuMs).format(),
                        fixed(stats(s.id(), Sample::cpuMs).median() / sdkCpu, 2),
                        whole(stats(s.id(), Sample::classes).median()),
                        whole(stats(s.id(), Sample::classLoadingMs).median()),
                        whole(stats(s.id(), Sample::gcMs).median()),
                        whole(stats(s.id(), Sample::peakRssMib).median())))
            .toList());
    if (profileRounds > 0) {
      out.println();
      out.println(
          "Where the time goes: ms, medians over "
              + profileRounds
              + " profile rounds (-Xlog:class+load, which slows each a little). The five phases add"
              + " up to the first answer; class loading, static initialisers and verification"
              + " happen within them; the JIT compiles in parallel threads.");
      out.println();
      table(
          out,
          List.of(
              "subject",
              "build",
              "JVM start",
              "runtime client",
              "handler init",
              "first invoke",
              "emulator",
              "classes by end of init",
              "by the answer",
              "from CDS",
              "class loading",
              "static init (self)",
              "verify (self)",
              "JIT"),
          subjects.stream()
              .map(
                  s ->
                      List.of(
                          s.name(),
                          s.build(),
                          whole(profile(s.id(), Sample::jvmStartMs).median()),
                          whole(profile(s.id(), Sample::runtimeClientMs).median()),
                          whole(profile(s.id(), Sample::handlerInitMs).median()),
                          whole(profile(s.id(), Sample::invokeMs).median()),
                          whole(profile(s.id(), Sample::emulatorMs).median()),
                          whole(profile(s.id(), Sample::classesAtInit).median()),
                          whole(profile(s.id(), Sample::classes).median()),
                          whole(profile(s.id(), Sample::sharedClasses).median()),
                          whole(profile(s.id(), Sample::classLoadingMs).median()),
                          whole(profile(s.id(), Sample::classInitMs).median()),
                          whole(profile(s.id(), Sample::verifyMs).median()),
                          whole(profile(s.id(), Sample::jitMs).median())))
              .toList());
    }
    List<List<String>> pairs = new ArrayList<>();
    for (Subject s : subjects) {
      Subject before = byId.get("baseline-" + s.name());
      if (!s.build().equals("current") || before == null) {
        continue;
      }
      pairs.add(
          List.of(
              s.name(),
              stats(before.id(), Sample::firstAnswerMs).format(),
              stats(s.id(), Sample::firstAnswerMs).format(),
              fixed(median(s.id()) / median(before.id()), 2),
              fixed(ratio(s, before, Sample::cpuMs), 2),
              whole(stats(before.id(), Sample::classes).median())
                  + " → "
                  + whole(stats(s.id(), Sample::classes).median()),
              fixed(ratio(s, before, Sample::classes), 2),
              fixed(ratio(s, before, Sample::classLoadingMs), 2)));
    }
    if (!pairs.isEmpty()) {
      out.println();
      out.println(
          "After ÷ before: the current checkout's functions against the baseline's, same rounds");
      out.println();
      table(
          out,
          List.of(
              "function",
              "before: first answer ms",
              "after: first answer ms",
              "after ÷ before",
              "JVM CPU after ÷ before",
              "classes before → after",
              "classes after ÷ before",
              "class loading after ÷ before"),
          pairs);
    }
  }

  private double ratio(Subject after, Subject before, ToDoubleFunction<Sample> figure) {
    return stats(after.id(), figure).median() / stats(before.id(), figure).median();
  }

  static void table(PrintStream out, List<String> header, List<List<String>> rows) {
    out.println("| " + String.join(" | ", header) + " |");
    StringBuilder sep = new StringBuilder("|");
    for (int i = 0; i < header.size(); i++) {
      sep.append(i < 2 ? " --- |" : " ---: |");
    }
    out.println(sep);
    rows.forEach(r -> out.println("| " + String.join(" | ", r) + " |"));
  }

  static String fixed(double v, int decimals) {
    return Double.isNaN(v) || Double.isInfinite(v)
        ? "n/a"
        : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String whole(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
  }
}
