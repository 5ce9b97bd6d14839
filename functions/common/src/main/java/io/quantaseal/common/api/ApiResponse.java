package io.quantaseal.common.api;

import io.quantaseal.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response: status, headers and a (JSON) body. Immutable. */
public final class ApiResponse {
  private final int status;
  private final Map<String, String> headers;
  private final String body;

  private ApiResponse(int status, Map<String, String> headers, String body) {
    this.status = status;
    this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
  }

  /** A JSON response; {@code value} is serialised with {@link Json}. */
  public static ApiResponse json(int status, Object value) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/json");
    return new ApiResponse(status, h, Json.write(value));
  }

  /** A response exactly as given (e.g. one replayed from the idempotency store). */
  public static ApiResponse raw(int status, Map<String, String> headers, String body) {
    return new ApiResponse(status, headers, body);
  }

  /** A response with no body. */
  public static ApiResponse empty(int status) {
    return new ApiResponse(status, Map.of(), null);
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiResponse(status, h, body);
  }

  public ApiResponse withHeaders(Map<String, String> extra) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.putAll(extra);
    return new ApiResponse(status, h, body);
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public String body() {
    return body;
  }

  @Override
  public String toString() {
    return "ApiResponse[" + status + "]";
  }
}
