package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.lambda.LambdaEventJson;
import io.quantaseal.common.tenancy.RateLimit;
import io.quantaseal.local.http.HttpRequest;
import io.quantaseal.local.http.HttpResponse;
import io.quantaseal.local.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An HTTP API on 127.0.0.1 that behaves like the template's API Gateway REST API in front of the
 * functions:
 *
 * <ol>
 *   <li>the route comes from template.yaml's Api events ({@code {id}} segments become {@code
 *       pathParameters}); anything else is the MISSING_AUTHENTICATION_TOKEN gateway response;
 *   <li>a body over API Gateway's 10 MB is REQUEST_TOO_LARGE;
 *   <li>the REQUEST authorizer runs first: no identity header → UNAUTHORIZED without calling it;
 *       the error "Unauthorized" → UNAUTHORIZED; a Deny (or no Allow for this method ARN) →
 *       ACCESS_DENIED; any other failure → AUTHORIZER_FAILURE. Its policy and context are cached
 *       per header value for the template's ReauthorizeEvery;
 *   <li>the function gets API Gateway's REST proxy event (requestContext with requestId, stage,
 *       identity, and the authorizer's principalId and context); its answer becomes the HTTP
 *       response; a failure or a malformed answer is a 502 (DEFAULT_5XX).
 * </ol>
 *
 * <p>{@code /console/} (and {@code /}, which redirects there) is the Admin Console's static site,
 * as the template's CloudFront distribution serves it ({@link ConsoleSite}).
 *
 * <p>Gateway responses use the template's status, static headers and body, with {@code
 * $context.requestId} and {@code $context.error.messageString} filled in. Every answer carries
 * {@code x-amzn-RequestId}, as API Gateway's do.
 *
 * <p>HTTP itself is {@link LoopbackHttpServer}'s: a request it refuses (oversized or too many
 * header fields: 431; a bare CR or LF, or another malformed head: 400; a body over 10 MB: 413) gets
 * an answer in the same error shape and a graceful close, never a reset and never a split header.
 * Bodies reach the functions as API Gateway passes them with the template's {@code
 * BinaryMediaTypes} ({@code *}{@code /*}): base64, so that the functions see the bytes that were
 * sent (invalid UTF-8 is theirs to refuse).
 */
public final class LocalApiGateway implements AutoCloseable {
  /** API Gateway's own payload limit (not configurable there). */
  public static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

  static final String ACCOUNT_ID = "123456789012";
  static final String API_ID = "local00001";
  private static final String UNAUTHORIZED_MESSAGE = "Unauthorized";
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private record CachedPolicy(
      JsonNode policy,
      JsonNode context,
      String principalId,
      Optional<String> usageKey,
      long expires) {}

  private final SamTemplate template;
  private final LocalFunctions functions;
  private LoopbackHttpServer server;
  private final PrintStream log;
  private final Clock clock;
  private final Map<String, CachedPolicy> authorizerCache = new ConcurrentHashMap<>();
  private final Optional<ConsoleSite> console;
  private final TenantThrottle throttle;

  private LocalApiGateway(
      SamTemplate template,
      LocalFunctions functions,
      TenantThrottle throttle,
      PrintStream log,
      Clock clock) {
    this.template = template;
    this.throttle = throttle;
    this.console = ConsoleSite.of(template);
    this.functions = functions;
    this.log = log;
    this.clock = clock;
  }

  /** Listens on 127.0.0.1:{@code port} (0: a free port). */
  static LocalApiGateway start(
      SamTemplate template,
      LocalFunctions functions,
      Function<String, Optional<RateLimit>> tenantLimits,
      int port,
      PrintStream log)
      throws IOException {
    LocalApiGateway api =
        new LocalApiGateway(
            template,
            functions,
            new TenantThrottle(tenantLimits, template.defaultThrottle(), System::nanoTime),
            log,
            Clock.systemUTC());
    api.server =
        LoopbackHttpServer.start(
            port,
            api.new Front(),
            LoopbackHttpServer.Limits.defaults(MAX_PAYLOAD_BYTES),
            log,
            "local-api");
    return api;
  }

  /** {@code http://127.0.0.1:<port>}; the API is under {@code /api/v2/...}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public int port() {
    return server.port();
  }

  /** What the HTTP server calls. */
  private final class Front implements LoopbackHttpServer.Handler {
    @Override
    public HttpResponse handle(HttpRequest request) {
      if (console.isPresent() && ConsoleSite.serves(request.rawPath())) {
        // The Admin Console's files, as CloudFront serves them in front of the API.
        return console.get().answer(request);
      }
      String apiRequestId = UUID.randomUUID().toString();
      long start = System.nanoTime();
      Answer answer;
      try {
        answer = answer(request, apiRequestId);
      } catch (RuntimeException e) {
        log.println("local-api: " + apiRequestId + " failed in the runner: " + e);
        answer = gatewayResponse("DEFAULT_5XX", 500, "Internal server error", apiRequestId);
      }
      log.printf(
          "local-api: %s %s -> %d (%d ms)%n",
          request.method(),
          ConsoleText.escape(request.rawPath()),
          answer.status(),
          (System.nanoTime() - start) / 1_000_000);
      return answer.toHttp(apiRequestId);
    }

    @Override
    public HttpResponse protocolError(int status, String reason) {
      String apiRequestId = UUID.randomUUID().toString();
      Answer answer =
          status == 413
              ? gatewayResponse("REQUEST_TOO_LARGE", 413, "Request Too Long", apiRequestId)
              : gatewayResponse(
                  status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX", status, reason, apiRequestId);
      log.printf("local-api: refused a request -> %d (%s)%n", answer.status(), reason);
      return answer.toHttp(apiRequestId);
    }
  }

  /** A complete HTTP answer. */
  private record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    HttpResponse toHttp(String apiRequestId) {
      Map<String, List<String>> h = new LinkedHashMap<>(headers);
      h.put("x-amzn-RequestId", List.of(apiRequestId));
      return new HttpResponse(status, h, body);
    }
  }

  private Answer answer(HttpRequest x, String apiRequestId) {
    String method = x.method().toUpperCase(Locale.ROOT);
    String rawPath = x.rawPath();
    String path = decode(rawPath);

    SamTemplate.Route route = null;
    Map<String, String> pathParameters = Map.of();
    for (SamTemplate.Route r : template.routes()) {
      Optional<Map<String, String>> m =
          r.method().equals(method) ? r.match(path) : Optional.empty();
      if (m.isPresent()) {
        route = r;
        pathParameters = m.get();
        break;
      }
    }
    if (route == null) {
      return gatewayResponse(
          "MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", apiRequestId);
    }

    byte[] body = x.body();
    if (body.length > MAX_PAYLOAD_BYTES) {
      return gatewayResponse("REQUEST_TOO_LARGE", 413, "Request Too Long", apiRequestId);
    }

    // API Gateway's REST proxy event: one value per name (the last) and all of them.
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
    for (HttpRequest.Field f : x.headers()) {
      String name = existingName(multiHeaders, f.name());
      headers.put(name, f.value());
      multiHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(f.value());
    }
    Map<String, List<String>> query = query(x.rawQuery());
    String sourceIp = x.remote().getAddress().getHostAddress();
    Instant now = clock.instant();

    ObjectNode requestContext =
        requestContext(route, path, method, apiRequestId, sourceIp, headers, now);

    // 1. The authorizer.
    if (route.authorized() && template.authorizer().isPresent()) {
      SamTemplate.Authorizer auth = template.authorizer().get();
      String identity = headerIgnoringCase(headers, auth.identityHeader());
      if (identity == null || identity.isEmpty()) {
        return gatewayResponse("UNAUTHORIZED", 401, UNAUTHORIZED_MESSAGE, apiRequestId);
      }
      String methodArn =
          "arn:aws:execute-api:us-east-1:"
              + ACCOUNT_ID
              + ":"
              + API_ID
              + "/"
              + template.stage()
              + "/"
              + method
              + path;
      CachedPolicy policy = authorizerCache.get(identity);
      if (policy == null || policy.expires() < System.nanoTime()) {
        ObjectNode event =
            authorizerEvent(
                route,
                path,
                method,
                methodArn,
                headers,
                multiHeaders,
                query,
                pathParameters,
                requestContext);
        JsonNode result;
        try {
          result = functions.invoke(auth.functionId(), event, UUID.randomUUID().toString());
        } catch (LocalFunctions.FunctionException e) {
          if (UNAUTHORIZED_MESSAGE.equals(e.getMessage())) {
            return gatewayResponse("UNAUTHORIZED", 401, UNAUTHORIZED_MESSAGE, apiRequestId);
          }
          log.println("local-api: authorizer failed: " + e.errorType() + ": " + e.getMessage());
          return gatewayResponse("AUTHORIZER_FAILURE", 500, null, apiRequestId);
        }
        if (!result.path("policyDocument").isObject() || !result.hasNonNull("principalId")) {
          return gatewayResponse("AUTHORIZER_CONFIGURATION_ERROR", 500, null, apiRequestId);
        }
        policy =
            new CachedPolicy(
                result.path("policyDocument"),
                result.path("context"),
                result.path("principalId").asText(),
                Optional.ofNullable(result.path("usageIdentifierKey").textValue()),
                System.nanoTime() + auth.ttl().toNanos());
        if (!auth.ttl().isZero()) {
          authorizerCache.put(identity, policy);
        }
      }
      if (!allows(policy.policy(), methodArn)) {
        return gatewayResponse(
            "ACCESS_DENIED", 403, "User is not authorized to access this resource", apiRequestId);
      }
      // ApiKeySourceType AUTHORIZER: the usage plan of the authorizer's usage key throttles.
      if (policy.usageKey().isPresent() && !throttle.tryAcquire(policy.usageKey().get())) {
        return gatewayResponse("THROTTLED", 429, "Too Many Requests", apiRequestId);
      }
      ObjectNode authorizer = requestContext.putObject("authorizer");
      authorizer.put("principalId", policy.principalId());
      var ctxFields = policy.context().fields();
      while (ctxFields.hasNext()) {
        var f = ctxFields.next();
        // API Gateway passes context values as strings (numbers and booleans stringified).
        authorizer.put(f.getKey(), f.getValue().asText());
      }
      authorizer.put("integrationLatency", 0);
    }

    // 2. The function.
    ObjectNode event = LambdaEventJson.mapper().createObjectNode();
    event.put("resource", route.path());
    event.put("path", path);
    event.put("httpMethod", method);
    event.set("headers", LambdaEventJson.mapper().valueToTree(headers));
    event.set("multiValueHeaders", LambdaEventJson.mapper().valueToTree(multiHeaders));
    event.set(
        "queryStringParameters",
        query.isEmpty() ? null : LambdaEventJson.mapper().valueToTree(single(query)));
    event.set(
        "multiValueQueryStringParameters",
        query.isEmpty() ? null : LambdaEventJson.mapper().valueToTree(query));
    event.set(
        "pathParameters",
        pathParameters.isEmpty() ? null : LambdaEventJson.mapper().valueToTree(pathParameters));
    event.putNull("stageVariables");
    event.set("requestContext", requestContext);
    // The template's BinaryMediaTypes (*/*): API Gateway passes every body base64-encoded, so the
    // functions see the bytes as sent (and refuse what is not UTF-8 themselves).
    boolean binary = template.binaryMediaTypes().contains("*/*");
    if (body.length == 0) {
      event.putNull("body");
      event.put("isBase64Encoded", false);
    } else if (binary) {
      event.put("body", Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", true);
    } else {
      event.put("body", new String(body, StandardCharsets.UTF_8));
      event.put("isBase64Encoded", false);
    }

    JsonNode result;
    try {
      result = functions.invoke(route.functionId(), event, UUID.randomUUID().toString());
    } catch (LocalFunctions.FunctionException e) {
      log.println(
          "local-api: " + route.functionId() + " failed: " + e.errorType() + ": " + e.getMessage());
      if (e.getCause() != null && !(e.getCause() instanceof LocalFunctions.FunctionException)) {
        e.getCause().printStackTrace(log);
      }
      return gatewayResponse("DEFAULT_5XX", 502, "Internal server error", apiRequestId);
    }
    if (!result.path("statusCode").canConvertToInt()) {
      log.println(
          "local-api: "
              + route.functionId()
              + " answered no statusCode (malformed proxy response)");
      return gatewayResponse("DEFAULT_5XX", 502, "Internal server error", apiRequestId);
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    var hs = result.path("headers").fields();
    while (hs.hasNext()) {
      var h = hs.next();
      out.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue().asText());
    }
    var mhs = result.path("multiValueHeaders").fields();
    while (mhs.hasNext()) {
      var h = mhs.next();
      for (JsonNode v : h.getValue()) {
        out.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(v.asText());
      }
    }
    byte[] responseBody;
    String text =
        result.path("body").isNull() || result.path("body").isMissingNode()
            ? ""
            : result.path("body").asText();
    if (result.path("isBase64Encoded").asBoolean(false)) {
      responseBody = Base64.getDecoder().decode(text);
    } else {
      responseBody = text.getBytes(StandardCharsets.UTF_8);
    }
    if (out.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))
        && responseBody.length > 0) {
      out.put("Content-Type", List.of("application/json"));
    }
    return new Answer(result.path("statusCode").asInt(), out, responseBody);
  }

  private ObjectNode requestContext(
      SamTemplate.Route route,
      String path,
      String method,
      String apiRequestId,
      String sourceIp,
      Map<String, String> headers,
      Instant now) {
    ObjectNode c = LambdaEventJson.mapper().createObjectNode();
    c.put("resourceId", Integer.toHexString(route.path().hashCode() & 0xffffff));
    c.put("resourcePath", route.path());
    c.put("httpMethod", method);
    c.put("extendedRequestId", apiRequestId.substring(0, 8) + "=");
    c.put("requestTime", REQUEST_TIME.format(now));
    c.put("path", "/" + template.stage() + path);
    c.put("accountId", ACCOUNT_ID);
    c.put("protocol", "HTTP/1.1");
    c.put("stage", template.stage());
    c.put("domainPrefix", API_ID);
    c.put("requestTimeEpoch", now.toEpochMilli());
    c.put("requestId", apiRequestId);
    ObjectNode identity = c.putObject("identity");
    identity.put("sourceIp", sourceIp);
    identity.put("userAgent", headerIgnoringCase(headers, "User-Agent"));
    c.put("domainName", "127.0.0.1");
    c.put("apiId", API_ID);
    return c;
  }

  private ObjectNode authorizerEvent(
      SamTemplate.Route route,
      String path,
      String method,
      String methodArn,
      Map<String, String> headers,
      Map<String, List<String>> multiHeaders,
      Map<String, List<String>> query,
      Map<String, String> pathParameters,
      ObjectNode requestContext) {
    ObjectNode e = LambdaEventJson.mapper().createObjectNode();
    e.put("type", "REQUEST");
    e.put("methodArn", methodArn);
    e.put("resource", route.path());
    e.put("path", path);
    e.put("httpMethod", method);
    e.set("headers", LambdaEventJson.mapper().valueToTree(headers));
    e.set("multiValueHeaders", LambdaEventJson.mapper().valueToTree(multiHeaders));
    e.set("queryStringParameters", LambdaEventJson.mapper().valueToTree(single(query)));
    e.set("multiValueQueryStringParameters", LambdaEventJson.mapper().valueToTree(query));
    e.set("pathParameters", LambdaEventJson.mapper().valueToTree(pathParameters));
    e.set("stageVariables", LambdaEventJson.mapper().createObjectNode());
    e.set("requestContext", requestContext.deepCopy());
    return e;
  }

  /** IAM evaluation of an authorizer policy for one method ARN: an explicit Deny wins. */
  static boolean allows(JsonNode policy, String methodArn) {
    boolean allowed = false;
    for (JsonNode s : asArray(policy.path("Statement"))) {
      boolean actionMatches = false;
      for (JsonNode a : asArray(s.path("Action"))) {
        String action = a.asText();
        actionMatches |=
            action.equals("*")
                || action.equalsIgnoreCase("execute-api:Invoke")
                || action.equals("execute-api:*");
      }
      boolean resourceMatches = false;
      for (JsonNode r : asArray(s.path("Resource"))) {
        resourceMatches |= glob(r.asText()).matcher(methodArn).matches();
      }
      if (actionMatches && resourceMatches) {
        if ("Deny".equalsIgnoreCase(s.path("Effect").asText())) {
          return false;
        }
        allowed |= "Allow".equalsIgnoreCase(s.path("Effect").asText());
      }
    }
    return allowed;
  }

  private static List<JsonNode> asArray(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    } else if (!n.isMissingNode() && !n.isNull()) {
      out.add(n);
    }
    return out;
  }

  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  /** A gateway response of the template (or API Gateway's default when the template has none). */
  private Answer gatewayResponse(
      String type, int defaultStatus, String message, String apiRequestId) {
    SamTemplate.GatewayResponse g = template.gatewayResponses().get(type);
    String family = defaultStatus >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX";
    SamTemplate.GatewayResponse fallback = template.gatewayResponses().get(family);
    int status = g != null && g.status().isPresent() ? g.status().get() : defaultStatus;
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String bodyTemplate = null;
    for (SamTemplate.GatewayResponse r : new SamTemplate.GatewayResponse[] {fallback, g}) {
      if (r != null) {
        r.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        if (r.body() != null) {
          bodyTemplate = r.body();
        }
      }
    }
    String messageText = message == null ? "null" : message;
    String body =
        bodyTemplate == null
            ? LambdaEventJson.mapper().createObjectNode().put("message", message).toString()
            : bodyTemplate
                .replace("$context.requestId", apiRequestId)
                .replace("$context.error.messageString", quote(messageText))
                .replace("$context.error.message", messageText)
                .replace("$context.error.responseType", type);
    headers.put("Content-Type", List.of("application/json"));
    headers.put(
        "x-amzn-ErrorType", List.of(type.equals("ACCESS_DENIED") ? "AccessDeniedException" : type));
    return new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    return LambdaEventJson.mapper().getNodeFactory().textNode(s).toString();
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
      q.computeIfAbsent(k, key -> new ArrayList<>()).add(v);
    }
    return q;
  }

  private static Map<String, String> single(Map<String, List<String>> multi) {
    Map<String, String> s = new LinkedHashMap<>();
    multi.forEach((k, v) -> s.put(k, v.get(v.size() - 1)));
    return s;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static String decodeQuery(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private static String headerIgnoringCase(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * The name a header already has in {@code seen} (names are case-insensitive), else {@code name}.
   */
  private static String existingName(Map<String, List<String>> seen, String name) {
    for (String k : seen.keySet()) {
      if (k.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return name;
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "LocalApiGateway[" + baseUrl() + ", " + template.routes().size() + " routes]";
  }
}
