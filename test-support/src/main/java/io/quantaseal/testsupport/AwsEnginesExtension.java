package io.quantaseal.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** Runs an {@link AwsEnginesTest @AwsEnginesTest} once per engine; see there. */
public final class AwsEnginesExtension implements TestTemplateInvocationContextProvider {

  /**
   * Configuration parameter or system property restricting the engines: comma-separated {@code
   * local}, {@code localstack}.
   */
  public static final String ENGINES_PROPERTY = "qs.aws.engines";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AwsEnginesExtension.class);

  /** The engines an {@code @AwsEnginesTest} runs on. */
  enum Engine {
    LOCAL("local", "DynamoDB Local + moto", LocalEngines::start),
    LOCALSTACK("localstack", "LocalStack (Docker)", LocalStackEngines::start);

    final String id;
    final String description;
    final Supplier<AwsEngines> starter;

    Engine(String id, String description, Supplier<AwsEngines> starter) {
      this.id = id;
      this.description = description;
      this.starter = starter;
    }
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, AwsEnginesTest.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    return selectedEngines(context).stream().map(Invocation::new);
  }

  // A JUnit configuration parameter, which JUnit also reads from system properties.
  static List<Engine> selectedEngines(ExtensionContext context) {
    String property = context.getConfigurationParameter(ENGINES_PROPERTY).orElse("");
    if (property.isBlank()) {
      return List.of(Engine.values());
    }
    List<Engine> engines = new ArrayList<>();
    for (String id : property.split(",")) {
      String wanted = id.trim().toLowerCase(Locale.ROOT);
      engines.add(
          Arrays.stream(Engine.values())
              .filter(e -> e.id.equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          ENGINES_PROPERTY + ": unknown engine '" + id + "' (local, localstack)")));
    }
    return engines;
  }

  private static AwsEngines engines(ExtensionContext context, Engine engine) {
    // Root store: one instance per engine for the whole run, closed when the run ends.
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(engine, e -> new Holder(engine.starter.get()), Holder.class)
        .engines();
  }

  private record Holder(AwsEngines engines) implements AutoCloseable {
    @Override
    public void close() {
      engines.close();
    }
  }

  private static final class Invocation implements TestTemplateInvocationContext {
    private final Engine engine;

    Invocation(Engine engine) {
      this.engine = engine;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + engine.id + "] " + engine.description;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      List<Extension> extensions = new ArrayList<>();
      if (engine == Engine.LOCALSTACK) {
        extensions.add(new DockerAvailableCondition());
      }
      extensions.add(new Resolver(engine));
      return extensions;
    }
  }

  private static final class Resolver implements ParameterResolver, BeforeEachCallback {
    private final Engine engine;

    Resolver(Engine engine) {
      this.engine = engine;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      engines(context, engine).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == AwsEngines.class
          || type == DynamoDbClient.class
          || type == DynamoDbStreamsClient.class
          || type == KmsClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      AwsEngines aws = engines(context, engine);
      Class<?> type = parameter.getParameter().getType();
      if (type == DynamoDbClient.class) {
        return aws.dynamoDbClient();
      }
      if (type == DynamoDbStreamsClient.class) {
        return aws.dynamoDbStreamsClient();
      }
      if (type == KmsClient.class) {
        return aws.kmsClient();
      }
      return aws;
    }
  }
}
