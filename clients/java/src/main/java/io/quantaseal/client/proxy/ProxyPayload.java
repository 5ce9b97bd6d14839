package io.quantaseal.client.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.integrations.DatadogOperation;
import java.util.Objects;

/**
 * What the proxy sends to Datadog: the operation and its payload (docs/openapi.yaml {@code
 * ProxyRequest}'s variants). {@link DatadogEvent}, {@link DatadogMetricPoint} and {@link
 * DatadogLogBatch} are typed; {@link #of(DatadogOperation, JsonNode)} takes any JSON Datadog
 * accepts for the operation (a whole v2 series body, say).
 */
public interface ProxyPayload {
  /**
   * The operation this payload is for.
   *
   * @return e.g. {@link DatadogOperation#SEND_EVENT}
   */
  DatadogOperation operation();

  /**
   * The payload as the request's {@code payload} member.
   *
   * @return a JSON object or array
   */
  JsonNode toJson();

  /**
   * Any payload, given as JSON.
   *
   * @param operation the operation
   * @param payload Datadog's body for it (an object, or an array of logs)
   * @return the payload
   */
  static ProxyPayload of(DatadogOperation operation, JsonNode payload) {
    return new RawPayload(operation, payload);
  }

  /**
   * A payload given as JSON.
   *
   * @param operation the operation
   * @param json the payload
   */
  record RawPayload(DatadogOperation operation, JsonNode json) implements ProxyPayload {
    /**
     * Checks the payload.
     *
     * @param operation the operation
     * @param json the payload
     * @throws IllegalArgumentException unless {@code json} is an object or an array
     */
    public RawPayload {
      Objects.requireNonNull(operation, "operation");
      if (json == null || !(json.isObject() || json.isArray())) {
        throw new IllegalArgumentException("a proxy payload is a JSON object or array");
      }
      json = json.deepCopy();
    }

    @Override
    public JsonNode toJson() {
      return json.deepCopy();
    }
  }
}
