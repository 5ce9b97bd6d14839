package io.quantaseal.testsupport.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.testsupport.TestEvents;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The handler tests' one API path, as API Gateway runs it (template.yaml): the REQUEST authorizer
 * on the request's headers first; a thrown "Unauthorized" is the gateway's 401 {@code
 * missing_api_key}, a Deny policy its 403 {@code invalid_api_key}; otherwise the function gets the
 * event with the authorizer's context. Requests start from the sample events of {@code events/}.
 */
public final class ApiGatewayTestClient {
  /** The message of the authorizer's exception that API Gateway answers with 401. */
  public static final String UNAUTHORIZED = "Unauthorized";

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> authorizer;
  private final TestEvents events;

  public ApiGatewayTestClient(
      RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> authorizer,
      TestEvents events) {
    this.authorizer = authorizer;
    this.events = events;
  }

  /** What the caller receives. */
  public record Response(int status, Map<String, String> headers, String body) {
    /** The body as JSON; null when it is not JSON. */
    public JsonNode json() {
      if (body == null || body.isEmpty()) {
        return null;
      }
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        return null;
      }
    }

    /** {@code error.code} of an error body. */
    public String errorCode() {
      return json().path("error").path("code").asText();
    }

    /** A header, by a case-insensitive name; null if absent. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst()
          .orElse(null);
    }
  }

  /** A request: a sample event, changed where the test says. */
  public static final class Request {
    private final String eventFile;
    private String apiKey;
    private boolean apiKeySet;
    private Map<String, String> pathParameters;
    private Map<String, String> query;
    private String body;
    private boolean base64;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Context context;

    private Request(String eventFile) {
      this.eventFile = eventFile;
    }

    /** {@code events/<eventFile>}, e.g. {@code seal/seal-api-key.json}. */
    public static Request of(String eventFile) {
      return new Request(eventFile);
    }

    /** The {@code X-API-Key}; null sends none. Unset, the sample event's stays. */
    public Request apiKey(String apiKey) {
      this.apiKey = apiKey;
      this.apiKeySet = true;
      return this;
    }

    /** Path parameters, also substituted into the path. */
    public Request pathParameters(Map<String, String> pathParameters) {
      this.pathParameters = pathParameters;
      return this;
    }

    public Request query(Map<String, String> query) {
      this.query = query;
      return this;
    }

    /** The body as text, instead of the sample's. */
    public Request body(String body) {
      this.body = body;
      this.base64 = false;
      return this;
    }

    /** Raw bytes as API Gateway passes them with BinaryMediaTypes {@code *}{@code /*}: base64. */
    public Request rawBody(byte[] raw) {
      this.body = Base64.getEncoder().encodeToString(raw);
      this.base64 = true;
      return this;
    }

    /** A header over the sample's (matched case-insensitively); a null value removes it. */
    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Request headers(Map<String, String> more) {
      headers.putAll(more);
      return this;
    }

    /** The Lambda context the function is invoked with (none by default). */
    public Request context(Context context) {
      this.context = context;
      return this;
    }
  }

  /** {@code request} through the authorizer, then {@code function}. */
  public Response call(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function,
      Request request) {
    APIGatewayProxyRequestEvent event = events.apiGateway(request.eventFile);
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    if (request.apiKeySet) {
      request.headers.put("X-API-Key", request.apiKey);
    }
    request.headers.forEach(
        (name, value) -> {
          headers.keySet().removeIf(h -> h.equalsIgnoreCase(name));
          if (value != null) {
            headers.put(name, value);
          }
        });
    event.setHeaders(headers);
    if (request.query != null) {
      event.setQueryStringParameters(request.query);
    }
    if (request.pathParameters != null) {
      event.setPathParameters(request.pathParameters);
      String path = event.getResource();
      for (Map.Entry<String, String> p : request.pathParameters.entrySet()) {
        path = path.replace("{" + p.getKey() + "}", p.getValue());
      }
      event.setPath(path);
    }
    if (request.body != null) {
      event.setBody(request.body);
      event.setIsBase64Encoded(request.base64);
    }
    String apigwRequestId = UUID.randomUUID().toString();
    event.getRequestContext().setRequestId(apigwRequestId);

    // 1. The authorizer, as API Gateway calls it.
    APIGatewayCustomAuthorizerEvent authEvent = new APIGatewayCustomAuthorizerEvent();
    authEvent.setType("REQUEST");
    authEvent.setHeaders(headers);
    authEvent.setMethodArn(
        "arn:aws:execute-api:us-east-1:123456789012:abc123def4/v2/"
            + event.getHttpMethod()
            + event.getPath());
    APIGatewayCustomAuthorizerEvent.RequestContext rc =
        new APIGatewayCustomAuthorizerEvent.RequestContext();
    rc.setRequestId(apigwRequestId);
    authEvent.setRequestContext(rc);
    IamPolicyResponse policy;
    try {
      policy = authorizer.handleRequest(authEvent, null);
    } catch (RuntimeException e) {
      if (UNAUTHORIZED.equals(e.getMessage())) {
        return gatewayError(401, "missing_api_key", apigwRequestId);
      }
      throw e;
    }
    Object[] statements = (Object[]) policy.getPolicyDocument().get("Statement");
    if (!"Allow".equals(((Map<?, ?>) statements[0]).get("Effect"))) {
      return gatewayError(403, "invalid_api_key", apigwRequestId);
    }
    // 2. The function, with the authorizer's context.
    Map<String, Object> authContext = new HashMap<>(policy.getContext());
    authContext.put("principalId", policy.getPrincipalId());
    event.getRequestContext().setAuthorizer(authContext);
    APIGatewayProxyResponseEvent out = function.handleRequest(event, request.context);
    return new Response(out.getStatusCode(), out.getHeaders(), out.getBody());
  }

  /** The sample event's body as an object, to change before sending. */
  public ObjectNode body(String eventFile) {
    try {
      return (ObjectNode) JSON.readTree(events.apiGateway(eventFile).getBody());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(eventFile + " has no JSON body", e);
    }
  }

  /** The gateway responses' body (template.yaml GatewayResponses): the API's error shape. */
  private static Response gatewayError(int status, String code, String apigwRequestId) {
    String requestId = "req_" + apigwRequestId;
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", code);
    error.put("message", "gateway");
    error.put("request_id", requestId);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Request-Id", requestId);
    return new Response(status, headers, body.toString());
  }
}
