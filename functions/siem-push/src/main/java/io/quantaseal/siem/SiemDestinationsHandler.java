package io.quantaseal.siem;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.siem.destinations.SiemDestinationRoutes;
import io.quantaseal.siem.destinations.SiemDestinations;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * SiemDestinationsFunction: {@code /api/v2/siem/destinations}. Thin: event → router → event. Lives
 * in the siem-push module because the push reads what it writes (docs/siem.md, "Destinations").
 */
public final class SiemDestinationsHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final ApiGatewayAdapter adapter;

  /** Per container: clients and services from the environment. */
  public SiemDestinationsHandler() {
    this(ServiceContext.fromEnvironment());
  }

  public SiemDestinationsHandler(ServiceContext ctx) {
    IntegrationRepository integrations = ctx.integrations();
    SiemDestinations destinations =
        new SiemDestinations(
            new SiemDestinationRepository(ctx.dynamo(), ctx.config().vaultTable()),
            integrations,
            ctx.entries());
    this.adapter =
        new ApiGatewayAdapter(SiemDestinationRoutes.create(ctx, destinations), ctx.ids());
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return context == null
        ? adapter.handle(event)
        : PowertoolsLogging.withLogging(context, () -> adapter.handle(event));
  }
}
