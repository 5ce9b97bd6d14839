package io.quantaseal.tenantadmin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.InvocationLogging;

/** TenantAdminFunction: the tenant's own API keys and audit reads. Thin: event → router → event. */
public final class TenantAdminHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final ApiGatewayAdapter adapter;

  /** Per container: {@link TenantAdminFunction#fromEnvironment()}. */
  public TenantAdminHandler() {
    this(TenantAdminFunction.fromEnvironment().adapter());
  }

  /** For {@link TenantAdminFunction#handler()}. */
  TenantAdminHandler(ApiGatewayAdapter adapter) {
    this.adapter = adapter;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return InvocationLogging.around(context, () -> adapter.handle(event));
  }
}
