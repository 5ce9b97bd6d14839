package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a consumer gets the native SQLite library: a brand-new JVM with only the test classpath (no
 * {@code sqlite4java.library.path}, no {@code java.library.path}, nothing unpacked by a build)
 * starts DynamoDB Local, which extracts the library from its own jar.
 */
class DynamoDbLocalNativeLibraryIntegrationTest {

  @Test
  void freshJvm_withoutNativeProperties_extractsLibraryFromJarAndStarts(@TempDir Path tmp)
      throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-Dorg.sqlite.tmpdir=" + tmp,
                    NativeLibraryProbe.class.getName()))
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("sqlite4java.library.path=null"), output);
    assertTrue(output.contains("tables=[probe-table]"), output);
    assertTrue(output.contains("libsqlite4java"), "extracted into org.sqlite.tmpdir: " + output);
    assertTrue(output.contains("OK"), output);
  }
}
