package io.quantaseal.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof io.quantaseal.benchmarks.CpuTimeProfiler}) that adds the secondary
 * metric {@value #LABEL}: CPU time the benchmark JVM used per operation, in µs.
 *
 * <p>On a shared machine, wall-clock time per operation grows whenever other processes take the
 * CPU, and benchmarks that run at different moments of one run see different loads. CPU time counts
 * only the cycles this JVM got (the benchmark thread plus its GC and JIT threads), so it stays
 * comparable across benchmarks while the load changes. It still rises somewhat under load (shared
 * caches, SMT siblings), and it includes GC work, which is a real cost of allocation.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  static final String LABEL = "cpu.time.per.op";

  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation (robust to other load on the machine)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<ScalarResult> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = os.getProcessCpuTime() - startNanos;
    long ops = result.getMetadata().getMeasuredOps();
    if (ops <= 0 || cpu < 0) {
      return List.of();
    }
    return List.of(new ScalarResult(LABEL, cpu / 1000.0 / ops, "us/op", AggregationPolicy.AVG));
  }
}
