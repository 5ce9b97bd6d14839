package io.quantaseal.integrations;

import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.lambda.RequestMetrics;
import io.quantaseal.common.lambda.TimeBoundedApiHandler;
import io.quantaseal.datadog.DatadogClient;
import java.time.Duration;

/**
 * IntegrationsFunction: the {@code /api/v2/integrations} endpoints. Thin: event → router → event;
 * the Datadog key check gets the invocation's remaining time as its budget.
 */
public final class IntegrationsHandler extends TimeBoundedApiHandler {
  /** Upper bound of the time spent validating a key with Datadog (API Gateway stops at 29 s). */
  static final Duration MAX_UPSTREAM_TIME = Duration.ofSeconds(20);

  private final IntegrationsService service;

  /** Per container: clients and services from the environment. */
  public IntegrationsHandler() {
    this(ServiceContext.fromEnvironment(), RequestMetrics.powertools("integrations"));
  }

  private IntegrationsHandler(ServiceContext ctx, RequestMetrics metrics) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN, metrics);
  }

  public IntegrationsHandler(ServiceContext ctx) {
    this(ctx, DatadogClient.fromConfig(ctx.config()), Deadline.DEFAULT_MARGIN, RequestMetrics.NONE);
  }

  /** For tests: a Datadog client (fast sleeper, override) and the margin kept after the call. */
  IntegrationsHandler(ServiceContext ctx, DatadogClient datadog, Duration margin) {
    this(ctx, datadog, margin, RequestMetrics.NONE);
  }

  private IntegrationsHandler(
      ServiceContext ctx, DatadogClient datadog, Duration margin, RequestMetrics metrics) {
    super(ctx.ids(), margin, MAX_UPSTREAM_TIME, metrics);
    this.service = new IntegrationsService(ctx, datadog);
  }

  @Override
  protected ApiRouter routes(Deadline deadline) {
    return IntegrationsRoutes.create(service, deadline);
  }
}
