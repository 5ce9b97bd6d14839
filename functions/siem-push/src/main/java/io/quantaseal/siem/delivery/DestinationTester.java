package io.quantaseal.siem.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.json.Json;
import io.quantaseal.datadog.DatadogOperation;
import io.quantaseal.datadog.DatadogResponse;
import io.quantaseal.siem.destinations.ResolvedDestination;
import io.quantaseal.siem.payload.DatadogPayloads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one test item to a destination's Datadog with its integration's key (docs/siem.md, "Test a
 * destination"): an event if the integration allows {@code send_event}, else a log, else a metric
 * point, each tagged {@code quantaseal:test}. Returns Datadog's answer: status, body (as JSON when
 * it is), latency, and a sentence saying what a refusal means. A 403 stops the destination like a
 * push's would ({@link DestinationHealth}).
 */
public final class DestinationTester {
  /** Time a test send may take (SiemDestinationsFunction has 10 s). */
  public static final Duration BUDGET = Duration.ofSeconds(6);

  private final SiemDelivery delivery;
  private final DestinationHealth health;
  private final String env;
  private final Clock clock;

  public DestinationTester(
      SiemDelivery delivery, DestinationHealth health, String env, Clock clock) {
    this.delivery = delivery;
    this.health = health;
    this.env = env;
    this.clock = clock;
  }

  /** What Datadog answered to the test send. */
  public record Result(
      DatadogOperation operation, DatadogResponse answer, boolean delivered, String error) {

    /** The answer's JSON: destination, operation, delivered, Datadog's status and body. */
    public Map<String, Object> view(String destinationId, Instant sentAt) {
      Map<String, Object> datadog = new LinkedHashMap<>();
      datadog.put("status", answer.status());
      JsonNode json = Json.parseLenient(answer.body());
      datadog.put("body", json != null ? json : answer.body());
      datadog.put("latency_ms", answer.latencyMs());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("destination_id", destinationId);
      m.put("operation", operation.id());
      m.put("sent_at", sentAt.toString());
      m.put("delivered", delivered);
      m.put("datadog", datadog);
      if (error != null) {
        m.put("error", error);
      }
      return m;
    }
  }

  /**
   * Sends the test item.
   *
   * @throws InvalidRequestException if the destination cannot send now (stopped, integration or
   *     credential gone, key not openable)
   * @throws io.quantaseal.datadog.DatadogUnreachableException if Datadog gave no answer (502)
   */
  public Result test(ResolvedDestination d, String requestId) {
    if (!d.active()) {
      throw new InvalidRequestException(
          "The destination cannot send now (status "
              + d.status().id()
              + "): "
              + (d.status() == ResolvedDestination.Status.STOPPED_CREDENTIAL_REJECTED
                      || d.status() == ResolvedDestination.Status.STOPPED_INTEGRATION_UNHEALTHY
                  ? "Datadog refused the integration's key; rotate its credential first."
                  : "its integration or the integration's credential no longer exists."));
    }
    DatadogTarget target =
        delivery
            .open(d)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "The integration's credential could not be opened (no api_key, or the"
                            + " tenant's KMS key is unavailable)."));
    var integration = d.integration().orElseThrow();
    DatadogOperation op =
        integration.allows(DatadogOperation.SEND_EVENT.id())
            ? DatadogOperation.SEND_EVENT
            : integration.allows(DatadogOperation.SEND_LOG.id())
                ? DatadogOperation.SEND_LOG
                : DatadogOperation.SEND_METRIC;
    String tenantId = d.destination().tenantId();
    String destinationId = d.destination().destinationId();
    DatadogResponse answer =
        delivery.answer(
            target, op, body(op, tenantId, destinationId, clock.instant()), Deadline.after(BUDGET));
    if (answer.successful()) {
      return new Result(op, answer, true, null);
    }
    String error;
    if (answer.credentialRejected() || answer.status() == 401) {
      health.credentialRejected(d, op.endpoint().path(), requestId);
      error =
          "Datadog refused the API key ("
              + answer.status()
              + "). Datadog keys belong to one organisation and one site: check that the key is"
              + " valid for "
              + target.site().id()
              + ". The destination is stopped until the integration's credential changes.";
    } else if (answer.status() == 429 || answer.status() >= 500) {
      error =
          "Datadog did not accept the test now ("
              + answer.status()
              + ", after retries); the push retries such answers, and so may you.";
    } else {
      error = "Datadog refused the test " + op.id() + " (" + answer.status() + ").";
    }
    return new Result(op, answer, false, error);
  }

  private String body(DatadogOperation op, String tenantId, String destinationId, Instant now) {
    String text =
        "A test sent by POST /api/v2/siem/destinations/"
            + destinationId
            + "/test at "
            + now
            + ": this destination delivers.";
    ObjectNode o = Json.newObject();
    switch (op) {
      case SEND_EVENT -> {
        o.put("title", "QuantaSeal test event (" + destinationId + ")");
        o.put("text", text);
        tags(o.putArray("tags"), tenantId);
        o.put("alert_type", "info");
        o.put("priority", "low");
        o.put("source_type_name", DatadogPayloads.SOURCE);
        return Json.write(o);
      }
      case SEND_LOG -> {
        o.put("message", text);
        o.put("ddsource", DatadogPayloads.SOURCE);
        o.put("service", DatadogPayloads.SERVICE);
        ArrayNode t = Json.newObject().arrayNode();
        tags(t, tenantId);
        StringBuilder ddtags = new StringBuilder();
        t.forEach(v -> ddtags.append(ddtags.length() == 0 ? "" : ",").append(v.asText()));
        o.put("ddtags", ddtags.toString());
        ArrayNode logs = Json.newObject().arrayNode();
        logs.add(o);
        return Json.write(logs);
      }
      default -> {
        ObjectNode series = o.putArray("series").addObject();
        series.put("metric", "quantaseal.destination_test");
        series.put("type", 3);
        ObjectNode point = series.putArray("points").addObject();
        point.put("timestamp", now.getEpochSecond());
        point.put("value", 1);
        tags(series.putArray("tags"), tenantId);
        return Json.write(o);
      }
    }
  }

  private void tags(ArrayNode tags, String tenantId) {
    DatadogPayloads.commonTags(env, tenantId).forEach(tags::add);
    tags.add("quantaseal:test");
  }
}
