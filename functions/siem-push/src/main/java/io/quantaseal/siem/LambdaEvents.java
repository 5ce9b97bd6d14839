package io.quantaseal.siem;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;

/**
 * Reads the two event shapes SiemPushFunction receives the way the Lambda Java runtime reads them
 * into aws-lambda-java-events types: property names match case-insensitively ({@code Records},
 * {@code NewImage}, {@code S}), unknown fields are ignored, numeric dates are epoch seconds.
 */
final class LambdaEvents {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .addModule(
              new SimpleModule("lambda-events")
                  .addDeserializer(Date.class, new EpochSecondsDateDeserializer()))
          .build();

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

  /** Lambda's convention: numeric dates are epoch seconds (possibly fractional). */
  private static final class EpochSecondsDateDeserializer extends JsonDeserializer<Date> {
    @Override
    public Date deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isNumeric()) {
        BigDecimal seconds = p.getDecimalValue();
        return new Date(seconds.movePointRight(3).longValue());
      }
      String text = p.getValueAsString();
      return text == null || text.isBlank() ? null : Date.from(Instant.parse(text.trim()));
    }
  }
}
