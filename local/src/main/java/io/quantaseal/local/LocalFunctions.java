package io.quantaseal.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.authorizer.ApiKeyAuthorizerHandler;
import io.quantaseal.authorizer.AuthorizerFunction;
import io.quantaseal.common.lambda.LambdaEventJson;
import io.quantaseal.integrations.IntegrationsFunction;
import io.quantaseal.integrations.IntegrationsHandler;
import io.quantaseal.proxy.ProxyOutboundFunction;
import io.quantaseal.proxy.ProxyOutboundHandler;
import io.quantaseal.seal.SealFunction;
import io.quantaseal.seal.SealHandler;
import io.quantaseal.siem.SiemDestinationsFunction;
import io.quantaseal.siem.SiemDestinationsHandler;
import io.quantaseal.siem.SiemPushFunction;
import io.quantaseal.siem.SiemPushHandler;
import io.quantaseal.siem.SiemSettings;
import io.quantaseal.tenantadmin.TenantAdminFunction;
import io.quantaseal.tenantadmin.TenantAdminHandler;
import io.quantaseal.tenantadmin.checkpoints.AuditCheckpointFunction;
import io.quantaseal.tenantadmin.checkpoints.AuditCheckpointHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template's functions, in this JVM: one handler instance per function, built on first use (the
 * "cold start") through the function's composition root with the runner's engines and keyring
 * ({@link LocalServices}), then reused; invocations of one function run one at a time, like one
 * warm Lambda container. Events go in and answers come out as JSON through {@link LambdaEventJson},
 * so a handler sees exactly what the Lambda runtime would give it.
 */
final class LocalFunctions {
  /** A handler failed: Lambda's {@code errorType} and {@code errorMessage}. */
  static final class FunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorType;

    FunctionException(String errorType, String errorMessage, Throwable cause) {
      super(errorMessage, cause);
      this.errorType = errorType;
    }

    String errorType() {
      return errorType;
    }

