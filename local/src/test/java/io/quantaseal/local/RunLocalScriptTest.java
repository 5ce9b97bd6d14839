package io.quantaseal.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./run-local} script itself, on checkouts made in a temporary directory, with a {@code
 * mvn} and a {@code java} on the PATH that only record how they were called: a checkout copied with
 * its {@code local/target} (whose classpath.txt names the other tree's jars) builds its own and
 * runs only its own jars; a checkout whose build is its own runs without building.
 */
class RunLocalScriptTest {
  @TempDir Path dir;
  private Path bin;
  private Path m2Jar;

  @BeforeEach
  void fakeTools() throws IOException {
    dir = dir.toRealPath();
    bin = Files.createDirectories(dir.resolve("bin"));
    // mvn: records where it ran, then writes what `mvn package -pl local -am` writes for run-local.
    executable(
        bin.resolve("mvn"),
        "#!/usr/bin/env bash",
        "pwd -P >>\"$QS_TEST_LOG/mvn.calls\"",
        "mkdir -p local/target functions/common/target",
        "touch local/target/local-runner-0.1.0-SNAPSHOT.jar"
            + " functions/common/target/functions-common-0.1.0-SNAPSHOT.jar",
        "printf '%s' \"$PWD/functions/common/target/functions-common-0.1.0-SNAPSHOT.jar:$QS_TEST_M2_JAR\""
            + " >local/target/classpath.txt");
    // java: records its arguments, one per line.
    executable(
        bin.resolve("java"),
        "#!/usr/bin/env bash",
        "printf '%s\\n' \"$@\" >\"$QS_TEST_LOG/java.args\"");
    m2Jar = Files.createDirectories(dir.resolve("m2/org/example/lib/1.0")).resolve("lib-1.0.jar");
    Files.createFile(m2Jar);
  }

  private static void executable(Path file, String... lines) throws IOException {
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** A checkout at {@code root} that has been built (by the fake mvn, in that directory). */
  private Path builtCheckout(String name) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name));
    Files.copy(
        RepoRoot.find().resolve("run-local"),
        root.resolve("run-local"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Path log = Files.createDirectories(dir.resolve("log-" + name));
    assertEquals(0, runLocal(root, log), "the first run builds");
    assertEquals(List.of(root.toString()), Files.readAllLines(log.resolve("mvn.calls")));
    return root;
  }

  private int runLocal(Path root, Path log) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("run-local").toString(), "routes")
            .redirectErrorStream(true)
            .redirectOutput(log.resolve("run-local.out").toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("QS_TEST_LOG", log.toString());
    pb.environment().put("QS_TEST_M2_JAR", m2Jar.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "run-local did not finish");
    return p.exitValue();
  }

  private static String classpathOfTheRun(Path log) throws IOException {
    List<String> args = Files.readAllLines(log.resolve("java.args"));
    return args.get(args.indexOf("-cp") + 1);
  }

  @Test
  void copiedCheckout_buildsItsOwnAndRunsOnlyItsOwnJars() throws Exception {
    Path original = builtCheckout("original");
    Path copy = dir.resolve("copy");
    // cp -r: the copy's local/target/classpath.txt names the original's jars.
    copyTree(original, copy);
    // A stamp that says "nothing changed since the build" (a copy's file times say nothing).
    Files.setLastModifiedTime(
        copy.resolve("local/target/run-local.stamp"),
        FileTime.from(Instant.now().plus(1, ChronoUnit.HOURS)));
    assertTrue(
        Files.readString(copy.resolve("local/target/classpath.txt")).contains(original.toString()));

    Path log = Files.createDirectories(dir.resolve("log-copy"));
    assertEquals(0, runLocal(copy, log), Files.readString(log.resolve("run-local.out")));

    assertEquals(List.of(copy.toString()), Files.readAllLines(log.resolve("mvn.calls")));
    assertTrue(
        Files.readString(log.resolve("run-local.out"))
            .contains("names " + original + "/functions/common/target/..., not this checkout's"),
        Files.readString(log.resolve("run-local.out")));
    String classpath = classpathOfTheRun(log);
    assertFalse(classpath.contains(original + "/"), classpath);
    assertEquals(
        List.of(
            copy.resolve("local/target/local-runner-0.1.0-SNAPSHOT.jar").toString(),
            copy.resolve("functions/common/target/functions-common-0.1.0-SNAPSHOT.jar").toString(),
            m2Jar.toString()),
        List.of(classpath.split(":")));
    List<String> args = Files.readAllLines(log.resolve("java.args"));
    assertTrue(args.contains("-Dqs.repo.root=" + copy), args.toString());
    assertEquals("routes", args.get(args.size() - 1));
  }

  @Test
  void checkoutWithItsOwnBuild_runsWithoutBuilding() throws Exception {
    Path root = builtCheckout("only");
    Path log = Files.createDirectories(dir.resolve("log-again"));
    assertEquals(0, runLocal(root, log), Files.readString(log.resolve("run-local.out")));
    assertFalse(Files.exists(log.resolve("mvn.calls")), "no second build");
    assertFalse(classpathOfTheRun(log).contains(dir.resolve("original").toString()));
    assertTrue(classpathOfTheRun(log).startsWith(root + "/local/target/local-runner-"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
