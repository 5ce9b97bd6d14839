package io.quantaseal.proxy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.lambda.TimeBoundedApi;
import java.time.Duration;

/**
 * ProxyOutboundFunction: {@code POST /api/v2/proxy/outbound}. Thin: event → router → event; the
 * upstream call gets the invocation's remaining time (less a margin) as its budget.
 */
public final class ProxyOutboundHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  /** Upper bound of the time spent calling Datadog (API Gateway gives up at 29 s). */
  static final Duration MAX_UPSTREAM_TIME = Duration.ofSeconds(25);

  private final TimeBoundedApi api;

  /** Per container: {@link ProxyOutboundFunction#fromEnvironment()}. */
  public ProxyOutboundHandler() {
    this(ProxyOutboundFunction.fromEnvironment().api());
  }

  /** For {@link ProxyOutboundFunction#handler()} and tests. */
  ProxyOutboundHandler(TimeBoundedApi api) {
    this.api = api;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return api.handle(event, context);
  }
}
