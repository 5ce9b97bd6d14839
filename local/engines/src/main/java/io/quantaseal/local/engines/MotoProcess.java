package io.quantaseal.local.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code moto_server -H 127.0.0.1 -p <free port>}) as a child process from a Python
 * venv: started, awaited until it answers, stopped by {@link #close()} (and by a shutdown hook).
 * The one starter shared by the local runner (its SQS queues) and test-support's {@code MotoServer}
 * (KMS and SQS in tests). {@code scripts/ensure-venv.sh} creates the venv with the pinned moto.
 */
public final class MotoProcess implements AutoCloseable {
  /** The script that creates the venv, relative to the repository root. */
  public static final String ENSURE_VENV_SCRIPT = "scripts/ensure-venv.sh";

  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final URI endpoint;
  private final Path log;
  private final Thread shutdownHook;

  private MotoProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.log = log;
    this.shutdownHook = new Thread(process::destroyForcibly, "moto-server-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** {@code <venv>/bin/moto_server} (Scripts\moto_server.exe on Windows). */
  public static Path motoServer(Path venv) {
    return bin(venv).resolve(windows() ? "moto_server.exe" : "moto_server");
  }

  /** {@code <venv>/bin/python}. */
  public static Path python(Path venv) {
    return bin(venv).resolve(windows() ? "python.exe" : "python");
  }

  /** Whether {@code venv} has moto's server. */
  public static boolean installed(Path venv) {
    return Files.isExecutable(motoServer(venv)) && Files.isExecutable(python(venv));
  }

  /**
   * Starts {@code moto_server} of {@code venv}, or {@code <venv python> script} when {@code script}
   * is given (a wrapper that adds checks and then runs moto's server with the same arguments).
   *
   * @throws IllegalStateException when moto is not installed there or does not answer in time
   */
  public static MotoProcess start(Path venv, Optional<Path> script, Duration timeout) {
    if (!installed(venv)) {
      throw new IllegalStateException(
          "moto is not installed: "
              + motoServer(venv)
              + " is missing. Run "
              + ENSURE_VENV_SCRIPT
              + " at the repository root (it creates .venv with the pinned moto[server]).");
    }
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      int port = freeLoopbackPort();
      List<String> command = new ArrayList<>();
      if (script.isPresent()) {
        command.add(python(venv).toString());
        command.add(script.get().toString());
      } else {
        command.add(motoServer(venv).toString());
      }
      command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
      Path log = tempFile("moto-" + port + "-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("PYTHONUNBUFFERED", "1");
      pb.environment().put("MOTO_PORT", Integer.toString(port));
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot run " + command, e);
      }
      try {
        awaitReady(process, port, log, timeout);
        return new MotoProcess(process, port, log);
      } catch (IllegalStateException e) {
        stop(process);
        last = e;
        boolean portRace = readQuietly(log).contains("Address already in use");
        deleteQuietly(log);
        if (!portRace) {
          break; // retrying will not help
        }
      }
    }
    throw last;
  }

  /** The port, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint override of any AWS client. */
  public URI endpoint() {
    return endpoint;
  }

  /** The server's output, for diagnosis. */
  public Path log() {
    return log;
  }

  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and deletes its log. */
  @Override
  public void close() {
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    deleteQuietly(log);
  }

  @Override
  public String toString() {
    return "MotoProcess[" + endpoint + "]";
  }

  private static void awaitReady(Process process, int port, Path log, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/moto-api/"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto_server exited with " + process.exitValue() + ":\n" + readQuietly(log));
      }
      try {
        http.send(probe, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for moto_server", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for moto_server", e);
      }
    }
    throw new IllegalStateException(
        "moto_server did not answer on 127.0.0.1:"
            + port
            + " within "
            + timeout
            + ":\n"
            + readQuietly(log));
  }

  private static void stop(Process process) {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  /** A free port on 127.0.0.1 (free when asked; another process may take it). */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    }
  }

  private static Path bin(Path venv) {
    return venv.resolve(windows() ? "Scripts" : "bin");
  }

  private static boolean windows() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static Path tempFile(String prefix, String suffix) {
    try {
      return Files.createTempFile(prefix, suffix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temp file", e);
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temp file left behind is harmless
    }
  }
}
