package io.quantaseal.siem;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.lambda.InvocationLogging;
import io.quantaseal.siem.metrics.MetricsPushService;
import io.quantaseal.siem.stream.AuditStreamService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * SiemPushFunction: one function, two triggers (template.yaml). Thin: it tells the events apart,
 * reads them, and calls one service.
 *
 * <ul>
 *   <li>EventBridge schedule (every minute) → {@link MetricsPushService#run}; answers a summary.
 *   <li>DynamoDB stream of the audit table → {@link
 *       io.quantaseal.siem.stream.AuditStreamService#process}; answers {@link StreamsEventResponse}
 *       (the event source mapping has {@code FunctionResponseTypes: [ReportBatchItemFailures]}).
 * </ul>
 */
public final class SiemPushHandler implements RequestStreamHandler {
  /** Kept back from the Lambda's remaining time for the answer itself. */
  static final Duration MARGIN = Duration.ofMillis(500);

  private final MetricsPushService metrics;
  private final AuditStreamService stream;

  /** Per container: {@link SiemPushFunction#fromEnvironment()}. */
  public SiemPushHandler() {
    this(SiemPushFunction.fromEnvironment());
  }

  /**
   * For {@link SiemPushFunction#handler()} and tests: the two services of what {@code function}
   * built.
   */
  SiemPushHandler(SiemPushFunction function) {
    this.metrics = function.metrics();
    this.stream = function.auditStream();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = LambdaEvents.read(input);
    Object answer = InvocationLogging.around(context, () -> dispatch(event, context));
    output.write(LambdaEvents.write(answer));
  }

  private Object dispatch(JsonNode event, Context context) {
    if (LambdaEvents.isDynamodbStream(event)) {
      return handleStream(LambdaEvents.dynamodb(event), context);
    }
    if (LambdaEvents.isSchedule(event)) {
      return handleSchedule(LambdaEvents.schedule(event), context);
    }
    throw new IllegalArgumentException(
        "SiemPushFunction takes an audit stream batch or a schedule");
  }

  /** The audit stream trigger. */
  public StreamsEventResponse handleStream(DynamodbEvent event, Context context) {
    return stream
        .process(event, Deadline.fromLambda(context, MARGIN), requestId(context))
        .response();
  }

  /** The schedule trigger: a summary per tenant. */
  public ObjectNode handleSchedule(ScheduledEvent event, Context context) {
    List<MetricsPushService.TenantResult> results =
        metrics.run(Deadline.fromLambda(context, MARGIN), requestId(context));
    ObjectNode out = Json.newObject();
    ArrayNode tenants = out.putArray("tenants");
    for (MetricsPushService.TenantResult r : results) {
      ObjectNode t = tenants.addObject();
      t.put("tenant_id", r.tenantId());
      t.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
      t.put("periods", r.periods());
      t.put("requests", r.requests());
      if (r.watermark() >= 0) {
        t.put("watermark", java.time.Instant.ofEpochSecond(r.watermark()).toString());
      }
    }
    return out;
  }

  private static String requestId(Context context) {
    return "req_"
        + (context != null && context.getAwsRequestId() != null
            ? context.getAwsRequestId()
            : UUID.randomUUID().toString());
  }
}
