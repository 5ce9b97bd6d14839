package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantaseal.emulator.FunctionPackage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static Subject subject(String name, String build) {
    return new Subject(
        name,
        build,
        new FunctionPackage(
            name, "a.B::h", 1024, Duration.ofSeconds(1), Path.of("/x.jar"), Map.of()),
        Path.of("/t"),
        () -> "{}",
        a -> {});
  }

  private static Sample firstAnswer(double ms) {
    double n = Double.NaN;
    return new Sample(false, ms, n, n, n, n, n, n, n, n, n, n, n, n, n, n, n);
  }

  private static List<Sample> samples(double... ms) {
    List<Sample> out = new ArrayList<>();
    for (double m : ms) {
      out.add(firstAnswer(m));
    }
    return out;
  }

  @Test
  void summaryLine_isTheLargestRatioToTheSdkFloor_andTheProxysMedian() {
    List<Subject> subjects =
        List.of(
            subject(Floors.NULL, "floor"),
            subject(Floors.SDK, "floor"),
            subject("SealFunction", "current"),
            subject(Report.PROXY, "current"),
            subject(Report.PROXY, "baseline"));
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    samples.put("floor-" + Floors.NULL, samples(400, 420, 410));
    samples.put("floor-" + Floors.SDK, samples(1000, 900, 1100));
    samples.put("current-SealFunction", samples(1300, 1250, 1200));
    samples.put("current-" + Report.PROXY, samples(1200, 1100, 1150));
    // The baseline is not in the summary, however slow.
    samples.put("baseline-" + Report.PROXY, samples(3000, 3000, 3000));
    Report report = new Report(subjects, samples);

    assertEquals(
        "cold start: max ratio 1.25 (vs SDK floor), proxy first answer 1.15 s",
        report.summaryLine());

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    report.print(new PrintStream(buf, true, StandardCharsets.UTF_8), 3, 0);
    String printed = buf.toString(StandardCharsets.UTF_8);
    // The before/after table: 1150 / 3000.
    assertEquals(
        true,
        printed.contains("| " + Report.PROXY + " | 3000 [3000–3000] | 1150 [1100–1200] | 0.38 |"),
        printed);
  }

  @Test
  void summaryLine_withoutTheProxy_saysSo() {
    Report report =
        new Report(
            List.of(subject(Floors.SDK, "floor"), subject("SealFunction", "current")),
            Map.of("floor-" + Floors.SDK, samples(1000), "current-SealFunction", samples(1500)));
    assertEquals(
        "cold start: max ratio 1.50 (vs SDK floor), proxy first answer n/a s",
        report.summaryLine());
  }

  @Test
  void schedule_warmsUpFirst_thenSpreadsTheProfileRoundsAmongTheTimedOnes() {
    assertEquals(
        List.of(false, false, false, false, true, false, false, false, true),
        ColdStartBenchmark.schedule(1, 6, 2));
    assertEquals(List.of(false, false), ColdStartBenchmark.schedule(0, 2, 0));
    assertEquals(List.of(true), ColdStartBenchmark.schedule(0, 0, 1));
  }

  @Test
  void order_rotatesEveryRound_andSwapsEachPairOnOddRounds() {
    Subject a = subject("A", "floor");
    Subject b1 = subject("B", "current");
    Subject b2 = subject("B", "baseline");
    Subject c = subject("C", "current");
    List<List<Subject>> slots = List.of(List.of(a), List.of(b1, b2), List.of(c));
    assertEquals(List.of(a, b1, b2, c), ColdStartBenchmark.order(slots, 0));
    assertEquals(List.of(b2, b1, c, a), ColdStartBenchmark.order(slots, 1));
    assertEquals(List.of(c, a, b1, b2), ColdStartBenchmark.order(slots, 2));
  }
}
