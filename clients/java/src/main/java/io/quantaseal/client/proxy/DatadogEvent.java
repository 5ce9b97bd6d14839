package io.quantaseal.client.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.integrations.DatadogOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Datadog event ({@code send_event}; docs/openapi.yaml {@code DatadogEvent}): title (at most 100
 * characters) and text (at most 4000) required, the rest optional; Datadog's other fields go in
 * {@code extra} and pass through.
 *
 * @param title the event's title
 * @param text its text
 * @param tags its tags, or null
 * @param alertType error, warning, info, success, user_update, recommendation or snapshot; or null
 * @param priority normal or low; or null
 * @param aggregationKey Datadog's aggregation key, or null
 * @param sourceTypeName Datadog's source type name, or null
 * @param dateHappened Unix seconds (at most 18 hours old), or null for now
 * @param extra other fields of Datadog's event, by name
 */
public record DatadogEvent(
    String title,
    String text,
    List<String> tags,
    String alertType,
    String priority,
    String aggregationKey,
    String sourceTypeName,
    Long dateHappened,
    Map<String, JsonNode> extra)
    implements ProxyPayload {

  /**
   * Checks the event.
   *
   * @param title the event's title
   * @param text its text
   * @param tags its tags, or null
   * @param alertType error, warning, info, success, user_update, recommendation or snapshot; or
   *     null
   * @param priority normal or low; or null
   * @param aggregationKey Datadog's aggregation key, or null
   * @param sourceTypeName Datadog's source type name, or null
   * @param dateHappened Unix seconds (at most 18 hours old), or null for now
   * @param extra other fields of Datadog's event, by name
   * @throws NullPointerException if the title or text is null
   */
  public DatadogEvent {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    tags = tags == null ? null : List.copyOf(tags);
    extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  /**
   * A builder for an event.
   *
   * @param title the title
   * @param text the text
   * @return the builder
   */
  public static Builder builder(String title, String text) {
    return new Builder(title, text);
  }

  /**
   * An event with a title and text only.
   *
   * @param title the title
   * @param text the text
   * @return the event
   */
  public static DatadogEvent of(String title, String text) {
    return builder(title, text).build();
  }

  /**
   * {@link DatadogOperation#SEND_EVENT}.
   *
   * @return the operation
   */
  @Override
  public DatadogOperation operation() {
    return DatadogOperation.SEND_EVENT;
  }

  @Override
  public JsonNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    extra.forEach((k, v) -> o.set(k, v.deepCopy()));
    o.put("title", title);
    o.put("text", text);
    if (tags != null) {
      ArrayNode a = o.putArray("tags");
      tags.forEach(a::add);
    }
    putIfSet(o, "alert_type", alertType);
    putIfSet(o, "priority", priority);
    putIfSet(o, "aggregation_key", aggregationKey);
    putIfSet(o, "source_type_name", sourceTypeName);
    if (dateHappened != null) {
      o.put("date_happened", dateHappened);
    }
    return o;
  }

  private static void putIfSet(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  /** Builds a {@link DatadogEvent}. */
  public static final class Builder {
    private final String title;
    private final String text;
    private List<String> tags;
    private String alertType;
    private String priority;
    private String aggregationKey;
    private String sourceTypeName;
    private Long dateHappened;
    private final Map<String, JsonNode> extra = new LinkedHashMap<>();

    private Builder(String title, String text) {
      this.title = title;
      this.text = text;
    }

    /**
     * The event's tags, e.g. {@code env:prod}.
     *
     * @param tags the tags; copied
     * @return this builder
     */
    public Builder tags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    /**
     * Datadog's alert type.
     *
     * @param alertType e.g. {@code success}
     * @return this builder
     */
    public Builder alertType(String alertType) {
      this.alertType = alertType;
      return this;
    }

    /**
     * Datadog's priority.
     *
     * @param priority {@code normal} or {@code low}
     * @return this builder
     */
    public Builder priority(String priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Datadog's aggregation key.
     *
     * @param aggregationKey the key
     * @return this builder
     */
    public Builder aggregationKey(String aggregationKey) {
      this.aggregationKey = aggregationKey;
      return this;
    }

    /**
     * Datadog's source type name.
     *
     * @param sourceTypeName the name
     * @return this builder
     */
    public Builder sourceTypeName(String sourceTypeName) {
      this.sourceTypeName = sourceTypeName;
      return this;
    }

    /**
     * When it happened.
     *
     * @param unixSeconds Unix seconds, at most 18 hours ago
     * @return this builder
     */
    public Builder dateHappened(long unixSeconds) {
      this.dateHappened = unixSeconds;
      return this;
    }

    /**
     * Another field of Datadog's event (host, related_event_id, device_name, …).
     *
     * @param name the field
     * @param value its JSON value
     * @return this builder
     */
    public Builder extra(String name, JsonNode value) {
      extra.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /**
     * The event.
     *
     * @return the event
     */
    public DatadogEvent build() {
      return new DatadogEvent(
          title,
          text,
          tags,
          alertType,
          priority,
          aggregationKey,
          sourceTypeName,
          dateHappened,
          extra);
    }
  }
}
