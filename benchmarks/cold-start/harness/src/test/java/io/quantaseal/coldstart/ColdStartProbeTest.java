package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.emulator.EmulatedFunction;
import io.quantaseal.emulator.EmulatorLog;
import io.quantaseal.emulator.FunctionPackage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ColdStartProbeTest {
  private static final Subject SUBJECT =
      new Subject(
          "AuthorizerFunction",
          "current",
          new FunctionPackage(
              "AuthorizerFunction",
              "a.b.Handler::handleRequest",
              512,
              Duration.ofSeconds(5),
              Path.of("/f.jar"),
              Map.of()),
          Path.of("/task"),
          () -> "{}",
          a -> {});

  @Test
  void sample_putsTheThreeClocksTogether_andThePhasesAddUpToTheFirstAnswer() {
    Instant sent = Instant.parse("2026-12-04T21:46:17.880Z");
    // The emulator starts the runtime 16 ms after the request, init takes 1200 ms, invoke 300 ms.
    EmulatorLog elog =
        new EmulatorLog(
            Optional.of(Instant.parse("2026-12-04T21:46:17.896Z")),
            Optional.of(1200.0),
            List.of(300.0));
    // The JVM starts 5 ms after that, loads the runtime client at 40 ms, the handler at 100 ms.
    long vmStart = Instant.parse("2026-12-04T21:46:17.901Z").toEpochMilli();
    ClassLoadLog classes =
        ClassLoadLog.parse(
            List.of(
                "[10000000ns] java.lang.Object source: shared objects file",
                "[40000000ns] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: file:/r.jar",
                "[100000000ns] a.b.Handler source: file:/task/lib/f.jar",
                "[1100000000ns] a.b.Service source: file:/task/lib/f.jar",
                "[1300000000ns] a.b.Invoked source: file:/task/lib/f.jar",
                "[9000000000ns] a.b.AfterTheAnswer source: file:/task/lib/f.jar"));
    HotSpotPerfData perf =
        HotSpotPerfData.of(
            Map.of(
                "sun.rt.createVmBeginTime", vmStart,
                "sun.os.hrt.frequency", 1_000_000_000L,
                "sun.cls.time", 700_000_000L,
                "java.ci.totalTime", 50_000_000L));
    EmulatedFunction.Invocation inv =
        new EmulatedFunction.Invocation(sent, 1_530_000_000L, 200, "{}");

    Sample s =
        ColdStartProbe.sample(
            SUBJECT,
            inv,
            OptionalLong.of(2_100),
            Optional.of(perf),
            OptionalLong.of(102_400),
            elog,
            Optional.of(classes));

    assertEquals(1530, s.firstAnswerMs(), 1e-6);
    assertEquals(2100, s.cpuMs(), 1e-6);
    assertEquals(5 + 40, s.jvmStartMs(), 1e-6);
    assertEquals(60, s.runtimeClientMs(), 1e-6);
    assertEquals(1200 - 45 - 60, s.handlerInitMs(), 1e-6);
    assertEquals(300, s.invokeMs(), 1e-6);
    assertEquals(16 + 14, s.emulatorMs(), 1e-6);
    assertEquals(
        s.firstAnswerMs(),
        s.emulatorMs() + s.jvmStartMs() + s.runtimeClientMs() + s.handlerInitMs() + s.invokeMs(),
        1e-6);
    assertEquals(5, s.classes());
    assertEquals(4, s.classesAtInit());
    assertEquals(1, s.sharedClasses());
    assertEquals(700, s.classLoadingMs(), 1e-6);
    assertEquals(50, s.jitMs(), 1e-6);
    assertEquals(100, s.peakRssMib(), 1e-6);
    assertTrue(Double.isNaN(s.gcMs()));
  }
}
