package io.quantaseal.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads ONE JMH run ({@code -rf json -rff target/jmh.json}) and prints, as markdown, every mean
 * with its error, then envelope cost / sum of primitive costs for seal and open at each size, and
 * the BouncyCastle / JDK ratio for AES-256-GCM: for wall-clock time and, when the run used {@code
 * -prof io.quantaseal.benchmarks.CpuTimeProfiler}, for CPU time too.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.quantaseal.benchmarks.EnvelopeOverheadReport
 *     benchmarks/target/jmh.json</pre>
 *
 * <p>Exit status: 0 when every envelope ratio is at most {@value #GOAL}, 1 when one is above, 2
 * when the file lacks a benchmark a ratio needs. The verdict uses CPU time when the run has it
 * (wall-clock on a shared machine mostly measures the other load), else wall-clock.
 */
public final class EnvelopeOverheadReport {
  /** The goal: an envelope costs at most this much more than the primitives it is made of. */
  static final double GOAL = 1.2;

  static final String[] SIZES = {"1024", "65536"};

  private static final String PRIM = "PrimitiveBenchmarks.";
  private static final String SIZED = "SizedPrimitiveBenchmarks.";
  private static final String ENV = "EnvelopeBenchmarks.";
  private static final String AES = "AesGcmProviderBenchmarks.";
  private static final String DIAG = "OverheadDiagnostics.";

  /** One JMH mean and its error (the 99.9% confidence half-width JMH reports). */
  record Score(double mean, double error, String unit) {
    Score plus(Score o) {
      return new Score(mean + o.mean, Math.hypot(error, o.error), unit);
    }

    Score minus(Score o) {
      return new Score(mean - o.mean, Math.hypot(error, o.error), unit);
    }
  }

  /** A ratio a / b with its error, propagated from both (independent) relative errors. */
  record Ratio(double value, double error) {
    static Ratio of(Score a, Score b) {
      double r = a.mean / b.mean;
      double e = r * Math.hypot(a.error / a.mean, b.error / b.mean);
      return new Ratio(r, e);
    }
  }

  /** One composite: the envelope operation and the primitives it is compared with. */
  record Composite(String name, String envelope, String subtract, List<String> parts) {}

  static final List<Composite> COMPOSITES =
      List.of(
          new Composite(
              "seal + toJson",
              ENV + "sealToJson",
              SIZED + "plaintextClone",
              List.of(
                  PRIM + "mlKem768Encapsulate",
                  PRIM + "hkdfSha512",
                  SIZED + "aesGcmEncrypt",
                  SIZED + "mlDsa65Sign",
                  SIZED + "hmacSha512Compute",
                  SIZED + "envelopeToJson")),
          new Composite(
              "open (from JSON)",
              ENV + "open",
              null,
              List.of(
                  SIZED + "envelopeParse",
                  SIZED + "mlDsa65Verify",
                  SIZED + "hmacSha512Verify",
                  PRIM + "mlKem768Decapsulate",
                  PRIM + "hkdfSha512",
                  SIZED + "aesGcmDecrypt")),
          new Composite(
              "seal (object only)",
              ENV + "seal",
              SIZED + "plaintextClone",
              List.of(
                  PRIM + "mlKem768Encapsulate",
                  PRIM + "hkdfSha512",
                  SIZED + "aesGcmEncrypt",
                  SIZED + "mlDsa65Sign",
                  SIZED + "hmacSha512Compute")));

  /** One way of measuring: its name in the tables and the means it gave. */
  record Metric(String title, Map<String, Score> scores) {}

  private final Metric wall;
  private final Metric cpu;
  private final JsonNode first;

  /** "forks f, warmup w x t, measurement i x t" → the benchmark classes that ran with it. */
  private final Map<String, Set<String>> settings;

  private boolean missing;
  private boolean aboveGoal;

  private EnvelopeOverheadReport(
      Metric wall, Metric cpu, JsonNode first, Map<String, Set<String>> settings) {
    this.wall = wall;
    this.cpu = cpu;
    this.first = first;
    this.settings = settings;
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "target/jmh.json");
    EnvelopeOverheadReport report = parse(new ObjectMapper().readTree(Files.readString(file)));
    System.out.print(report.render());
    System.exit(report.exitStatus());
  }

  /** After {@link #render()}: 0, 1 (a ratio above the goal) or 2 (a benchmark missing). */
  int exitStatus() {
    return missing ? 2 : aboveGoal ? 1 : 0;
  }

  /**
   * Keys are "Class.method" plus "[size]" when the benchmark has a size parameter. The primary
   * metric is wall-clock time per operation; {@link CpuTimeProfiler}'s secondary metric, when the
   * run had it, is CPU time per operation.
   */
  static EnvelopeOverheadReport parse(JsonNode run) {
    Map<String, Score> wall = new LinkedHashMap<>();
    Map<String, Score> cpu = new LinkedHashMap<>();
    Map<String, Set<String>> settings = new LinkedHashMap<>();
    for (JsonNode b : run) {
      String name = b.path("benchmark").asText();
      String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      String setting =
          String.format(
              Locale.ROOT,
              "forks %d, warmup %d x %s, measurement %d x %s",
              b.path("forks").asInt(),
              b.path("warmupIterations").asInt(),
              b.path("warmupTime").asText(),
              b.path("measurementIterations").asInt(),
              b.path("measurementTime").asText());
      settings
          .computeIfAbsent(setting, k -> new TreeSet<>())
          .add(shortName.substring(0, shortName.indexOf('.')));
      JsonNode size = b.path("params").path("size");
      String key = size.isMissingNode() ? shortName : shortName + "[" + size.asText() + "]";
      wall.put(key, score(b.path("primaryMetric")));
      JsonNode c = b.path("secondaryMetrics").path(CpuTimeProfiler.LABEL);
      if (!c.isMissingNode()) {
        cpu.put(key, score(c));
      }
    }
    return new EnvelopeOverheadReport(
        new Metric("wall-clock time", wall),
        new Metric("CPU time", cpu),
        run.size() > 0 ? run.get(0) : null,
        settings);
  }

  private static Score score(JsonNode m) {
    return new Score(
        number(m.path("score")), number(m.path("scoreError")), m.path("scoreUnit").asText());
  }

  /** JMH writes NaN (too few iterations for an error) as the string "NaN". */
  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  private List<Metric> metrics() {
    return cpu.scores.isEmpty() ? List.of(wall) : List.of(wall, cpu);
  }

  /** The metric the exit status and verdicts rest on: CPU time when measured, else wall-clock. */
  private Metric decisive() {
    return cpu.scores.isEmpty() ? wall : cpu;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    if (first != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "JMH %s, JDK %s (%s), mode %s, threads %d.%n",
              first.path("jmhVersion").asText(),
              first.path("jdkVersion").asText(),
              first.path("vmName").asText(),
              first.path("mode").asText(),
              first.path("threads").asInt()));
      for (Map.Entry<String, Set<String>> e : settings.entrySet()) {
        out.append("- ").append(e.getKey()).append(": ").append(String.join(", ", e.getValue()));
        out.append('\n');
      }
      out.append('\n');
    }
    renderMeans(out);
    for (Metric m : metrics()) {
      renderComposites(out, m);
    }
    renderProviders(out);
    renderParseSaving(out);
    return out.toString();
  }

  private void renderMeans(StringBuilder out) {
    boolean withCpu = !cpu.scores.isEmpty();
    out.append("### Means in µs/op (± error: 99.9% confidence half-width, as JMH reports it)\n\n");
    out.append("| benchmark | size (bytes) | wall-clock | ± error |")
        .append(withCpu ? " CPU time | ± error |" : "")
        .append('\n');
    out.append("| --- | ---: | ---: | ---: |").append(withCpu ? " ---: | ---: |" : "").append('\n');
    for (Map.Entry<String, Score> e : wall.scores.entrySet()) {
      String key = e.getKey();
      int bracket = key.indexOf('[');
      String name = bracket < 0 ? key : key.substring(0, bracket);
      String size = bracket < 0 ? "–" : key.substring(bracket + 1, key.length() - 1);
      Score s = e.getValue();
      out.append(
          String.format(
              Locale.ROOT, "| %s | %s | %s | %s |", name, size, fmt(s.mean), fmt(s.error)));
      if (withCpu) {
        Score c = cpu.scores.get(key);
        out.append(
            c == null
                ? " | |"
                : String.format(Locale.ROOT, " %s | %s |", fmt(c.mean), fmt(c.error)));
      }
      out.append('\n');
    }
    out.append('\n');
  }

  private void renderComposites(StringBuilder out, Metric metric) {
    out.append("### Envelope cost / sum of primitive costs, ")
        .append(metric.title)
        .append(" (means, µs/op)\n\n");
    out.append("| operation | size (bytes) | envelope | sum of primitives | ratio | goal ≤ ")
        .append(GOAL)
        .append(" |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | --- |\n");
    StringBuilder breakdown = new StringBuilder();
    for (Composite c : COMPOSITES) {
      for (String size : SIZES) {
        Score envelope = get(metric, c.envelope, size);
        Score subtract = c.subtract == null ? null : get(metric, c.subtract, size);
        List<Score> parts = new ArrayList<>();
        for (String p : c.parts) {
          parts.add(get(metric, p, size));
        }
        if (envelope == null || (c.subtract != null && subtract == null) || parts.contains(null)) {
          missing = true;
          out.append(String.format(Locale.ROOT, "| %s | %s | missing | | | |%n", c.name, size));
          continue;
        }
        Score cost = subtract == null ? envelope : envelope.minus(subtract);
        Score sum = parts.get(0);
        for (Score p : parts.subList(1, parts.size())) {
          sum = sum.plus(p);
        }
        Ratio r = Ratio.of(cost, sum);
        boolean ok = r.value <= GOAL;
        if (metric == decisive()) {
          aboveGoal |= !ok;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s ± %s | %s ± %s | %.3f ± %.3f | %s |%n",
                c.name,
                size,
                fmt(cost.mean),
                fmt(cost.error),
                fmt(sum.mean),
                fmt(sum.error),
                r.value,
                r.error,
                ok ? "met" : "**above**"));
        breakdown.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s |%n",
                c.name,
                size,
                fmt(cost.mean),
                fmt(cost.mean - sum.mean),
                describe(c, parts, sum)));
      }
    }
    out.append('\n');
    out.append(
        "Envelope = the envelope benchmark minus `plaintextClone` where it seals a clone.\n\n");
    out.append("#### Where the envelope's ")
        .append(metric.title)
        .append(" goes (share of the sum of primitives)\n\n");
    out.append("| operation | size (bytes) | envelope (µs) | unexplained (µs) | primitives |\n");
    out.append("| --- | ---: | ---: | ---: | --- |\n");
    out.append(breakdown).append('\n');
  }

  private static String describe(Composite c, List<Score> parts, Score sum) {
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String name = c.parts.get(i);
      if (i > 0) {
        d.append(", ");
      }
      d.append(name.substring(name.indexOf('.') + 1))
          .append(' ')
          .append(String.format(Locale.ROOT, "%.0f%%", 100 * parts.get(i).mean / sum.mean));
    }
    return d.toString();
  }

  private void renderProviders(StringBuilder out) {
    out.append("### AES-256-GCM encrypt: BouncyCastle provider / JDK provider\n\n");
    out.append("| metric | size (bytes) | JDK (µs) | BouncyCastle (µs) | BC / JDK |\n");
    out.append("| --- | ---: | ---: | ---: | ---: |\n");
    boolean any = false;
    for (Metric m : metrics()) {
      for (Map.Entry<String, Score> e : m.scores.entrySet()) {
        if (!e.getKey().startsWith(AES + "jdk[")) {
          continue;
        }
        String size = e.getKey().substring(e.getKey().indexOf('[') + 1, e.getKey().length() - 1);
        Score jdk = e.getValue();
        Score bc = get(m, AES + "bouncyCastle", size);
        if (bc == null) {
          continue;
        }
        any = true;
        Ratio r = Ratio.of(bc, jdk);
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s ± %s | %s ± %s | %.1f ± %.1f |%n",
                m.title,
                size,
                fmt(jdk.mean),
                fmt(jdk.error),
                fmt(bc.mean),
                fmt(bc.error),
                r.value,
                r.error));
      }
    }
    if (!any) {
      missing = true;
      out.append("| missing | | | | |\n");
    }
    out.append('\n');
  }

  /**
   * What dropping EnvelopeJson's per-character base64url loop would save, from the copies of the
   * parser in {@code OverheadDiagnostics} (only when that class ran).
   */
  private void renderParseSaving(StringBuilder out) {
    String shipped = DIAG + "parseCopyAsShipped";
    String lean = DIAG + "parseCopyWithoutAlphabetLoop";
    if (get(wall, shipped, SIZES[0]) == null) {
      return;
    }
    out.append("### Parse without the per-character base64url loop (OverheadDiagnostics)\n\n");
    out.append(
        "| metric | size (bytes) | envelopeParse | copy as shipped | copy without loop | saving |"
            + " open | open − saving |\n");
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Metric m : metrics()) {
      for (String size : SIZES) {
        Score real = get(m, SIZED + "envelopeParse", size);
        Score a = get(m, shipped, size);
        Score b = get(m, lean, size);
        Score open = get(m, ENV + "open", size);
        if (real == null || a == null || b == null || open == null) {
          continue;
        }
        Score saving = a.minus(b);
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s ± %s | %s ± %s | %s ± %s | %s ± %s (%.0f%% of open) | %s ± %s | %s"
                    + " |%n",
                m.title,
                size,
                fmt(real.mean),
                fmt(real.error),
                fmt(a.mean),
                fmt(a.error),
                fmt(b.mean),
                fmt(b.error),
                fmt(saving.mean),
                fmt(saving.error),
                100 * saving.mean / open.mean,
                fmt(open.mean),
                fmt(open.error),
                fmt(open.mean - saving.mean)));
      }
    }
    out.append('\n');
  }

  /** The size-specific score if there is one, else the size-independent one. */
  private static Score get(Metric metric, String name, String size) {
    Score s = metric.scores.get(name + "[" + size + "]");
    return s != null ? s : metric.scores.get(name);
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
  }
}
