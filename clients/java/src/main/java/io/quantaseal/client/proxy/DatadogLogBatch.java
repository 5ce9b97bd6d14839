package io.quantaseal.client.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quantaseal.client.integrations.DatadogOperation;
import java.util.List;

/**
 * Logs to send ({@code send_log}; docs/openapi.yaml {@code DatadogLogBatch}): 1 to 1000 entries, at
 * most 5 MiB as JSON.
 *
 * @param logs the entries
 */
public record DatadogLogBatch(List<DatadogLog> logs) implements ProxyPayload {

  /**
   * Checks the batch.
   *
   * @param logs the entries
   * @throws IllegalArgumentException if it is empty
   */
  public DatadogLogBatch {
    logs = List.copyOf(logs);
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("a log batch has at least one entry");
    }
  }

  /**
   * A batch of the given logs.
   *
   * @param logs one or more entries
   * @return the batch
   */
  public static DatadogLogBatch of(DatadogLog... logs) {
    return new DatadogLogBatch(List.of(logs));
  }

  /**
   * {@link DatadogOperation#SEND_LOG}.
   *
   * @return the operation
   */
  @Override
  public DatadogOperation operation() {
    return DatadogOperation.SEND_LOG;
  }

  @Override
  public JsonNode toJson() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    logs.forEach(l -> a.add(l.toJson()));
    return a;
  }
}
