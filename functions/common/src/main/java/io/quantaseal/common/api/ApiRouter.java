package io.quantaseal.common.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches an {@link ApiRequest} to the handler registered for its route ("METHOD
 * /resource/{template}") and maps every failure through {@link ApiErrorMapper}. Adds {@code
 * X-Request-Id} to every answer. A POST, PUT or PATCH body that is not {@code application/json} is
 * refused with 415 before the route runs ({@link JsonMediaType}).
 */
public final class ApiRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

  /** Handles one route. */
  @FunctionalInterface
  public interface Route {
    ApiResponse handle(ApiRequest request);
  }

  /** The methods whose routes take a JSON body (every POST and PATCH route of the API). */
  private static final Set<String> TAKE_BODIES = Set.of("POST", "PUT", "PATCH");

  private final Map<String, Route> routes;

  private ApiRouter(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Set<String> routes() {
    return routes.keySet();
  }

  public ApiResponse handle(ApiRequest request) {
    long start = System.nanoTime();
    ApiResponse response;
    try {
      Route route = routes.get(request.route());
      if (route == null) {
        throw new NotFoundException("No such route: " + request.method() + " " + request.path());
      }
      if (TAKE_BODIES.contains(request.method())) {
        JsonMediaType.require(request);
      }
      response = route.handle(request).withHeader("X-Request-Id", request.requestId());
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      response = ApiErrorMapper.toResponse(e, request.requestId());
    }
    // One line per request: route template, status, ids and timing; never a body or a header.
    LOG.info(
        "request route=\"{}\" status={} request_id={} tenant={} duration_ms={}",
        request.route(),
        response.status(),
        request.requestId(),
        request.header("X-API-Key").isPresent() ? tenantOf(request) : "-",
        (System.nanoTime() - start) / 1_000_000);
    return response;
  }

  private static String tenantOf(ApiRequest request) {
    try {
      return request.caller().tenantId();
    } catch (ApiException e) {
      return "-";
    }
  }

  /** Collects routes. */
  public static final class Builder {
    private final Map<String, Route> routes = new LinkedHashMap<>();

    private Builder() {}

    public Builder route(String method, String resource, Route route) {
      String key = method + " " + resource;
      if (routes.putIfAbsent(key, route) != null) {
        throw new IllegalArgumentException("duplicate route " + key);
      }
      return this;
    }

    public ApiRouter build() {
      return new ApiRouter(routes);
    }
  }
}
