package io.quantaseal.siem;

import io.quantaseal.testsupport.LocalEngines;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link LocalEngines} (DynamoDB Local in process + moto for KMS and SQS) for the whole test
 * run, stopped at its end; tests isolate themselves with their own table names and queues.
 */
final class SharedEngines implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedEngines.class);

  private record Holder(LocalEngines engines) implements AutoCloseable {
    @Override
    public void close() {
      engines.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
    return p.getParameter().getType() == LocalEngines.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext c) {
    return c.getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("engines", k -> new Holder(LocalEngines.start()), Holder.class)
        .engines();
  }
}
