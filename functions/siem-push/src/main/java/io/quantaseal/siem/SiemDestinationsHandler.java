package io.quantaseal.siem;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.InvocationLogging;

/**
 * SiemDestinationsFunction: {@code /api/v2/siem/destinations}. Thin: event → router → event. Lives
 * in the siem-push module because the push reads what it writes (docs/siem.md, "Destinations").
 */
public final class SiemDestinationsHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final ApiGatewayAdapter adapter;

  /** Per container: {@link SiemDestinationsFunction#fromEnvironment()}. */
  public SiemDestinationsHandler() {
    this(SiemDestinationsFunction.fromEnvironment().adapter());
  }

  /** For {@link SiemDestinationsFunction#handler()} and tests. */
  SiemDestinationsHandler(ApiGatewayAdapter adapter) {
    this.adapter = adapter;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return InvocationLogging.around(context, () -> adapter.handle(event));
  }
}
