package io.quantaseal.siem.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBatchesTest {
  @Test
  void ranges_fullBatchesOf1000() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      entries.add("{\"i\":" + i + "}");
    }
    List<int[]> r = LogBatches.ranges(entries, 1000, 5_000_000);
    assertEquals(10, r.size());
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(new int[] {i * 1000, (i + 1) * 1000}, r.get(i));
    }
  }

  @Test
  void ranges_byteLimitIncludesBracketsAndCommas() {
    List<String> entries = List.of("aaaa", "bbbb", "cccc"); // [aaaa,bbbb] is 11 bytes
    assertEquals(2, LogBatches.ranges(entries, 1000, 11).size());
    assertEquals(3, LogBatches.ranges(entries, 1000, 10).size());
    assertEquals(1, LogBatches.ranges(entries, 1000, 16).size());
    assertEquals("[aaaa,bbbb]", LogBatches.body(entries, 0, 2));
    // Multi-byte characters count as UTF-8 bytes.
    assertEquals(2, LogBatches.ranges(List.of("éé", "éé"), 1000, 10).size());
  }

  @Test
  void ranges_anEntryOverTheLimitStillGetsItsOwnBatch() {
    List<int[]> r = LogBatches.ranges(List.of("x".repeat(50), "y"), 1000, 20);
    assertEquals(2, r.size());
    assertArrayEquals(new int[] {0, 1}, r.get(0));
  }
}
