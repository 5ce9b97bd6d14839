package io.quantaseal.seal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.RequestMetrics;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/** SealFunction: the vault and encryption-key endpoints. Thin: event → router → event. */
public final class SealHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final ApiGatewayAdapter adapter;

  /** Per container: clients and services from the environment. */
  public SealHandler() {
    this(ServiceContext.fromEnvironment(), RequestMetrics.powertools("seal"));
  }

  /** For tests and the local runner: no CloudWatch metrics. */
  public SealHandler(ServiceContext ctx) {
    this(ctx, RequestMetrics.NONE);
  }

  public SealHandler(ServiceContext ctx, RequestMetrics metrics) {
    this.adapter = new ApiGatewayAdapter(SealRoutes.create(ctx), ctx.ids(), metrics);
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return context == null
        ? adapter.handle(event)
        : PowertoolsLogging.withLogging(context, () -> adapter.handle(event));
  }
}
