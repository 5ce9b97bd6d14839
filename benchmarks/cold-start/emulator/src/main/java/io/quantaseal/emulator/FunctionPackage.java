package io.quantaseal.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A function as Lambda would run it: its name, handler ({@code class::method}), memory, timeout,
 * the jar {@code sam build} ships and the environment template.yaml gives it (plus, locally, the
 * endpoints of the engines standing in for AWS).
 */
public record FunctionPackage(
    String name,
    String handler,
    int memoryMb,
    Duration timeout,
    Path jar,
    Map<String, String> environment) {
  public FunctionPackage {
    environment = Map.copyOf(environment);
  }
}
