package io.quantaseal.siem;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.lambda.ApiGatewayAdapter;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.siem.delivery.DestinationHealth;
import io.quantaseal.siem.delivery.DestinationTester;
import io.quantaseal.siem.delivery.SiemDelivery;
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
    this(ctx, SiemContext.datadogClient(ctx));
  }

  /** With the Datadog client the test sends go through. */
  public SiemDestinationsHandler(ServiceContext ctx, DatadogClient datadog) {
    IntegrationRepository integrations = ctx.integrations();
    SiemDestinationRepository repository =
        new SiemDestinationRepository(ctx.dynamo(), ctx.config().vaultTable());
    SiemDestinations destinations = new SiemDestinations(repository, integrations, ctx.entries());
    DestinationTester tester =
        new DestinationTester(
            new SiemDelivery(datadog, ctx.vault()),
            new DestinationHealth(repository, integrations, ctx.audit(), ctx.clock()),
            SiemSettings.from(ctx.config(), System.getenv()).env(),
            ctx.clock());
    this.adapter =
        new ApiGatewayAdapter(SiemDestinationRoutes.create(ctx, destinations, tester), ctx.ids());
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return context == null
        ? adapter.handle(event)
        : PowertoolsLogging.withLogging(context, () -> adapter.handle(event));
  }
}
