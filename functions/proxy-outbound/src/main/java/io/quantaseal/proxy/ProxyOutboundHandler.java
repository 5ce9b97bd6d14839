package io.quantaseal.proxy;

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
 * ProxyOutboundFunction: {@code POST /api/v2/proxy/outbound}. Thin: event → router → event; the
 * upstream call gets the invocation's remaining time minus a margin as its budget.
 */
public final class ProxyOutboundHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  /** Upper bound of the time spent calling Datadog (API Gateway gives up at 29 s). */
  static final Duration MAX_UPSTREAM_TIME = Duration.ofSeconds(25);

  private final ServiceContext ctx;
  private final ProxyOutboundService service;
  private final Duration margin;
  private final RequestMetrics metrics;

  /** Per container: AWS clients, services and the Datadog client from the environment. */
  public ProxyOutboundHandler() {
    this(ServiceContext.fromEnvironment(), RequestMetrics.powertools("proxy-outbound"));
  }

  private ProxyOutboundHandler(ServiceContext ctx, RequestMetrics metrics) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN, metrics);
  }

  public ProxyOutboundHandler(ServiceContext ctx) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN);
  }

  /** For tests and benchmarks: a Datadog client and the margin kept after the upstream call. */
  ProxyOutboundHandler(ServiceContext ctx, DatadogClient datadog, Duration margin) {
    this(ctx, datadog, margin, RequestMetrics.NONE);
  }

  private ProxyOutboundHandler(
      ServiceContext ctx, DatadogClient datadog, Duration margin, RequestMetrics metrics) {
    this.ctx = ctx;
    this.metrics = metrics;
    this.service = new ProxyOutboundService(ctx, datadog);
    this.margin = margin;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    Deadline deadline = Deadline.fromLambda(context, margin).atMost(MAX_UPSTREAM_TIME);
    ApiGatewayAdapter adapter =
        new ApiGatewayAdapter(ProxyOutboundRoutes.create(service, deadline), ctx.ids(), metrics);
    return context == null
        ? adapter.handle(event)
        : PowertoolsLogging.withLogging(context, () -> adapter.handle(event));
  }
}
