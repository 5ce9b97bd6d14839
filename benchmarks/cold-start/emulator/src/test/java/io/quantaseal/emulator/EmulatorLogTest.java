package io.quantaseal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmulatorLogTest {
  // The emulator's own lines around a first invocation, with the function's output in between.
  private static final List<String> LINES =
      List.of(
          "04 Dec 2026 21:46:15,871 [INFO] (rapid) exec '/usr/bin/java' (cwd=/tmp/task, handler=a.B::handleRequest)",
          "START RequestId: 6b73e1b5-f61e-4187-98bc-81e7340d2f8c Version: $LATEST",
          "04 Dec 2026 21:46:17,896 [INFO] (rapid) INIT START(type: on-demand, phase: init)",
          "{\"level\":\"INFO\",\"message\":\"INIT REPORT(durationMs: 1.0) is not the emulator's\"}",
          "04 Dec 2026 21:46:19,093 [INFO] (rapid) INIT RTDONE(status: success)",
          "04 Dec 2026 21:46:19,093 [INFO] (rapid) INIT REPORT(durationMs: 1197.956000)",
          "04 Dec 2026 21:46:19,094 [INFO] (rapid) INVOKE START(requestId: 6b73e1b5)",
          "04 Dec 2026 21:46:21,274 [INFO] (rapid) INVOKE RTDONE(status: success, produced bytes: 0, duration: 2180.574000ms)",
          "END RequestId: 6b73e1b5-f61e-4187-98bc-81e7340d2f8c",
          "REPORT RequestId: 6b73e1b5\tInit Duration: 0.04 ms\tDuration: 3378.79 ms");

  @Test
  void parse_readsInitStartItsDurationAndTheInvocations() {
    EmulatorLog log = EmulatorLog.parse(LINES);
    assertEquals(Instant.parse("2026-12-04T21:46:17.896Z"), log.initStart().orElseThrow());
    assertEquals(1197.956, log.initMillis().orElseThrow(), 1e-9);
    assertEquals(List.of(2180.574), log.invokeMillis());
    assertEquals(Instant.parse("2026-12-04T21:46:19.093956Z"), log.initEnd().orElseThrow());
  }

  @Test
  void parse_ofOutputWithoutTheEmulatorsLines_isEmpty() {
    EmulatorLog log = EmulatorLog.parse(List.of("hello", "INIT START(type: on-demand)"));
    assertTrue(log.initStart().isEmpty());
    assertTrue(log.initEnd().isEmpty());
    assertTrue(log.invokeMillis().isEmpty());
  }
}
