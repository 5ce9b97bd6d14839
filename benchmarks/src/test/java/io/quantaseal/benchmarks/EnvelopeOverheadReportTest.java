package io.quantaseal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EnvelopeOverheadReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static void add(ArrayNode run, String benchmark, String size, double mean) {
    ObjectNode b = run.addObject();
    b.put("benchmark", "io.quantaseal.benchmarks." + benchmark);
    b.put("mode", "avgt");
    if (size != null) {
      b.putObject("params").put("size", size);
    }
    ObjectNode m = b.putObject("primaryMetric");
    m.put("score", mean);
    m.put("scoreError", "NaN");
    m.put("scoreUnit", "us/op");
    ObjectNode c = b.putObject("secondaryMetrics").putObject("cpu.time.per.op");
    c.put("score", mean);
    c.put("scoreError", "NaN");
    c.put("scoreUnit", "us/op");
  }

  private static ArrayNode run(double sealToJson) {
    return run(sealToJson, sealToJson);
  }

  /** The envelope's sealToJson may differ between wall-clock and CPU time; all else is equal. */
  private static ArrayNode run(double sealToJson, double sealToJsonCpu) {
    ArrayNode run = MAPPER.createArrayNode();
    add(run, "PrimitiveBenchmarks.mlKem768Encapsulate", null, 10);
    add(run, "PrimitiveBenchmarks.mlKem768Decapsulate", null, 10);
    add(run, "PrimitiveBenchmarks.hkdfSha512", null, 1);
    for (String size : new String[] {"1024", "65536"}) {
      add(run, "SizedPrimitiveBenchmarks.plaintextClone", size, 1);
      add(run, "SizedPrimitiveBenchmarks.aesGcmEncrypt", size, 2);
      add(run, "SizedPrimitiveBenchmarks.aesGcmDecrypt", size, 2);
      add(run, "SizedPrimitiveBenchmarks.mlDsa65Sign", size, 80);
      add(run, "SizedPrimitiveBenchmarks.mlDsa65Verify", size, 30);
      add(run, "SizedPrimitiveBenchmarks.hmacSha512Compute", size, 3);
      add(run, "SizedPrimitiveBenchmarks.hmacSha512Verify", size, 3);
      add(run, "SizedPrimitiveBenchmarks.envelopeToJson", size, 4);
      add(run, "SizedPrimitiveBenchmarks.envelopeParse", size, 4);
      add(run, "EnvelopeBenchmarks.seal", size, 97);
      add(run, "EnvelopeBenchmarks.sealToJson", size, sealToJson);
      ((ObjectNode) run.get(run.size() - 1).path("secondaryMetrics").path("cpu.time.per.op"))
          .put("score", sealToJsonCpu);
      add(run, "EnvelopeBenchmarks.open", size, 50);
    }
    add(run, "AesGcmProviderBenchmarks.jdk", "65536", 20);
    add(run, "AesGcmProviderBenchmarks.bouncyCastle", "65536", 200);
    return run;
  }

  @Test
  void render_allPresent_printsRatiosOfEnvelopeToSumOfPrimitives() {
    EnvelopeOverheadReport report = EnvelopeOverheadReport.parse(run(101));
    String md = report.render();
    assertEquals(0, report.exitStatus());
    // seal + toJson: (101 - 1) / (10 + 1 + 2 + 80 + 3 + 4) = 1.000; open: 50 / 50 = 1.000.
    assertTrue(md.contains("| seal + toJson | 1024 | 100.0 ± NaN | 100.0 ± NaN | 1.000"), md);
    assertTrue(md.contains("| open (from JSON) | 65536 | 50.00 ± NaN | 50.00 ± NaN | 1.000"), md);
    // seal alone: (97 - 1) / 96.
    assertTrue(md.contains("| seal (object only) | 1024 | 96.00 ± NaN | 96.00 ± NaN | 1.000"), md);
    assertTrue(md.contains("| wall-clock time | 65536 | 20.00 ± NaN | 200.0 ± NaN | 10.0"), md);
    assertTrue(md.contains("| CPU time | 65536 | 20.00 ± NaN | 200.0 ± NaN | 10.0"), md);
    assertTrue(
        md.contains("| SizedPrimitiveBenchmarks.mlDsa65Sign | 65536 | 80.00 | NaN | 80.00"), md);
  }

  @Test
  void render_envelopeTooSlow_marksRatioAboveGoal() {
    EnvelopeOverheadReport report = EnvelopeOverheadReport.parse(run(151));
    String md = report.render();
    assertTrue(md.contains("| 1.500 ± NaN | **above** |"), md);
    assertEquals(1, report.exitStatus());
  }

  @Test
  void exitStatus_slowOnlyOnTheWallClock_followsCpuTime() {
    EnvelopeOverheadReport report = EnvelopeOverheadReport.parse(run(151, 101));
    String md = report.render();
    assertTrue(md.contains("| 1.500 ± NaN | **above** |"), md);
    assertEquals(0, report.exitStatus());
  }

  @Test
  void exitStatus_benchmarkMissing_isTwo() {
    ArrayNode run = run(101);
    run.remove(0);
    EnvelopeOverheadReport report = EnvelopeOverheadReport.parse(run);
    assertTrue(report.render().contains("| seal + toJson | 1024 | missing |"));
    assertEquals(2, report.exitStatus());
  }

  @Test
  void ratio_independentErrors_addInQuadrature() {
    EnvelopeOverheadReport.Ratio r =
        EnvelopeOverheadReport.Ratio.of(
            new EnvelopeOverheadReport.Score(120, 3, "us/op"),
            new EnvelopeOverheadReport.Score(100, 4, "us/op"));
    assertEquals(1.2, r.value(), 1e-12);
    assertEquals(1.2 * Math.hypot(0.025, 0.04), r.error(), 1e-12);
  }
}
