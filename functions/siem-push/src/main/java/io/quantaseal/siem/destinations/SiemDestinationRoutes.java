package io.quantaseal.siem.destinations;

import io.quantaseal.common.api.ApiRouter;

/** The routes SiemDestinationsFunction serves (template.yaml maps the same paths to it). */
public final class SiemDestinationRoutes {
  public static final String COLLECTION = "/api/v2/siem/destinations";
  public static final String ITEM = "/api/v2/siem/destinations/{id}";
  public static final String TEST = "/api/v2/siem/destinations/{id}/test";

  private SiemDestinationRoutes() {}

  public static ApiRouter create(SiemDestinationService service) {
    return ApiRouter.builder()
        .route("POST", COLLECTION, service::create)
        .route("GET", COLLECTION, service::list)
        .route("GET", ITEM, service::get)
        .route("DELETE", ITEM, service::delete)
        .route("POST", TEST, service::test)
        .build();
  }
}
