package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassLoadLogTest {
  private static final ClassLoadLog LOG =
      ClassLoadLog.parse(
          List.of(
              "[14000000ns] java.lang.Object source: shared objects file",
              "[39000000ns] com.amazonaws.services.lambda.runtime.api.client.AWSLambda source: file:/rt/ric.jar",
              "[93000000ns] io.quantaseal.authorizer.ApiKeyAuthorizerHandler source: file:/task/lib/a.jar",
              "[95000000ns] java.lang.invoke.LambdaForm$MH/0x0000000800c01000 source: __JVM_LookupDefineClass__",
              "[2.345s][warning][os] not a class-load line",
              "[120000000ns] java.util.HexFormat source: shared objects file (top)"));

  @Test
  void counts_byUptime_andFromTheArchive() {
    assertEquals(5, LOG.size());
    assertEquals(3, LOG.countUntil(93_000_000));
    assertEquals(1, LOG.sharedUntil(93_000_000));
    assertEquals(2, LOG.sharedUntil(Long.MAX_VALUE));
  }

  @Test
  void loadedAt_findsAClassByName() {
    assertEquals(
        93_000_000L,
        LOG.loadedAt("io.quantaseal.authorizer.ApiKeyAuthorizerHandler").orElseThrow());
    assertTrue(LOG.loadedAt("io.quantaseal.Missing").isEmpty());
  }

  @Test
  void jvmOption_writesUptimeInNanoseconds() {
    assertEquals(
        "-Xlog:class+load=info:file=/tmp/x.classes:uptimenanos",
        ClassLoadLog.jvmOption(java.nio.file.Path.of("/tmp/x.classes")));
  }
}
