package io.quantaseal.siem;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantaseal.common.lambda.LambdaEventJson;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the two event shapes SiemPushFunction receives the way the Lambda Java runtime reads them
 * into aws-lambda-java-events types, with {@link LambdaEventJson}'s mapper.
 */
final class LambdaEvents {
  private static final ObjectMapper MAPPER = LambdaEventJson.mapper();

  private LambdaEvents() {}

  static JsonNode read(InputStream in) throws IOException {
    return MAPPER.readTree(in);
  }

  static byte[] write(Object value) throws IOException {
    return MAPPER.writeValueAsBytes(value);
  }

  static boolean isDynamodbStream(JsonNode event) {
    JsonNode records = event.path("Records");
    return records.isArray()
        && (records.isEmpty()
            || "aws:dynamodb".equals(records.get(0).path("eventSource").asText()));
  }

  static boolean isSchedule(JsonNode event) {
    return "Scheduled Event".equals(event.path("detail-type").asText())
        || "aws.events".equals(event.path("source").asText())
        || "aws.scheduler".equals(event.path("source").asText());
  }

  static DynamodbEvent dynamodb(JsonNode event) {
    return MAPPER.convertValue(event, DynamodbEvent.class);
  }

  /** The schedule's id, source and account (the time is taken from the clock). */
  static ScheduledEvent schedule(JsonNode event) {
    ScheduledEvent e = new ScheduledEvent();
    e.setId(event.path("id").asText(null));
    e.setSource(event.path("source").asText(null));
    e.setAccount(event.path("account").asText(null));
    e.setRegion(event.path("region").asText(null));
    e.setDetailType(event.path("detail-type").asText(null));
    return e;
  }
}
