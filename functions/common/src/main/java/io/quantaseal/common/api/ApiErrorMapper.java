package io.quantaseal.common.api;

import io.quantaseal.crypto.vault.KeyUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns exceptions into the contract's error JSON: {@code
 * {"error":{"code":…,"message":…,"request_id":…}}}. An {@link ApiException} keeps its status, code
 * and message; anything else is a 500 with a generic message, logged with its request id.
 */
public final class ApiErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorMapper.class);

  private ApiErrorMapper() {}

  public static ApiResponse toResponse(Throwable error, String requestId) {
    if (error instanceof ApiException) {
      ApiException e = (ApiException) error;
      return errorResponse(e.status(), e.code(), e.getMessage(), requestId)
          .withHeaders(e.headers());
    }
    if (error instanceof KeyUnavailableException) {
      LOG.warn("master key unavailable, request_id={}: {}", requestId, error.getMessage());
      return errorResponse(
          503,
          "key_unavailable",
          "The tenant's encryption key is disabled or unavailable; nothing was changed.",
          requestId);
    }
    // Log the type and where it happened; never the request body.
    LOG.error("unexpected error, request_id={}", requestId, error);
    return errorResponse(500, "internal_error", "An internal error occurred.", requestId);
  }

  public static ApiResponse errorResponse(
      int status, String code, String message, String requestId) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("code", code);
    inner.put("message", message);
    inner.put("request_id", requestId);
    return ApiResponse.json(status, Map.of("error", inner)).withHeader("X-Request-Id", requestId);
  }
}
