package io.quantaseal.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link EnabledIfDockerAvailable}: enabled when Testcontainers finds a Docker
 * daemon, disabled with a visible reason otherwise. The answer is computed once per test run (kept
 * in the root store).
 */
public final class DockerAvailableCondition implements ExecutionCondition {

  /** The reason JUnit shows for the skipped tests. */
  public static final String SKIP_REASON =
      "Docker not available: LocalStack tests skipped (Testcontainers found no Docker daemon)";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DockerAvailableCondition.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    boolean available =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                "docker-available", k -> LocalStackEngines.dockerAvailable(), Boolean.class);
    return available
        ? ConditionEvaluationResult.enabled("Docker available")
        : ConditionEvaluationResult.disabled(SKIP_REASON);
  }
}
