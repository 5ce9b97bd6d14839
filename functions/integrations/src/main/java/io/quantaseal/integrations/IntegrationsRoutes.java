package io.quantaseal.integrations;

import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.api.Deadline;

/** The routes IntegrationsFunction serves (template.yaml maps the same paths to it). */
public final class IntegrationsRoutes {
  private IntegrationsRoutes() {}

  /** The router for one invocation: calls to Datadog end before {@code deadline}. */
  public static ApiRouter create(IntegrationsService service, Deadline deadline) {
    return ApiRouter.builder()
        .route("POST", "/api/v2/integrations", r -> service.create(r, deadline))
        .route("GET", "/api/v2/integrations", service::list)
        .route("GET", "/api/v2/integrations/{id}", service::get)
        .route("PATCH", "/api/v2/integrations/{id}", r -> service.update(r, deadline))
        .route("DELETE", "/api/v2/integrations/{id}", service::delete)
        .build();
  }
}
