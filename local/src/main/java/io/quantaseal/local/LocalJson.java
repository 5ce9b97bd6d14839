package io.quantaseal.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The local runner's own JSON, which is not a Lambda event: template.yaml's tree (read by
 * SnakeYAML, then held as JSON nodes), the data directory's files (stream checkpoints, kept
 * queues), the sample tenant, the client tools' files and output, and (in tests) HTTP bodies.
 * Events go through {@link io.quantaseal.common.lambda.LambdaEventJson} instead, the way the Lambda
 * runtime reads them.
 */
final class LocalJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  private LocalJson() {}

  /** The shared mapper (thread-safe; do not reconfigure). */
  static ObjectMapper mapper() {
    return MAPPER;
  }
}
