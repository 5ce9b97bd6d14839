package io.quantaseal.common.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.quantaseal.common.api.ApiErrorMapper;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.ApiRouter;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.PayloadTooLargeException;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps API Gateway proxy events to {@link ApiRequest}s and {@link ApiResponse}s back: the only
 * place that knows the event shapes. A body must be UTF-8: API Gateway passes it as base64 (the
 * template's BinaryMediaTypes is {@code *}{@code /*}), and bytes that are not UTF-8 are 400 {@code
 * invalid_request}, never decoded with replacement characters. The caller comes from the REQUEST
 * authorizer's context ({@code tenant_id}, {@code api_key_id}, {@code scopes}).
 */
public final class ApiGatewayAdapter {
  /** Largest request body accepted by any route (Datadog's 5 MB log batches plus JSON framing). */
  public static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

  public static final String CONTEXT_TENANT = "tenant_id";
  public static final String CONTEXT_API_KEY = "api_key_id";
  public static final String CONTEXT_SCOPES = "scopes";

  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final ApiRouter router;
  private final Ids ids;
  private final RequestMetrics metrics;

  public ApiGatewayAdapter(ApiRouter router, Ids ids) {
    this(router, ids, RequestMetrics.NONE);
  }

  public ApiGatewayAdapter(ApiRouter router, Ids ids, RequestMetrics metrics) {
    this.router = router;
    this.ids = ids;
    this.metrics = metrics;
  }

  public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    long start = System.nanoTime();
    String requestId = requestId(event);
    ApiResponse response;
    try {
      response = router.handle(toRequest(event, requestId));
    } catch (RuntimeException e) {
      response = ApiErrorMapper.toResponse(e, requestId);
    }
    try {
      metrics.record(
          String.valueOf(event.getResource()),
          response.status(),
          (System.nanoTime() - start) / 1_000_000);
      metrics.flush();
    } catch (RuntimeException e) {
      // Metrics never fail a request.
    }
    return toEvent(response);
  }

  /** {@code req_} and API Gateway's request id (or a fresh one). */
  String requestId(APIGatewayProxyRequestEvent event) {
    String apigw =
        event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    if (apigw != null && SAFE_REQUEST_ID.matcher(apigw).matches()) {
      return Ids.REQUEST + "_" + apigw;
    }
    return ids.next(Ids.REQUEST);
  }

  static ApiRequest toRequest(APIGatewayProxyRequestEvent event, String requestId) {
    if (event.getHttpMethod() == null || event.getResource() == null) {
      throw new InvalidRequestException("Not an API Gateway request.");
    }
    return ApiRequest.builder()
        .method(event.getHttpMethod())
        .resource(event.getResource())
        .path(event.getPath())
        .pathParameters(event.getPathParameters())
        .queryParameters(event.getQueryStringParameters())
        .headers(event.getHeaders())
        .body(body(event))
        .requestId(requestId)
        .caller(caller(event))
        .build();
  }

  private static String body(APIGatewayProxyRequestEvent event) {
    String body = event.getBody();
    if (body == null) {
      return null;
    }
    if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      if (body.length() > MAX_BODY_BYTES / 3 * 4 + 4) {
        throw tooLarge();
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException("The request body is not valid base64.");
      }
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(raw))
            .toString();
      } catch (CharacterCodingException e) {
        throw notUtf8();
      }
    }
    // A text body that API Gateway already decoded: it cannot carry invalid UTF-8 any more (the
    // template's BinaryMediaTypes make API Gateway pass every body as base64, above), but a lone
    // surrogate would be one that had no UTF-8 form.
    if (!Json.wellFormed(body)) {
      throw notUtf8();
    }
    // UTF-16 length bounds UTF-8 length from below; check the real size only when close.
    if (body.length() > MAX_BODY_BYTES
        || (body.length() > MAX_BODY_BYTES / 3
            && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES)) {
      throw tooLarge();
    }
    return body;
  }

  private static InvalidRequestException notUtf8() {
    return new InvalidRequestException(
        "The request body is not valid UTF-8; nothing was stored (send JSON in UTF-8).");
  }

  private static PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException("The request body is over " + MAX_BODY_BYTES + " bytes.");
  }

  private static Caller caller(APIGatewayProxyRequestEvent event) {
    if (event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null) {
      return null;
    }
    Map<String, Object> auth = event.getRequestContext().getAuthorizer();
    Object tenant = auth.get(CONTEXT_TENANT);
    Object key = auth.get(CONTEXT_API_KEY);
    if (tenant == null || key == null) {
      return null;
    }
    Object scopes = auth.get(CONTEXT_SCOPES);
    Set<String> scopeSet = new LinkedHashSet<>();
    if (scopes != null && !scopes.toString().isBlank()) {
      scopeSet.addAll(Arrays.asList(scopes.toString().trim().split("\\s+")));
    }
    return new Caller(tenant.toString(), key.toString(), scopeSet);
  }

  static APIGatewayProxyResponseEvent toEvent(ApiResponse response) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(response.status())
        .withHeaders(new HashMap<>(response.headers()))
        .withBody(response.body())
        .withIsBase64Encoded(false);
  }
}
