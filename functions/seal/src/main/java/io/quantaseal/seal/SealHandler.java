package io.quantaseal.seal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.InvocationLogging;

/** SealFunction: the vault and encryption-key endpoints. Thin: event → router → event. */
public final class SealHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final ApiGatewayAdapter adapter;

  /** Per container: {@link SealFunction#fromEnvironment()}. */
  public SealHandler() {
    this(SealFunction.fromEnvironment().adapter());
  }

  /** For {@link SealFunction#handler()} and tests. */
  SealHandler(ApiGatewayAdapter adapter) {
    this.adapter = adapter;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return InvocationLogging.around(context, () -> adapter.handle(event));
  }
}
