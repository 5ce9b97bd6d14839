package io.quantaseal.common.lambda;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import org.joda.time.DateTime;

/**
 * JSON in and out of handlers the way the Lambda Java runtime does it for aws-lambda-java-events
 * types: property names match case-insensitively ({@code Records}, {@code NewImage}, {@code S}),
 * unknown members are ignored, numeric dates are epoch seconds (DynamoDB stream records), {@code
 * ScheduledEvent.time} is ISO-8601 and its {@code detail-type} keeps the hyphen. Answers are
 * written without null members.
 */
public final class LambdaEventJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .addModule(
              new SimpleModule("lambda-events")
                  .addDeserializer(Date.class, new EpochSecondsDate())
                  .addDeserializer(DateTime.class, new IsoDateTime()))
          .addMixIn(ScheduledEvent.class, ScheduledEventMixIn.class)
          .build();

  private LambdaEventJson() {}

  /** The shared mapper (thread-safe; do not reconfigure). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** EventBridge's hyphenated member, as the Lambda runtime maps it. */
  private abstract static class ScheduledEventMixIn {
    @JsonProperty("detail-type")
    abstract void setDetailType(String detailType);

    @JsonProperty("detail-type")
    abstract String getDetailType();
  }

  private static final class EpochSecondsDate extends JsonDeserializer<Date> {
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

  private static final class IsoDateTime extends JsonDeserializer<DateTime> {
    @Override
    public DateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken().isNumeric()) {
        return new DateTime(p.getDecimalValue().movePointRight(3).longValue());
      }
      String text = p.getValueAsString();
      return text == null || text.isBlank() ? null : DateTime.parse(text.trim());
    }
  }
}
