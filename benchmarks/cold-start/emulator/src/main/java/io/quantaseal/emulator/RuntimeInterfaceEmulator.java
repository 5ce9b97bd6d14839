package io.quantaseal.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The AWS Lambda Runtime Interface Emulator ({@code aws-lambda-rie}, built with {@code go install
 * }{@value #GO_PACKAGE}): the Lambda service's side of the runtime API on 127.0.0.1. It starts the
 * runtime (here: a fresh JVM with {@link LambdaJavaRuntime}'s command line) on the first
 * invocation, so the first answer is a whole cold start: JVM start, the runtime interface client,
 * the handler's initialisation and the first invocation.
 */
public final class RuntimeInterfaceEmulator {
  /** What {@code go install} builds. */
  public static final String GO_PACKAGE =
      "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@latest";

  /** The binary's file name. */
  public static final String BINARY = "aws-lambda-rie";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final int START_ATTEMPTS = 3;

  private final Path binary;

  private RuntimeInterfaceEmulator(Path binary) {
    this.binary = binary;
  }

  /** The emulator at {@code binary}. */
  public static RuntimeInterfaceEmulator at(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalArgumentException(binary + " is not an executable " + BINARY);
    }
    return new RuntimeInterfaceEmulator(binary);
  }

  /** The first of {@code dirs} that holds an executable {@value #BINARY}. */
  public static Optional<RuntimeInterfaceEmulator> find(List<Path> dirs) {
    return dirs.stream()
        .map(d -> d.resolve(BINARY))
        .filter(Files::isExecutable)
        .findFirst()
        .map(RuntimeInterfaceEmulator::new);
  }

  /**
   * Builds the emulator into {@code dir} with {@code go install} (Go 1.22+); fails with the reason
   * when Go is missing or the build fails.
   */
  public static RuntimeInterfaceEmulator install(Path dir, Duration timeout) throws IOException {
    Path go =
        go().orElseThrow(
                () ->
                    new IllegalStateException(
                        "Go is not installed, so "
                            + BINARY
                            + " cannot be built (go install "
                            + GO_PACKAGE
                            + "): install Go 1.22+ or put "
                            + BINARY
                            + " in "
                            + dir));
    Files.createDirectories(dir);
    Path log = dir.resolve("go-install.log");
    ProcessBuilder pb =
        new ProcessBuilder(go.toString(), "install", GO_PACKAGE)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("GOBIN", dir.toAbsolutePath().toString());
    Process p = pb.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("go install " + GO_PACKAGE + " took over " + timeout);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + BINARY, e);
    }
    if (p.exitValue() != 0 || !Files.isExecutable(dir.resolve(BINARY))) {
      throw new IllegalStateException(
          "go install " + GO_PACKAGE + " failed:\n" + Files.readString(log));
    }
    return new RuntimeInterfaceEmulator(dir.resolve(BINARY));
  }

  /** {@code go} on the PATH, or in /usr/local/go/bin or ~/go/bin. */
  public static Optional<Path> go() {
    List<String> dirs =
        new ArrayList<>(
            List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    dirs.add("/usr/local/go/bin");
    dirs.add(System.getProperty("user.home") + "/go/bin");
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "go"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  public Path binary() {
    return binary;
  }

  /**
   * Makes {@code dir} a task root holding {@code jar} in {@code lib/} (a copy: a rebuild of the
   * original during a run does not change what is measured), as {@code sam build} lays out a Java
   * function and Lambda unpacks it in /var/task.
   */
  public static Path prepareTaskRoot(Path dir, Path jar) {
    try {
      Path lib = Files.createDirectories(dir.resolve("lib"));
      Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the task root " + dir, e);
    }
  }

  /**
   * Starts the emulator for {@code function}, whose task root ({@link #prepareTaskRoot}) is {@code
   * taskRoot}, writing its output and the function's to {@code log}; returns when it listens. The
   * runtime's JVM starts on the first {@link EmulatedFunction#invoke}.
   */
  public EmulatedFunction start(
      FunctionPackage function, LambdaJavaRuntime runtime, Path taskRoot, Path log)
      throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freePort();
      int runtimeApiPort = freePort();
      List<String> cmd = new ArrayList<>();
      cmd.add(binary.toString());
      cmd.add("--runtime-interface-emulator-address");
      cmd.add("127.0.0.1:" + port);
      cmd.add("--runtime-api-address");
      cmd.add("127.0.0.1:" + runtimeApiPort);
      cmd.addAll(runtime.command(function.memoryMb(), function.handler()));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(taskRoot.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.clear();
      env.putAll(
          LambdaJavaRuntime.environment(
              function.name(), function.memoryMb(), function.handler(), taskRoot));
      env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", String.valueOf(function.timeout().toSeconds()));
      env.putAll(function.environment());
      Process p = pb.start();
      EmulatedFunction f = new EmulatedFunction(function.name(), p, port, log);
      try {
        awaitPort(port, p);
        return f;
      } catch (IOException e) {
        f.close();
        last = e;
        if (!Files.readString(log).contains("address already in use")) {
          break;
        }
      }
    }
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void awaitPort(int port, Process p) throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException(BINARY + " exited with " + p.exitValue() + " before listening");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for " + BINARY, e);
        }
      }
    }
    throw new IOException(BINARY + " did not listen on 127.0.0.1:" + port + " in " + READY_TIMEOUT);
  }
}
