package io.quantaseal.client.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.integrations.DatadogOperation;
import java.util.List;
import java.util.Objects;

/**
 * One metric point ({@code send_metric}; docs/openapi.yaml {@code DatadogMetricPoint}), sent as a
 * series of one point. For a whole v2 series body use {@link ProxyPayload#of(DatadogOperation,
 * JsonNode)}.
 *
 * @param metric the metric's name
 * @param value the point's value
 * @param type gauge (the default), count, rate or unspecified; or null
 * @param tags its tags, or null
 * @param timestamp Unix seconds, or null for now
 * @param unit its unit, or null
 * @param interval its interval in seconds, or null
 */
public record DatadogMetricPoint(
    String metric,
    double value,
    String type,
    List<String> tags,
    Long timestamp,
    String unit,
    Long interval)
    implements ProxyPayload {

  /**
   * Checks the point.
   *
   * @param metric the metric's name
   * @param value the point's value
   * @param type gauge (the default), count, rate or unspecified; or null
   * @param tags its tags, or null
   * @param timestamp Unix seconds, or null for now
   * @param unit its unit, or null
   * @param interval its interval in seconds, or null
   * @throws NullPointerException if the metric is null
   */
  public DatadogMetricPoint {
    Objects.requireNonNull(metric, "metric");
    tags = tags == null ? null : List.copyOf(tags);
  }

  /**
   * A builder for a point.
   *
   * @param metric the metric's name
   * @param value the value
   * @return the builder
   */
  public static Builder builder(String metric, double value) {
    return new Builder(metric, value);
  }

  /**
   * {@link DatadogOperation#SEND_METRIC}.
   *
   * @return the operation
   */
  @Override
  public DatadogOperation operation() {
    return DatadogOperation.SEND_METRIC;
  }

  @Override
  public JsonNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("metric", metric);
    o.put("value", value);
    if (type != null) {
      o.put("type", type);
    }
    if (tags != null) {
      ArrayNode a = o.putArray("tags");
      tags.forEach(a::add);
    }
    if (timestamp != null) {
      o.put("timestamp", timestamp);
    }
    if (unit != null) {
      o.put("unit", unit);
    }
    if (interval != null) {
      o.put("interval", interval);
    }
    return o;
  }

  /** Builds a {@link DatadogMetricPoint}. */
  public static final class Builder {
    private final String metric;
    private final double value;
    private String type;
    private List<String> tags;
    private Long timestamp;
    private String unit;
    private Long interval;

    private Builder(String metric, double value) {
      this.metric = metric;
      this.value = value;
    }

    /**
     * The series type.
     *
     * @param type gauge, count, rate or unspecified
     * @return this builder
     */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /**
     * The point's tags.
     *
     * @param tags the tags; copied
     * @return this builder
     */
    public Builder tags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    /**
     * When it was measured.
     *
     * @param unixSeconds Unix seconds (at most 1 hour old, 10 minutes ahead)
     * @return this builder
     */
    public Builder timestamp(long unixSeconds) {
      this.timestamp = unixSeconds;
      return this;
    }

    /**
     * The unit.
     *
     * @param unit e.g. {@code request}
     * @return this builder
     */
    public Builder unit(String unit) {
      this.unit = unit;
      return this;
    }

    /**
     * The interval.
     *
     * @param seconds the interval in seconds
     * @return this builder
     */
    public Builder interval(long seconds) {
      this.interval = seconds;
      return this;
    }

    /**
     * The point.
     *
     * @return the point
     */
    public DatadogMetricPoint build() {
      return new DatadogMetricPoint(metric, value, type, tags, timestamp, unit, interval);
    }
  }
}
