package io.quantaseal.common.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

class RequestMetricsTest {
  @Test
  void powertools_writesOneEmfDocumentPerFlush() {
    // Outside Lambda the EMF library would look for a CloudWatch agent; say we are in Lambda, whose
    // EMF sink is stdout.
    EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      RequestMetrics metrics = RequestMetrics.powertools("seal");
      metrics.record("/api/v2/vault/seal", 503, 42);
      metrics.flush();
    } finally {
      System.setOut(original);
    }
    JsonNode emf =
        buffer
            .toString(StandardCharsets.UTF_8)
            .lines()
            .map(Json::parseLenient)
            .filter(n -> n != null && n.has("_aws"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no EMF document in: " + buffer));
    assertEquals("QuantaSeal", emf.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
    assertEquals(1, emf.get("Requests").asInt());
    assertEquals(1, emf.get("ServerErrors").asInt());
    assertEquals(42, emf.get("Latency").asInt());
    assertEquals("5xx", emf.get("StatusClass").asText());
    assertTrue(emf.has("Service"));
  }
}
