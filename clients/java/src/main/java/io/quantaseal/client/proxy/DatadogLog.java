package io.quantaseal.client.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One log entry (docs/openapi.yaml {@code DatadogLog}): Datadog's reserved attributes, each
 * optional, and any other attribute in {@code attributes}. Sent in a {@link DatadogLogBatch}.
 *
 * @param message the log message, or null
 * @param ddsource its source, or null
 * @param ddtags comma-separated tags, or null
 * @param hostname the host, or null
 * @param service the service, or null
 * @param status its level, e.g. {@code warn}; or null
 * @param attributes other attributes, by name
 */
public record DatadogLog(
    String message,
    String ddsource,
    String ddtags,
    String hostname,
    String service,
    String status,
    Map<String, JsonNode> attributes) {

  /**
   * Copies the attributes.
   *
   * @param message the log message, or null
   * @param ddsource its source, or null
   * @param ddtags comma-separated tags, or null
   * @param hostname the host, or null
   * @param service the service, or null
   * @param status its level, e.g. {@code warn}; or null
   * @param attributes other attributes, by name
   */
  public DatadogLog {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /**
   * A log with a message only.
   *
   * @param message the message
   * @return the log
   */
  public static DatadogLog of(String message) {
    return builder().message(message).build();
  }

  /**
   * A builder for a log.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The log as Datadog takes it.
   *
   * @return a JSON object
   */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    attributes.forEach((k, v) -> o.set(k, v.deepCopy()));
    put(o, "message", message);
    put(o, "ddsource", ddsource);
    put(o, "ddtags", ddtags);
    put(o, "hostname", hostname);
    put(o, "service", service);
    put(o, "status", status);
    return o;
  }

  private static void put(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  /** Builds a {@link DatadogLog}. */
  public static final class Builder {
    private String message;
    private String ddsource;
    private String ddtags;
    private String hostname;
    private String service;
    private String status;
    private final Map<String, JsonNode> attributes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The message.
     *
     * @param message the message
     * @return this builder
     */
    public Builder message(String message) {
      this.message = message;
      return this;
    }

    /**
     * The source.
     *
     * @param ddsource e.g. {@code checkout}
     * @return this builder
     */
    public Builder ddsource(String ddsource) {
      this.ddsource = ddsource;
      return this;
    }

    /**
     * The tags.
     *
     * @param ddtags comma-separated, e.g. {@code env:prod,team:pay}
     * @return this builder
     */
    public Builder ddtags(String ddtags) {
      this.ddtags = ddtags;
      return this;
    }

    /**
     * The host.
     *
     * @param hostname the host name
     * @return this builder
     */
    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    /**
     * The service.
     *
     * @param service the service name
     * @return this builder
     */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /**
     * The level.
     *
     * @param status e.g. {@code info}, {@code warn}
     * @return this builder
     */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /**
     * Another attribute.
     *
     * @param name its name
     * @param value its JSON value
     * @return this builder
     */
    public Builder attribute(String name, JsonNode value) {
      attributes.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /**
     * The log.
     *
     * @return the log
     */
    public DatadogLog build() {
      return new DatadogLog(message, ddsource, ddtags, hostname, service, status, attributes);
    }
  }
}