    /** The JSON the Lambda runtime answers for an error. */
    JsonNode toJson() {
      var n = LambdaEventJson.mapper().createObjectNode();
      n.put("errorMessage", getMessage());
      n.put("errorType", errorType);
      return n;
    }
  }

  private final SamTemplate template;
  private final LocalServices services;
  private final PrintStream log;
  private final Map<String, Object> handlers = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, Duration> coldStarts = new ConcurrentHashMap<>();
  private final Map<String, Duration> warmInvocations = new ConcurrentHashMap<>();

  LocalFunctions(SamTemplate template, LocalServices services, PrintStream log) {
    this.template = template;
    this.services = services;
    this.log = log;
  }

  /** Invokes {@code functionId} with {@code event}; returns its answer as JSON. */
  JsonNode invoke(String functionId, JsonNode event, String requestId) {
    SamTemplate.Function function =
        template
            .function(functionId)
            .orElseThrow(
                () -> new IllegalArgumentException("No function " + functionId + " in template"));
    synchronized (locks.computeIfAbsent(functionId, k -> new Object())) {
      long start = System.nanoTime();
      boolean cold = !handlers.containsKey(functionId);
      try {
        return invoke(function, handler(function), event, requestId);
      } finally {
        (cold ? coldStarts : warmInvocations)
            .put(functionId, Duration.ofNanos(System.nanoTime() - start));
      }
    }
  }

  private JsonNode invoke(
      SamTemplate.Function function, Object handler, JsonNode event, String requestId) {
    LocalContext context = new LocalContext(requestId, function, log);
    try {
      if (handler instanceof RequestStreamHandler stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.handleRequest(
            new ByteArrayInputStream(LambdaEventJson.mapper().writeValueAsBytes(event)),
            out,
            context);
        return out.size() == 0
            ? LambdaEventJson.mapper().nullNode()
            : LambdaEventJson.mapper().readTree(out.toByteArray());
      }
      @SuppressWarnings("unchecked")
      RequestHandler<Object, Object> h = (RequestHandler<Object, Object>) handler;
      Object input = LambdaEventJson.mapper().treeToValue(event, inputType(handler.getClass()));
      Object output = h.handleRequest(input, context);
      return LambdaEventJson.mapper().valueToTree(output);
    } catch (IOException e) {
      throw new FunctionException(
          e.getClass().getName(), "Could not read or write the event: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      throw new FunctionException(e.getClass().getName(), String.valueOf(e.getMessage()), e);
    }
  }

  /** Each function's first invocation in this JVM: building its handler, then the call. */
  Map<String, Duration> coldStarts() {
    return new LinkedHashMap<>(coldStarts);
  }

  /** Each function's latest later invocation. */
  Map<String, Duration> warmInvocations() {
    return new LinkedHashMap<>(warmInvocations);
  }

  private Object handler(SamTemplate.Function function) {
    return handlers.computeIfAbsent(function.logicalId(), id -> create(function));
  }

  private Object create(SamTemplate.Function function) {
    Class<?> type;
    try {
      type = Class.forName(function.handlerClass());
    } catch (ClassNotFoundException e) {
      throw new FunctionException(
          "ClassNotFoundException",
          function.handlerClass()
              + " ("
              + function.logicalId()
              + ") is not on the runner's class"
              + " path; rebuild with ./run-local",
          e);
    }
    // Each function through its own composition root, on this run's engines and keyring.
    if (type == ApiKeyAuthorizerHandler.class) {
      return AuthorizerFunction.builder()
          .config(services.config())
          .dynamoDb(services.dynamoDb())
          .build()
          .handler();
    }
    if (type == SealHandler.class) {
      return SealFunction.builder()
          .config(services.config())
          .dynamoDb(services.dynamoDb())
          .keyring(services.keyring())
          .build()
          .handler();
    }
    if (type == IntegrationsHandler.class) {
      return IntegrationsFunction.builder()
          .config(services.config())
          .dynamoDb(services.dynamoDb())
          .keyring(services.keyring())
          .build()
          .handler();
    }
    if (type == ProxyOutboundHandler.class) {
      return ProxyOutboundFunction.builder()
          .config(services.config())
          .dynamoDb(services.dynamoDb())
          .keyring(services.keyring())
          .build()
          .handler();
    }
    if (type == SiemDestinationsHandler.class) {
      return SiemDestinationsFunction.builder()
          .config(services.config())
          .settings(SiemSettings.from(services.config(), services.functionEnvironment()))
          .dynamoDb(services.dynamoDb())
          .keyring(services.keyring())
          .build()
          .handler();
    }
    if (type == TenantAdminHandler.class) {
      return TenantAdminFunction.builder()
          .config(services.config())
          .dynamoDb(services.dynamoDb())
          .keyring(services.keyring())
          .build()
          .handler();
    }
    if (type == AuditCheckpointHandler.class) {
      return AuditCheckpointFunction.builder()
          .config(services.config())
          .dynamoDb(services.dynamoDb())
          .keyring(services.keyring())
          .settings(AuditCheckpointFunction.settings(services.functionEnvironment()))
          .build()
          .handler();
    }
    if (type == SiemPushHandler.class) {
      return SiemPushFunction.builder()
          .config(services.config())
          .settings(SiemSettings.from(services.config(), services.functionEnvironment()))
          .dynamoDb(services.dynamoDb())
          .sqs(services.sqs())
          .keyring(services.keyring())
          .build()
          .handler();
    }
    throw new FunctionException(
        "UnknownFunction",
        type.getName()
            + " ("
            + function.logicalId()
            + ") has no composition root the local runner builds (LocalFunctions)",
        null);
  }

  /** The {@code I} of {@code RequestHandler<I, O>} as implemented by {@code type}. */
  static Class<?> inputType(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Type t : c.getGenericInterfaces()) {
        if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
          Type in = p.getActualTypeArguments()[0];
          if (in instanceof Class<?> k) {
            return k;
          }
          if (in instanceof ParameterizedType pk) {
            return (Class<?>) pk.getRawType();
          }
        }
      }
    }
    return Object.class;
  }
}
