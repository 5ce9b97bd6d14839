package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class HotSpotPerfDataTest {
  @Test
  void of_thisJvm_readsItsCountersAsJcmdWouldShowThem() {
    HotSpotPerfData perf =
        HotSpotPerfData.of(ProcessHandle.current().pid())
            .orElseThrow(() -> new AssertionError("no hsperfdata file for this JVM"));
    long loaded = perf.get("java.cls.loadedClasses").orElseThrow();
    long now = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    // The counter and the MXBean count the same classes; some load between the two reads.
    assertTrue(loaded > 1000 && loaded <= now + 50, loaded + " vs " + now);
    assertTrue(perf.millis("sun.cls.time") > 0);
    long vmStart = perf.get("sun.rt.createVmBeginTime").orElseThrow();
    assertEquals(ManagementFactory.getRuntimeMXBean().getStartTime(), vmStart, 1000);
  }

  @Test
  void parse_refusesWhatIsNotAPerfDataFile() {
    assertThrows(IllegalArgumentException.class, () -> HotSpotPerfData.parse(new byte[64]));
  }
}
