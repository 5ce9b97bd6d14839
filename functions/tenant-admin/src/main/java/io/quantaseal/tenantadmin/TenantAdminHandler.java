package io.quantaseal.tenantadmin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.lambda.RequestMetrics;
import java.security.SecureRandom;
import java.time.Clock;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * TenantAdminFunction: the tenant's own API keys and audit reads. Thin: event → router → event; the
 * services come from {@link TenantAdminFunction}.
 */
public final class TenantAdminHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final ApiGatewayAdapter adapter;

  /** Per container: clients and services from the environment. */
  public TenantAdminHandler() {
    this(QuantaSealConfig.fromEnvironment(), RequestMetrics.powertools("tenant-admin"));
  }

  private TenantAdminHandler(QuantaSealConfig config, RequestMetrics metrics) {
    this(
        new ApiGatewayAdapter(
            TenantAdminFunction.routes(
                config,
                AwsClients.dynamoDb(),
                ServiceContext.keyringFor(config),
                new SecureRandom(),
                Clock.systemUTC()),
            new Ids(new SecureRandom()),
            metrics));
  }

  /** For tests and the local runner: the runner's clients, keyring and clock; no metrics. */
  public TenantAdminHandler(ServiceContext ctx) {
    this(
        new ApiGatewayAdapter(
            TenantAdminFunction.routes(
                ctx.config(), ctx.dynamo(), ctx.keyring(), ctx.random(), ctx.clock()),
            ctx.ids(),
            RequestMetrics.NONE));
  }

  TenantAdminHandler(ApiGatewayAdapter adapter) {
    this.adapter = adapter;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return context == null
        ? adapter.handle(event)
        : PowertoolsLogging.withLogging(context, () -> adapter.handle(event));
  }
}
