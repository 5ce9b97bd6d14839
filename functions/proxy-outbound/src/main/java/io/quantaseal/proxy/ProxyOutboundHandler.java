package io.quantaseal.proxy;

import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.common.lambda.TimeBoundedApiHandler;
import io.quantaseal.datadog.DatadogClient;
import java.time.Duration;

/**
 * ProxyOutboundFunction: {@code POST /api/v2/proxy/outbound}. Thin: event → router → event; the
 * upstream call gets the invocation's remaining time (less a margin) as its budget.
 */
public final class ProxyOutboundHandler extends TimeBoundedApiHandler {
  /** Upper bound of the time spent calling Datadog (API Gateway gives up at 29 s). */
  static final Duration MAX_UPSTREAM_TIME = Duration.ofSeconds(25);

  private final ProxyOutboundService service;

  /** Per container: AWS clients, services and the Datadog client from the environment. */
  public ProxyOutboundHandler() {
    this(ServiceContext.fromEnvironment(), RequestMetrics.powertools("proxy-outbound"));
  }

  private ProxyOutboundHandler(ServiceContext ctx, RequestMetrics metrics) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN, metrics);
  }

  public ProxyOutboundHandler(ServiceContext ctx) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN, RequestMetrics.NONE);
  }

  /** For tests and benchmarks: a Datadog client and the margin kept after the upstream call. */
  ProxyOutboundHandler(ServiceContext ctx, DatadogClient datadog, Duration margin) {
    this(ctx, datadog, margin, RequestMetrics.NONE);
  }

  private ProxyOutboundHandler(
      ServiceContext ctx, DatadogClient datadog, Duration margin, RequestMetrics metrics) {
    super(ctx.ids(), margin, MAX_UPSTREAM_TIME, metrics);
    this.service = new ProxyOutboundService(ctx, datadog);
  }

  @Override
  protected ApiRouter routes(Deadline deadline) {
    return ProxyOutboundRoutes.create(service, deadline);
  }
}
