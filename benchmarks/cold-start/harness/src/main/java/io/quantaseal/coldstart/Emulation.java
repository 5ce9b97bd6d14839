package io.quantaseal.coldstart;

import io.quantaseal.emulator.EmulatedFunction;
import io.quantaseal.emulator.FunctionPackage;
import io.quantaseal.emulator.LambdaJavaRuntime;
import io.quantaseal.emulator.RuntimeInterfaceEmulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts functions the way the harness runs all of them: in the Runtime Interface Emulator, with
 * the Java runtime's command line ({@link LambdaJavaRuntime}) plus {@code -XX:MaxRAM} set to the
 * function's memory, which is how much memory the JVM's ergonomics see in Lambda's sandbox (its
 * initial heap is 1/64 of it; on this machine it would otherwise be 1/64 of the host's RAM).
 */
final class Emulation {
  private final RuntimeInterfaceEmulator emulator;
  private final LambdaJavaRuntime runtime;

  Emulation(RuntimeInterfaceEmulator emulator, LambdaJavaRuntime runtime) {
    this.emulator = emulator;
    this.runtime = runtime;
  }

  RuntimeInterfaceEmulator emulator() {
    return emulator;
  }

  LambdaJavaRuntime runtime() {
    return runtime;
  }

  /** The JVM options the harness adds to the runtime's for a function of {@code memoryMb}. */
  static List<String> sandboxOptions(int memoryMb) {
    return List.of("-XX:MaxRAM=" + memoryMb + "m");
  }

  /**
   * Starts {@code function} (its JVM starts on the first invocation), with {@code extra} options.
   */
  EmulatedFunction start(FunctionPackage function, Path taskRoot, Path log, List<String> extra)
      throws IOException {
    List<String> options = new ArrayList<>(sandboxOptions(function.memoryMb()));
    options.addAll(extra);
    return emulator.start(function, runtime.withExtraJvmOptions(options), taskRoot, log);
  }
}
