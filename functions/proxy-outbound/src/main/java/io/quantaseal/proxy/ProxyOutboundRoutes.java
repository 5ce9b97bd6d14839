package io.quantaseal.proxy;

import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.api.Deadline;

/** The routes ProxyOutboundFunction serves (template.yaml maps the same path to it). */
public final class ProxyOutboundRoutes {
  private ProxyOutboundRoutes() {}

  /** The router for one invocation: the upstream call ends before {@code deadline}. */
  public static ApiRouter create(ProxyOutboundService service, Deadline deadline) {
    return ApiRouter.builder()
        .route("POST", "/api/v2/proxy/outbound", r -> service.callOnce(r, deadline))
        .build();
  }
}
