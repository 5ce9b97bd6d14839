package io.quantaseal.common.lambda;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Per-request CloudWatch metrics in Embedded Metric Format, through Powertools Metrics: {@code
 * Requests} and {@code Latency} by function and status class, {@code ServerErrors} for 5xx. Flushed
 * once per invocation; the template's alarms read them.
 */
public interface RequestMetrics {
  /** Records one answered request. */
  void record(String route, int status, long latencyMillis);

  /** Writes what was recorded (one EMF document per invocation). */
  void flush();

  /** Discards everything: for tests and the local runner. */
  RequestMetrics NONE =
      new RequestMetrics() {
        @Override
        public void record(String route, int status, long latencyMillis) {}

        @Override
        public void flush() {}
      };

  /** Powertools Metrics, namespace {@code QuantaSeal}, service = the function's name. */
  static RequestMetrics powertools(String service) {
    Metrics metrics =
        MetricsBuilder.builder()
            .withNamespace("QuantaSeal")
            .withService(service)
            .withRaiseOnEmptyMetrics(false)
            .build();
    return new RequestMetrics() {
      @Override
      public void record(String route, int status, long latencyMillis) {
        metrics.addDimension(DimensionSet.of("StatusClass", (status / 100) + "xx"));
        metrics.addMetric("Requests", 1, MetricUnit.COUNT);
        metrics.addMetric("Latency", latencyMillis, MetricUnit.MILLISECONDS);
        if (status >= 500) {
          metrics.addMetric("ServerErrors", 1, MetricUnit.COUNT);
        }
      }

      @Override
      public void flush() {
        metrics.flush();
      }
    };
  }
}
