package io.quantaseal.integrations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.lambda.TimeBoundedApi;
import java.time.Duration;

/**
 * IntegrationsFunction: the {@code /api/v2/integrations} endpoints. Thin: event → router → event;
 * the Datadog key check gets the invocation's remaining time as its budget.
 */
public final class IntegrationsHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  /** Upper bound of the time spent validating a key with Datadog (API Gateway stops at 29 s). */
  static final Duration MAX_UPSTREAM_TIME = Duration.ofSeconds(20);

  private final TimeBoundedApi api;

  /** Per container: {@link IntegrationsFunction#fromEnvironment()}. */
  public IntegrationsHandler() {
    this(IntegrationsFunction.fromEnvironment().api());
  }

  /** For {@link IntegrationsFunction#handler()} and tests. */
  IntegrationsHandler(TimeBoundedApi api) {
    this.api = api;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return api.handle(event, context);
  }
}
