package io.quantaseal.common.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.ids.Ids;
import java.time.Duration;

/**
 * An API function whose routes call a third party: each invocation gets a {@link Deadline} from the
 * Lambda's remaining time (minus a margin, and at most {@code maxUpstreamTime}, under API Gateway's
 * 29 s), so an upstream call always ends in time to answer.
 */
public abstract class TimeBoundedApiHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
  private final Ids ids;
  private final Duration margin;
  private final Duration maxUpstreamTime;
  private final RequestMetrics metrics;

  protected TimeBoundedApiHandler(
      Ids ids, Duration margin, Duration maxUpstreamTime, RequestMetrics metrics) {
    this.ids = ids;
    this.margin = margin;
    this.maxUpstreamTime = maxUpstreamTime;
    this.metrics = metrics;
  }

  /** The routes of one invocation; upstream calls end before {@code deadline}. */
  protected abstract ApiRouter routes(Deadline deadline);

  @Override
  public final APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    Deadline deadline = Deadline.fromLambda(context, margin).atMost(maxUpstreamTime);
    ApiGatewayAdapter adapter = new ApiGatewayAdapter(routes(deadline), ids, metrics);
    return InvocationLogging.around(context, () -> adapter.handle(event));
  }
}
