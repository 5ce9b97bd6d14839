package io.quantaseal.common.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.ids.Ids;
import java.time.Duration;
import java.util.function.Function;

/**
 * An API function whose routes call a third party: each invocation gets a {@link Deadline} from the
 * Lambda's remaining time (minus a margin, and at most {@code maxUpstreamTime}, under API Gateway's
 * 29 s), so an upstream call always ends in time to answer.
 */
public final class TimeBoundedApi {
  private final Function<Deadline, ApiRouter> routes;
  private final Ids ids;
  private final Duration margin;
  private final Duration maxUpstreamTime;
  private final RequestMetrics metrics;

  /**
   * @param routes the router of one invocation, whose upstream calls end before the deadline
   * @param margin kept back from the Lambda's remaining time for the answer itself
   */
  public TimeBoundedApi(
      Function<Deadline, ApiRouter> routes,
      Ids ids,
      Duration margin,
      Duration maxUpstreamTime,
      RequestMetrics metrics) {
    this.routes = routes;
    this.ids = ids;
    this.margin = margin;
    this.maxUpstreamTime = maxUpstreamTime;
    this.metrics = metrics;
  }

  /** One invocation, inside {@link InvocationLogging}. */
  public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
    Deadline deadline = Deadline.fromLambda(context, margin).atMost(maxUpstreamTime);
    ApiGatewayAdapter adapter = new ApiGatewayAdapter(routes.apply(deadline), ids, metrics);
    return InvocationLogging.around(context, () -> adapter.handle(event));
  }
}
