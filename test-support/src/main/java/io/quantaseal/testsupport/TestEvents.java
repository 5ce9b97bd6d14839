package io.quantaseal.testsupport;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
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
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import org.joda.time.DateTime;

/**
 * Sample events from the repository's {@code events/} folder, the same files {@code sam local
 * invoke -e} uses, read into aws-lambda-java-events types:
 *
 * <pre>{@code
 * APIGatewayProxyRequestEvent seal = TestEvents.repo().apiGateway("seal/seal-api-key.json");
 * DynamodbEvent audit = TestEvents.repo().load("siem-push/audit-insert.json", DynamodbEvent.class);
 * }</pre>
 *
 * <p>Reads the JSON the way the Lambda Java runtime does: property names match case-insensitively
 * ({@code Records}, {@code NewImage}, {@code S}), unknown fields are ignored, numeric dates are
 * epoch seconds (DynamoDB stream records), {@code ScheduledEvent.time} is an ISO-8601 string and
 * its {@code detail-type} keeps its hyphen.
 */
public final class TestEvents {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .addModule(
              new SimpleModule("lambda-events")
                  .addDeserializer(Date.class, new EpochSecondsDateDeserializer())
                  .addDeserializer(DateTime.class, new IsoDateTimeDeserializer()))
          .addMixIn(ScheduledEvent.class, ScheduledEventMixIn.class)
          .build();

  private final Path dir;

  private TestEvents(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The {@code events/} folder at the repository root (see {@link RepoRoot}). */
  public static TestEvents repo() {
    return new TestEvents(RepoRoot.find().resolve("events"));
  }

  /** Events under another folder (e.g. a test's own resources). */
  public static TestEvents in(Path eventsDir) {
    return new TestEvents(eventsDir);
  }

  /** The events folder. */
  public Path dir() {
    return dir;
  }

  /**
   * The file for {@code name}, relative to the events folder ({@code "seal/seal-api-key.json"}; a
   * leading {@code "events/"} is accepted too).
   */
  public Path path(String name) {
    String relative = name.startsWith("events/") ? name.substring("events/".length()) : name;
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir)) {
      throw new IllegalArgumentException(name + " is outside " + dir);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No sample event " + file);
    }
    return file;
  }

  /** The file's text. */
  public String read(String name) {
    try {
      return Files.readString(path(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  /** The file as a JSON tree. */
  public JsonNode json(String name) {
    try {
      return MAPPER.readTree(path(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse " + name, e);
    }
  }

  /** The file as an event of this type. */
  public <T> T load(String name, Class<T> type) {
    try {
      return MAPPER.readValue(path(name).toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + " as " + type.getSimpleName(), e);
    }
  }

  /** The file as an API Gateway REST (proxy) request. */
  public APIGatewayProxyRequestEvent apiGateway(String name) {
    return load(name, APIGatewayProxyRequestEvent.class);
  }

  /** The mapper used for events, configured as described above. */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /** EventBridge's hyphenated field name, as the Lambda runtime maps it. */
  private abstract static class ScheduledEventMixIn {
    @JsonProperty("detail-type")
    abstract void setDetailType(String detailType);
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

  private static final class IsoDateTimeDeserializer extends JsonDeserializer<DateTime> {
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
