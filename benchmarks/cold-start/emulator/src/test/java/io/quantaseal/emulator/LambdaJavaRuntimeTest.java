package io.quantaseal.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaJavaRuntimeTest {
  @Test
  void heap_is85PercentOfTheMemory_asTheRuntimePassesIt() {
    // The java17 runtime at 1024 MB passes -XX:MaxHeapSize=891289k (see the class comment).
    assertEquals(891_289, LambdaJavaRuntime.maxHeapKib(1024));
    assertEquals(445_644, LambdaJavaRuntime.maxHeapKib(512));
  }

  @Test
  void command_isTheRuntimesFlagsThenExtrasThenClassPathMainAndHandler() {
    LambdaJavaRuntime runtime =
        new LambdaJavaRuntime(
            Path.of("/jdk/bin/java"),
            List.of(Path.of("/rt/core.jar"), Path.of("/rt/ric.jar")),
            Optional.of(Path.of("/rt/jni/lib.so")),
            List.of("-Xlog:class+load"));
    List<String> cmd = runtime.command(1769, "a.b.Handler::handleRequest");
    assertEquals("/jdk/bin/java", cmd.get(0));
    assertEquals("-XX:MaxHeapSize=" + (1769 * 1024 * 85 / 100) + "k", cmd.get(1));
    assertTrue(cmd.contains("-XX:TieredStopAtLevel=1"), cmd.toString());
    assertTrue(cmd.contains("-XX:+UseSerialGC"), cmd.toString());
    assertTrue(cmd.contains("-D" + LambdaJavaRuntime.JNI_PROPERTY + "=/rt/jni/lib.so"));
    int extra = cmd.indexOf("-Xlog:class+load");
    int cp = cmd.indexOf("-classpath");
    assertTrue(extra > 0 && extra < cp, cmd.toString());
    assertEquals("/rt/core.jar" + File.pathSeparator + "/rt/ric.jar", cmd.get(cp + 1));
    assertEquals(
        List.of(LambdaJavaRuntime.RUNTIME_CLIENT_MAIN, "a.b.Handler::handleRequest"),
        cmd.subList(cmd.size() - 2, cmd.size()));
  }

  @Test
  void environment_isTheRuntimes() {
    Map<String, String> env =
        LambdaJavaRuntime.environment("SealFunction", 1024, "a.B::handleRequest", Path.of("/task"));
    assertEquals(":UTC", env.get("TZ"));
    assertEquals("/task", env.get("LAMBDA_TASK_ROOT"));
    assertEquals("a.B::handleRequest", env.get("_HANDLER"));
    assertEquals("AWS_Lambda_java21", env.get("AWS_EXECUTION_ENV"));
    assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
    assertEquals("SealFunction", env.get("AWS_LAMBDA_FUNCTION_NAME"));
  }
}
