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
    return builder(env).build();
  }

  /**
   * The defaults with this {@code env} tag, overridden by the function's environment variables
   * ({@value #METRICS_LAG_SECONDS}, {@value #BURST_THRESHOLD}, ...).
   */
  public static SiemSettings from(QuantaSealConfig config, Map<String, String> env) {
    SiemSettings d = defaults(config.stage());
    return d.toBuilder()
        .metricsLag(seconds(env, METRICS_LAG_SECONDS, d.metricsLag))
        .burstThreshold(
            Integer.parseInt(env.getOrDefault(BURST_THRESHOLD, Integer.toString(d.burstThreshold))))
        .burstWindow(seconds(env, BURST_WINDOW_SECONDS, d.burstWindow))
        .callBudget(seconds(env, CALL_BUDGET_SECONDS, d.callBudget))
        .concurrency(
            Integer.parseInt(env.getOrDefault(CONCURRENCY, Integer.toString(d.concurrency))))
        .eventConcurrency(
            Math.max(
                1,
                Integer.parseInt(
                    env.getOrDefault(EVENT_CONCURRENCY, Integer.toString(d.eventConcurrency)))))
        .build();
  }

  /** The defaults with this {@code env} tag, to change before {@link Builder#build()}. */
  public static Builder builder(String env) {
    return new Builder(env);
  }

  /** These settings, to change some before {@link Builder#build()}. */
  public Builder toBuilder() {
    Builder b = new Builder(env);
    b.periodSeconds = periodSeconds;
    b.metricsLag = metricsLag;
    b.leaseDuration = leaseDuration;
    b.maxPeriodsPerRun = maxPeriodsPerRun;
    b.maxPeriodsPerRequest = maxPeriodsPerRequest;
    b.metricsMaxAge = metricsMaxAge;
    b.seriesMaxBytes = seriesMaxBytes;
    b.logsMaxEntries = logsMaxEntries;
    b.logsMaxBytes = logsMaxBytes;
    b.burstThreshold = burstThreshold;
    b.burstWindow = burstWindow;
    b.callBudget = callBudget;
    b.reserve = reserve;
    b.concurrency = concurrency;
    b.eventConcurrency = eventConcurrency;
    return b;
  }

  /** Settings one at a time; what is not set keeps its default. */
  public static final class Builder {
    private String env;
    private int periodSeconds = 60;
    private Duration metricsLag = Duration.ofSeconds(60);
    private Duration leaseDuration = Duration.ofSeconds(120);
    private int maxPeriodsPerRun = 60;
    private int maxPeriodsPerRequest = 10;
    private Duration metricsMaxAge = Duration.ofMinutes(55);
    private int seriesMaxBytes = 500_000;
    private int logsMaxEntries = 1000;
    private int logsMaxBytes = 5_000_000;
    private int burstThreshold = 5;
    private Duration burstWindow = Duration.ofSeconds(60);
    private Duration callBudget = Duration.ofSeconds(20);
    private Duration reserve = Duration.ofSeconds(5);
    private int concurrency = 4;
    private int eventConcurrency = 8;

    private Builder(String env) {
      this.env = env;
    }

    public Builder periodSeconds(int periodSeconds) {
      this.periodSeconds = periodSeconds;
      return this;
    }

    public Builder metricsLag(Duration metricsLag) {
      this.metricsLag = metricsLag;
      return this;
    }

    public Builder leaseDuration(Duration leaseDuration) {
      this.leaseDuration = leaseDuration;
      return this;
    }

    public Builder maxPeriodsPerRun(int maxPeriodsPerRun) {
      this.maxPeriodsPerRun = maxPeriodsPerRun;
      return this;
    }

    public Builder maxPeriodsPerRequest(int maxPeriodsPerRequest) {
      this.maxPeriodsPerRequest = maxPeriodsPerRequest;
      return this;
    }

    public Builder metricsMaxAge(Duration metricsMaxAge) {
      this.metricsMaxAge = metricsMaxAge;
      return this;
    }

    public Builder seriesMaxBytes(int seriesMaxBytes) {
      this.seriesMaxBytes = seriesMaxBytes;
      return this;
    }

    public Builder logsMaxEntries(int logsMaxEntries) {
      this.logsMaxEntries = logsMaxEntries;
      return this;
    }

    public Builder logsMaxBytes(int logsMaxBytes) {
      this.logsMaxBytes = logsMaxBytes;
      return this;
    }

    public Builder burstThreshold(int burstThreshold) {
      this.burstThreshold = burstThreshold;
      return this;
    }

    public Builder burstWindow(Duration burstWindow) {
      this.burstWindow = burstWindow;
      return this;
    }

    public Builder callBudget(Duration callBudget) {
      this.callBudget = callBudget;
      return this;
    }

    public Builder reserve(Duration reserve) {
      this.reserve = reserve;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder eventConcurrency(int eventConcurrency) {
      this.eventConcurrency = eventConcurrency;
      return this;
    }

    public SiemSettings build() {
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
          concurrency,
          eventConcurrency);
    }
  }

  private static Duration seconds(Map<String, String> env, String name, Duration dflt) {
    String v = env.get(name);
    return v == null || v.isBlank() ? dflt : Duration.ofSeconds(Long.parseLong(v.trim()));
  }
}
