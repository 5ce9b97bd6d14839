package io.quantaseal.siem;

import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The SIEM push's tunables, read once per container (docs/siem.md, "Settings"). The environment
 * names are the function's own; the shared ones ({@code QS_STAGE}, {@code QS_SIEM_DLQ_URL}) come
 * from {@link QuantaSealConfig}.
 *
 * @param env the {@code env} tag (the stage)
 * @param periodSeconds metric period (60)
 * @param metricsLag how long after its end a period is pushed (eventual consistency margin)
 * @param leaseDuration how long a metrics run holds a tenant (extended at each advance)
 * @param maxPeriodsPerRun most periods one run pushes per tenant
 * @param maxPeriodsPerRequest most periods in one series request
 * @param metricsMaxAge oldest period start still sent (Datadog drops points over 1 h old)
 * @param seriesMaxBytes largest series body, as JSON
 * @param logsMaxEntries most logs per request
 * @param logsMaxBytes largest logs body, as JSON
 * @param burstThreshold authentication failures in one window that make a burst
 * @param burstWindow the window
 * @param callBudget most time one Datadog call (with its retries) may take
 * @param reserve time kept back at the end of an invocation for the dead-letter writes
 * @param concurrency destinations sent to in parallel by one stream invocation
 * @param eventConcurrency events sent at once to one destination (one event per request)
 */
public record SiemSettings(
    String env,
    int periodSeconds,
    Duration metricsLag,
    Duration leaseDuration,
    int maxPeriodsPerRun,
    int maxPeriodsPerRequest,
    Duration metricsMaxAge,
    int seriesMaxBytes,
    int logsMaxEntries,
    int logsMaxBytes,
    int burstThreshold,
    Duration burstWindow,
    Duration callBudget,
    Duration reserve,
    int concurrency,
    int eventConcurrency) {

  public static final String METRICS_LAG_SECONDS = EnvironmentNames.SIEM_METRICS_LAG_SECONDS;
  public static final String BURST_THRESHOLD = EnvironmentNames.SIEM_BURST_THRESHOLD;
  public static final String BURST_WINDOW_SECONDS = EnvironmentNames.SIEM_BURST_WINDOW_SECONDS;
  public static final String CALL_BUDGET_SECONDS = EnvironmentNames.SIEM_CALL_BUDGET_SECONDS;
  public static final String CONCURRENCY = EnvironmentNames.SIEM_CONCURRENCY;
  public static final String EVENT_CONCURRENCY = EnvironmentNames.SIEM_EVENT_CONCURRENCY;

  /** The defaults, with this {@code env} tag. */
  public static SiemSettings defaults(String env) {
    return new SiemSettings(
        env,
        60,
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        60,
        10,
        Duration.ofMinutes(55),
        500_000,
        1000,
        5_000_000,
        5,
        Duration.ofSeconds(60),
        Duration.ofSeconds(20),
        Duration.ofSeconds(5),
        4,
        8);
  }

  public static SiemSettings from(QuantaSealConfig config, Map<String, String> env) {
    SiemSettings d = defaults(config.stage());
    return new SiemSettings(
        d.env,
        d.periodSeconds,
        seconds(env, METRICS_LAG_SECONDS, d.metricsLag),
        d.leaseDuration,
        d.maxPeriodsPerRun,
        d.maxPeriodsPerRequest,
        d.metricsMaxAge,
        d.seriesMaxBytes,
        d.logsMaxEntries,
        d.logsMaxBytes,
        Integer.parseInt(env.getOrDefault(BURST_THRESHOLD, Integer.toString(d.burstThreshold))),
        seconds(env, BURST_WINDOW_SECONDS, d.burstWindow),
        seconds(env, CALL_BUDGET_SECONDS, d.callBudget),
        d.reserve,
        Integer.parseInt(env.getOrDefault(CONCURRENCY, Integer.toString(d.concurrency))),
        Math.max(
            1,
            Integer.parseInt(
                env.getOrDefault(EVENT_CONCURRENCY, Integer.toString(d.eventConcurrency)))));
  }

  public SiemSettings withMetricsLag(Duration lag) {
    return new SiemSettings(
        env,
        periodSeconds,
        lag,
        leaseDuration,
        maxPeriodsPerRun,
        maxPeriodsPerRequest,
        metricsMaxAge,
        seriesMaxBytes,
        logsMaxEntries,
        logsMaxBytes,
        burstThreshold,
        burstWindow,
        callBudget,
        reserve,
        concurrency,
        eventConcurrency);
  }

  public SiemSettings withCallBudget(Duration budget) {
    return new SiemSettings(
        env,
        periodSeconds,
        metricsLag,
        leaseDuration,
        maxPeriodsPerRun,
        maxPeriodsPerRequest,
        metricsMaxAge,
        seriesMaxBytes,
        logsMaxEntries,
        logsMaxBytes,
        burstThreshold,
        burstWindow,
        budget,
        reserve,
        concurrency,
        eventConcurrency);
  }

  public SiemSettings withConcurrency(int n) {
    return new SiemSettings(
        env,
        periodSeconds,
        metricsLag,
        leaseDuration,
        maxPeriodsPerRun,
        maxPeriodsPerRequest,
        metricsMaxAge,
        seriesMaxBytes,
        logsMaxEntries,
        logsMaxBytes,
        burstThreshold,
        burstWindow,
        callBudget,
        reserve,
        n,
        eventConcurrency);
  }

  private static Duration seconds(Map<String, String> env, String name, Duration dflt) {
    String v = env.get(name);
    return v == null || v.isBlank() ? dflt : Duration.ofSeconds(Long.parseLong(v.trim()));
  }
}
