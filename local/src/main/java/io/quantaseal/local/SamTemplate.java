package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.tenancy.RateLimit;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What the local runner needs from {@code template.yaml}: the functions (handler, timeout, memory,
 * their API routes, schedules and stream events) and the API (stage, the REQUEST authorizer and its
 * cache, gateway responses). Read with Jackson's YAML parser: CloudFormation's short tags ({@code
 * !Ref X}, {@code !GetAtt X.Arn}) come out as their plain values, which is all the runner needs;
 * nothing here evaluates intrinsic functions.
 */
public final class SamTemplate {
  /** One API event of a function: {@code POST /api/v2/vault/seal}. */
  public record Route(String method, String path, String functionId, boolean authorized) {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)\\}");

    /** The path parameters of {@code actualPath}, or empty when it does not match this route. */
    public Optional<Map<String, String>> match(String actualPath) {
      String[] want = path.split("/", -1);
      String[] got = actualPath.split("/", -1);
      if (want.length != got.length) {
        return Optional.empty();
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < want.length; i++) {
        Matcher m = PARAM.matcher(want[i]);
        if (m.matches()) {
          if (got[i].isEmpty()) {
            return Optional.empty();
          }
          params.put(m.group(1), got[i]);
        } else if (!want[i].equals(got[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(params);
    }

    @Override
    public String toString() {
      return method + " " + path + " -> " + functionId;
    }
  }

  /** A function: logical id, handler ({@code class::method}), limits and events. */
  public record Function(
      String logicalId,
      String handler,
      String codeUri,
      Duration timeout,
      int memoryMb,
      Map<String, String> literalEnvironment,
      Map<String, String> environmentRefs,
      List<Route> routes,
      List<ScheduleEvent> schedules,
      List<StreamEvent> streams) {
    public String handlerClass() {
      int i = handler.indexOf("::");
      return i < 0 ? handler : handler.substring(0, i);
    }
  }

  /**
   * A {@code Schedule} event: its name and expression ({@code rate(1 minute)}, {@code cron(...)}).
   */
  public record ScheduleEvent(String name, String expression, boolean enabled) {
    private static final Pattern RATE =
        Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    /** The interval of a {@code rate(...)} expression; empty for {@code cron(...)}. */
    public Optional<Duration> rate() {
      Matcher m = RATE.matcher(expression.trim());
      if (!m.matches()) {
        return Optional.empty();
      }
      long n = Long.parseLong(m.group(1));
      return Optional.of(
          switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          });
    }
  }

  /**
   * A {@code DynamoDB} stream event (an event source mapping): which table's stream, and how Lambda
   * polls it (AWS::Lambda::EventSourceMapping's properties, with Lambda's defaults where absent).
   *
   * @param name the event's name in the template
   * @param tableId logical id of the table whose {@code StreamArn} it reads
   * @param startingPosition {@code TRIM_HORIZON} or {@code LATEST}
   * @param batchSize most records per invocation (default 100)
   * @param batchingWindow how long records are gathered before an invocation (default 0)
   * @param reportBatchItemFailures {@code FunctionResponseTypes: [ReportBatchItemFailures]}
   * @param bisectOnError {@code BisectBatchOnFunctionError}
   * @param maximumRetryAttempts retries of a failing batch (default -1: until the records expire)
   * @param maximumRecordAge records older than this are not retried (empty: until they expire)
   * @param onFailureId logical id of the {@code DestinationConfig.OnFailure} destination, if any
   */
  public record StreamEvent(
      String name,
      String tableId,
      String startingPosition,
      int batchSize,
      Duration batchingWindow,
      boolean reportBatchItemFailures,
      boolean bisectOnError,
      int maximumRetryAttempts,
      Optional<Duration> maximumRecordAge,
      Optional<String> onFailureId) {}

  /** An {@code AWS::SQS::Queue}: its logical id and visibility timeout (default 30 s). */
  public record Queue(String logicalId, Duration visibilityTimeout) {}

  /** A gateway response: status (absent: keep API Gateway's own), headers, JSON body template. */
  public record GatewayResponse(
      Optional<Integer> status, Map<String, String> headers, String body) {}

  /** The REQUEST authorizer: its function, identity header and cache time. */
  public record Authorizer(String name, String functionId, String identityHeader, Duration ttl) {}

  private final Path file;
  private final Map<String, Function> functions;
  private final List<Route> routes;
  private final Optional<Authorizer> authorizer;
  private final Map<String, GatewayResponse> gatewayResponses;
  private final String stage;
  private final Map<String, Queue> queues;
  private final List<String> binaryMediaTypes;
  private final Optional<RateLimit> defaultThrottle;

  private SamTemplate(
      Path file,
      Map<String, Function> functions,
      List<Route> routes,
      Optional<Authorizer> authorizer,
      Map<String, GatewayResponse> gatewayResponses,
      String stage,
      Map<String, Queue> queues,
      List<String> binaryMediaTypes,
      Optional<RateLimit> defaultThrottle) {
    this.file = file;
    this.defaultThrottle = defaultThrottle;
    this.binaryMediaTypes = List.copyOf(binaryMediaTypes);
    this.queues = Collections.unmodifiableMap(queues);
    this.functions = Collections.unmodifiableMap(functions);
    this.routes = List.copyOf(routes);
    this.authorizer = authorizer;
    this.gatewayResponses = Collections.unmodifiableMap(gatewayResponses);
    this.stage = stage;
  }

  /** Reads {@code file}. */
  public static SamTemplate read(Path file) {
    JsonNode root = parse(file);
    if (root == null || !root.path("Resources").isObject()) {
      throw new IllegalArgumentException(file + " has no Resources");
    }
    JsonNode globals = root.path("Globals").path("Function");
    JsonNode parameters = root.path("Parameters");
    String stage = parameters.path("Environment").path("Default").asText("prod");

    Map<String, Function> functions = new LinkedHashMap<>();
    List<Route> routes = new ArrayList<>();
    Optional<Authorizer> authorizer = Optional.empty();
    Map<String, GatewayResponse> responses = new LinkedHashMap<>();
    Map<String, Queue> queues = new LinkedHashMap<>();
    List<String> binaryMediaTypes = new ArrayList<>();
    Optional<RateLimit> throttle = Optional.empty();

    var resources = root.path("Resources").fields();
    while (resources.hasNext()) {
      var r = resources.next();
      String id = r.getKey();
      JsonNode props = r.getValue().path("Properties");
      switch (r.getValue().path("Type").asText()) {
        case "AWS::Serverless::Function" -> {
          Function f = function(id, props, globals, parameters);
          functions.put(id, f);
          routes.addAll(f.routes());
        }
        case "AWS::Serverless::Api" -> {
          String s = scalar(props.path("StageName"), parameters);
          if (s != null && !s.isBlank()) {
            stage = s;
          }
          authorizer = authorizer(props.path("Auth"));
          // SAM writes "/" as "~1" in BinaryMediaTypes ("*~1*" is */*).
          props
              .path("BinaryMediaTypes")
              .forEach(t -> binaryMediaTypes.add(t.asText().replace("~1", "/")));
          var gr = props.path("GatewayResponses").fields();
          while (gr.hasNext()) {
            var e = gr.next();
            responses.put(e.getKey(), gatewayResponse(e.getValue()));
          }
        }
        case "AWS::ApiGateway::UsagePlan" -> {
          String rate = scalar(props.path("Throttle").path("RateLimit"), parameters);
          String burst = scalar(props.path("Throttle").path("BurstLimit"), parameters);
          if (rate != null && burst != null) {
            throttle =
                Optional.of(new RateLimit(Double.parseDouble(rate), Integer.parseInt(burst)));
          }
        }
        case "AWS::SQS::Queue" ->
            queues.put(
                id, new Queue(id, Duration.ofSeconds(props.path("VisibilityTimeout").asLong(30))));
        default -> {
          // not the runner's business (tables, keys, alarms, ...)
        }
      }
    }
    String resolvedStage = stage;
    return new SamTemplate(
        file,
        functions,
        routes,
        authorizer,
        responses,
        resolvedStage,
        queues,
        binaryMediaTypes,
        throttle);
  }

  /** The template as a tree, short tags in their long form. */
  static JsonNode parse(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    try (Reader r = Files.newBufferedReader(file)) {
      Object tree = new Yaml(new CloudFormationConstructor(options)).load(r);
      return LocalJson.mapper().valueToTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** SnakeYAML's safe constructor, plus CloudFormation's {@code !Tag value} short forms. */
  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(
          null,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              String tag = node.getTag().getValue();
              String name = tag.startsWith("!") ? tag.substring(1) : tag;
              Object value;
              if (node instanceof ScalarNode s) {
                value = constructScalar(s);
              } else if (node instanceof SequenceNode s) {
                value = constructSequence(s);
              } else {
                value = constructMapping((MappingNode) node);
              }
              Map<String, Object> m = new LinkedHashMap<>();
              m.put(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
              return m;
            }
          });
    }
  }

  /** A plain scalar, or the default of a parameter a {@code Ref} names; null otherwise. */
  private static String scalar(JsonNode value, JsonNode parameters) {
    if (value.isValueNode()) {
      return value.asText();
    }
    if (value.isObject() && value.size() == 1 && value.has("Ref")) {
      JsonNode p = parameters.path(value.path("Ref").asText());
      return p.has("Default") ? p.path("Default").asText() : null;
    }
    return null;
  }

  private static Function function(
      String id, JsonNode props, JsonNode globals, JsonNode parameters) {
    Map<String, String> env = new LinkedHashMap<>();
    literalVariables(globals.path("Environment").path("Variables"), parameters, env);
    literalVariables(props.path("Environment").path("Variables"), parameters, env);
    Map<String, String> refs = new LinkedHashMap<>();
    referenceVariables(globals.path("Environment").path("Variables"), refs);
    referenceVariables(props.path("Environment").path("Variables"), refs);
    List<Route> routes = new ArrayList<>();
    List<ScheduleEvent> schedules = new ArrayList<>();
    List<StreamEvent> streams = new ArrayList<>();
    var events = props.path("Events").fields();
    while (events.hasNext()) {
      var e = events.next();
      JsonNode ep = e.getValue().path("Properties");
      switch (e.getValue().path("Type").asText()) {
        case "Api" ->
            routes.add(
                new Route(
                    ep.path("Method").asText().toUpperCase(java.util.Locale.ROOT),
                    ep.path("Path").asText(),
                    id,
                    !"NONE".equals(ep.path("Auth").path("Authorizer").asText())));
        case "Schedule", "ScheduleV2" ->
            schedules.add(
                new ScheduleEvent(
                    e.getKey(),
                    ep.path("Schedule").asText(ep.path("ScheduleExpression").asText()),
                    ep.path("Enabled").asBoolean(true)
                        && !"DISABLED".equals(ep.path("State").asText())));
        case "DynamoDB" -> streams.add(streamEvent(e.getKey(), ep, parameters));
        default -> {}
      }
    }
    return new Function(
        id,
        text(props, globals, "Handler", ""),
        text(props, globals, "CodeUri", ""),
        Duration.ofSeconds(Long.parseLong(text(props, globals, "Timeout", "3"))),
        Integer.parseInt(text(props, globals, "MemorySize", "128")),
        Collections.unmodifiableMap(env),
        Collections.unmodifiableMap(refs),
        List.copyOf(routes),
        List.copyOf(schedules),
        List.copyOf(streams));
  }

  /** Variables whose value is a scalar or a parameter's default (not another resource). */
  private static void literalVariables(
      JsonNode vars, JsonNode parameters, Map<String, String> into) {
    var it = vars.fields();
    while (it.hasNext()) {
      var v = it.next();
      String s = scalar(v.getValue(), parameters);
      if (s != null) {
        into.put(v.getKey(), s);
      } else {
        into.remove(v.getKey());
      }
    }
  }

  /**
   * Variables whose value is {@code !Ref Resource} (a table name, a queue URL): name → resource.
   */
  private static void referenceVariables(JsonNode vars, Map<String, String> into) {
    var it = vars.fields();
    while (it.hasNext()) {
      var v = it.next();
      JsonNode ref = v.getValue().path("Ref");
      if (v.getValue().isObject() && v.getValue().size() == 1 && ref.isTextual()) {
        into.put(v.getKey(), ref.asText());
      } else {
        into.remove(v.getKey());
      }
    }
  }

  /** The logical id an {@code !GetAtt X.Attr} (either form) or {@code !Ref X} names. */
  private static Optional<String> resourceOf(JsonNode value) {
    JsonNode getAtt = value.path("Fn::GetAtt");
    String s;
    if (getAtt.isArray()) {
      s = getAtt.path(0).asText(null);
    } else if (getAtt.isTextual()) {
      s = getAtt.asText();
    } else if (value.path("Ref").isTextual()) {
      s = value.path("Ref").asText();
    } else {
      return Optional.empty();
    }
    if (s == null || s.isBlank()) {
      return Optional.empty();
    }
    int dot = s.indexOf('.');
    return Optional.of(dot < 0 ? s : s.substring(0, dot));
  }

  private static StreamEvent streamEvent(String name, JsonNode ep, JsonNode parameters) {
    boolean report = false;
    for (JsonNode t : ep.path("FunctionResponseTypes")) {
      report |= "ReportBatchItemFailures".equals(t.asText());
    }
    long maxAge = ep.path("MaximumRecordAgeInSeconds").asLong(-1);
    return new StreamEvent(
        name,
        resourceOf(ep.path("Stream"))
            .orElseThrow(
                () -> new IllegalArgumentException("stream event " + name + " names no table")),
        ep.path("StartingPosition").asText("LATEST"),
        ep.path("BatchSize").asInt(100),
        Duration.ofSeconds(ep.path("MaximumBatchingWindowInSeconds").asLong(0)),
        report,
        ep.path("BisectBatchOnFunctionError").asBoolean(false),
        ep.path("MaximumRetryAttempts").asInt(-1),
        maxAge < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(maxAge)),
        resourceOf(ep.path("DestinationConfig").path("OnFailure").path("Destination")));
  }

  private static String text(JsonNode props, JsonNode globals, String name, String fallback) {
    if (props.has(name)) {
      return props.path(name).asText();
    }
    return globals.has(name) ? globals.path(name).asText() : fallback;
  }

  private static Optional<Authorizer> authorizer(JsonNode auth) {
    String name = auth.path("DefaultAuthorizer").asText(null);
    if (name == null) {
      return Optional.empty();
    }
    JsonNode a = auth.path("Authorizers").path(name);
    JsonNode arn = a.path("FunctionArn");
    // {"Ref": "AuthorizerFunction.Alias"} or {"Fn::GetAtt": "AuthorizerFunction.Arn"}
    String fn =
        arn.isObject() && arn.size() == 1
            ? arn.elements().next().isArray()
                ? arn.elements().next().path(0).asText()
                : arn.elements().next().asText()
            : arn.asText();
    // "!Ref AuthorizerFunction.Alias" / "!GetAtt AuthorizerFunction.Arn" → AuthorizerFunction
    int dot = fn.indexOf('.');
    String functionId = dot < 0 ? fn : fn.substring(0, dot);
    JsonNode identity = a.path("Identity");
    String header =
        identity.path("Headers").isArray() && identity.path("Headers").size() > 0
            ? identity.path("Headers").get(0).asText()
            : "Authorization";
    Duration ttl = Duration.ofSeconds(identity.path("ReauthorizeEvery").asLong(300));
    return Optional.of(new Authorizer(name, functionId, header, ttl));
  }

  private static GatewayResponse gatewayResponse(JsonNode g) {
    Optional<Integer> status =
        g.has("StatusCode") ? Optional.of(g.path("StatusCode").asInt()) : Optional.empty();
    Map<String, String> headers = new LinkedHashMap<>();
    var hs = g.path("ResponseParameters").path("Headers").fields();
    while (hs.hasNext()) {
      var h = hs.next();
      String v = h.getValue().asText();
      // Static values are written in single quotes ('no-store'); mappings are not supported here.
      if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
        headers.put(h.getKey(), v.substring(1, v.length() - 1));
      }
    }
    String body = g.path("ResponseTemplates").path("application/json").asText(null);
    return new GatewayResponse(status, Collections.unmodifiableMap(headers), body);
  }

  public Path file() {
    return file;
  }

  public Map<String, Function> functions() {
    return functions;
  }

  public Optional<Function> function(String logicalId) {
    return Optional.ofNullable(functions.get(logicalId));
  }

  /** Every API route, in template order. */
  public List<Route> routes() {
    return routes;
  }

  /**
   * The default usage plan's throttle (the template's {@code AWS::ApiGateway::UsagePlan}, its
   * parameters' defaults): what a tenant without its own limit gets.
   */
  public Optional<RateLimit> defaultThrottle() {
    return defaultThrottle;
  }

  public Optional<Authorizer> authorizer() {
    return authorizer;
  }

  /** Gateway responses by type ({@code UNAUTHORIZED}, {@code DEFAULT_4XX}, ...). */
  public Map<String, GatewayResponse> gatewayResponses() {
    return gatewayResponses;
  }

  /**
   * The API's BinaryMediaTypes: with {@code *}{@code /*}, API Gateway passes every body as base64.
   */
  public List<String> binaryMediaTypes() {
    return binaryMediaTypes;
  }

  public String stage() {
    return stage;
  }

  /** The template's SQS queues by logical id. */
  public Map<String, Queue> queues() {
    return queues;
  }

  @Override
  public String toString() {
    return "SamTemplate["
        + file
        + ": "
        + functions.size()
        + " functions, "
        + routes.size()
        + " routes]";
  }
}
