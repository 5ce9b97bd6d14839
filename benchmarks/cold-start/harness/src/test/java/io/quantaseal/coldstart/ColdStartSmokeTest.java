package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.emulator.RuntimeInterfaceEmulator;
import io.quantaseal.testsupport.MotoServer;
import io.quantaseal.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness runs: one timed and one profile round, no warm-up, on the authorizer and both floors,
 * through provisioning and the emulator as benchmarks/cold-start/run does. Not a benchmark: it
 * checks that every figure of the report could be read (a change in the emulator's log or the JVM's
 * counters shows here), not what the figures are. Skipped, with the reason, where the emulator,
 * moto or the jars are not there (./test-all builds all three before Maven's tests).
 */
class ColdStartSmokeTest {
  private static final Path ROOT = RepoRoot.find();
  private static final Path HOME = ROOT.resolve("benchmarks/cold-start");

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void oneRound_ofTheAuthorizerAndTheFloors_readsEveryFigure() throws Exception {
    Assumptions.assumeTrue(
        RuntimeInterfaceEmulator.find(
                List.of(ROOT.resolve("local/target/rie"), HOME.resolve("target/rie")))
            .isPresent(),
        "aws-lambda-rie is not built (./test-all builds it into local/target/rie)");
    Assumptions.assumeTrue(
        Files.isExecutable(MotoServer.defaultVenv().resolve("bin/moto_server")),
        "moto is not installed: run scripts/ensure-venv.sh");
    for (String floor : List.of("floor-null", "floor-sdk")) {
      Path target = HOME.resolve(floor).resolve("target");
      Assumptions.assumeTrue(
          Files.isDirectory(target)
              && Files.list(target).anyMatch(p -> p.toString().endsWith("-lambda.jar")),
          floor + " is not packaged (mvn package)");
    }
    Checkout current;
    try {
      current = Checkout.open("current", ROOT);
    } catch (IllegalArgumentException notBuilt) {
      Assumptions.abort(notBuilt.getMessage());
      return;
    }
    Options options =
        Options.parse(
            List.of(
                "--rounds",
                "1",
                "--profile-rounds",
                "1",
                "--warmup",
                "0",
                "--functions",
                "AuthorizerFunction",
                "--out",
                HOME.resolve("harness/target/smoke").toString()),
            ROOT);

    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Report report =
        new ColdStartBenchmark(options, new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
    String printed = buf.toString(StandardCharsets.UTF_8);

    assertTrue(
        report
            .summaryLine()
            .matches(
                "cold start: max ratio [0-9]+\\.[0-9]{2} \\(vs SDK floor\\), proxy first answer n/a s"),
        report.summaryLine());
    assertTrue(printed.contains("load average at start: "), printed);
    assertTrue(current.function("AuthorizerFunction").isPresent());
    for (String id :
        List.of("floor-" + Floors.NULL, "floor-" + Floors.SDK, "current-AuthorizerFunction")) {
      for (ToDoubleFunction<Sample> figure :
          List.<ToDoubleFunction<Sample>>of(
              Sample::firstAnswerMs,
              Sample::cpuMs,
              Sample::invokeMs,
              Sample::classes,
              Sample::classLoadingMs,
              Sample::peakRssMib)) {
        Stats s = report.stats(id, figure);
        assertEquals(1, s.n(), id + ": a figure of the timed round could not be read\n" + printed);
        assertTrue(s.median() >= 0, id + ": " + s + "\n" + printed);
      }
      for (ToDoubleFunction<Sample> figure :
          List.<ToDoubleFunction<Sample>>of(
              Sample::jvmStartMs,
              Sample::runtimeClientMs,
              Sample::handlerInitMs,
              Sample::emulatorMs,
              Sample::classesAtInit,
              Sample::classes)) {
        Stats s = report.profile(id, figure);
        assertEquals(
            1, s.n(), id + ": a figure of the profile round could not be read\n" + printed);
        assertTrue(s.median() >= 0, id + ": " + s + "\n" + printed);
      }
      // The JVM's counters and its class-load log count the same classes.
      assertEquals(
          report.profile(id, Sample::classes).median(),
          report.stats(id, Sample::classes).median(),
          60,
          id);
    }
    // More than the runtime alone: the SDK floor loads the SDK, the function more still.
    assertTrue(
        report.stats("current-AuthorizerFunction", Sample::classes).median()
            > report.stats("floor-" + Floors.SDK, Sample::classes).median());
    assertTrue(
        report.stats("floor-" + Floors.SDK, Sample::classes).median()
            > report.stats("floor-" + Floors.NULL, Sample::classes).median());
  }
}
