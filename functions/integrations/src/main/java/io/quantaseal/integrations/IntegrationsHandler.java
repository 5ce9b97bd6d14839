package io.quantaseal.integrations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.datadog.DatadogClient;
import io.quantaseal.common.datadog.Deadline;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.RequestMetrics;
import java.time.Duration;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * IntegrationsFunction: the {@code /api/v2/integrations} endpoints. Thin: event → router → event;
 * the Datadog key check gets the invocation's remaining time as its budget.
 */
public final class IntegrationsHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  /** Upper bound of the time spent validating a key with Datadog (API Gateway stops at 29 s). */
  static final Duration MAX_UPSTREAM_TIME = Duration.ofSeconds(20);

  private final ServiceContext ctx;
  private final IntegrationsService service;
  private final Duration margin;
  private final RequestMetrics metrics;

  /** Per container: clients and services from the environment. */
  public IntegrationsHandler() {
    this(ServiceContext.fromEnvironment(), RequestMetrics.powertools("integrations"));
  }

  private IntegrationsHandler(ServiceContext ctx, RequestMetrics metrics) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN, metrics);
  }

  public IntegrationsHandler(ServiceContext ctx) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN);
  }

  /** For tests: a Datadog client (fast sleeper, override) and the margin kept after the call. */
  IntegrationsHandler(ServiceContext ctx, DatadogClient datadog, Duration margin) {
    this(ctx, datadog, margin, RequestMetrics.NONE);
  }

  private IntegrationsHandler(
      ServiceContext ctx, DatadogClient datadog, Duration margin, RequestMetrics metrics) {
    this.ctx = ctx;
    this.metrics = metrics;
    this.service = new IntegrationsService(ctx, datadog);
    this.margin = margin;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    Deadline deadline = Deadline.fromLambda(context, margin).atMost(MAX_UPSTREAM_TIME);
    ApiGatewayAdapter adapter =
        new ApiGatewayAdapter(IntegrationsRoutes.create(service, deadline), ctx.ids(), metrics);
    return context == null
        ? adapter.handle(event)
        : PowertoolsLogging.withLogging(context, () -> adapter.handle(event));
  }
}
