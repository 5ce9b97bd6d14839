package io.quantaseal.local;

import io.quantaseal.fakedatadog.FakeDatadog;
import java.io.PrintStream;

/**
 * {@code ./run-local --fake-datadog}: the fake Datadog the tests use ({@link FakeDatadog}), with
 * any API key accepted but {@link #REJECTED_KEY}, and one console line per request saying what
 * arrived ({@link DatadogRequestSummary}; never a key). Point QuantaSeal at it with {@code
 * QS_DATADOG_BASE_URL_OVERRIDE}.
 */
public final class LocalFakeDatadog {
  /** The API key the fake refuses (403), as Datadog does a key of another org or site. */
  public static final String REJECTED_KEY = "invalid-datadog-key";

  private LocalFakeDatadog() {}

  /**
   * Listens on {@code port} of 127.0.0.1 (0: a free port) and prints to {@code log}.
   *
   * @throws java.io.UncheckedIOException when the port cannot be bound
   */
  public static FakeDatadog start(int port, PrintStream log) {
    return FakeDatadog.builder()
        .port(port)
        .acceptAnyApiKeyBut(REJECTED_KEY)
        .onRequest(r -> log.println(consoleLine(r)))
        .start();
  }

  /** {@code fake-datadog: POST /api/v2/logs -> 202 (3 logs: ddsource quantaseal ×3 (…))}. */
  static String consoleLine(FakeDatadog.ReceivedRequest r) {
    return "fake-datadog: "
        + ConsoleText.escape(r.method())
        + " "
        + ConsoleText.escape(r.decodedPath())
        + " -> "
        + r.status()
        + " ("
        + DatadogRequestSummary.of(r.path(), r.status(), r.jsonOrNull(), r.bytesReceived())
        + ")";
  }
}
