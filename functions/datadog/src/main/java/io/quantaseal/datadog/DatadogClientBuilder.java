package io.quantaseal.datadog;

import io.quantaseal.common.config.EnvironmentNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The settings of a {@link DatadogClient}; every one has a default ({@link RetryPolicy#DEFAULT}).
 */
public final class DatadogClientBuilder {
  HttpClient httpClient;
  Duration connectTimeout = Duration.ofSeconds(3);
  Optional<URI> baseUrlOverride = Optional.empty();
  Sleeper sleeper = Sleeper.system();
  DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
  Clock clock = Clock.systemUTC();
  int gzipThreshold = 8 * 1024;
  String userAgent = "quantaseal/0.1 (+https://quantaseal.io)";
  private int maxAttempts = RetryPolicy.DEFAULT.maxAttempts();
  private Duration baseBackoff = RetryPolicy.DEFAULT.baseBackoff();
  private Duration maxBackoff = RetryPolicy.DEFAULT.maxBackoff();
  private Duration maxRateLimitWait = RetryPolicy.DEFAULT.maxRateLimitWait();
  private Duration attemptTimeout = RetryPolicy.DEFAULT.attemptTimeout();
  private Duration minAttemptTime = RetryPolicy.DEFAULT.minAttemptTime();

  DatadogClientBuilder() {}

  /** Use this HTTP client instead of building one (its own timeouts then apply). */
  public DatadogClientBuilder httpClient(HttpClient client) {
    this.httpClient = Objects.requireNonNull(client);
    return this;
  }

  /** TCP/TLS connect timeout of the built client (default 3 s). */
  public DatadogClientBuilder connectTimeout(Duration d) {
    this.connectTimeout = positive(d, "connectTimeout");
    return this;
  }

  /**
   * Tests and local runs only: {@code scheme://host[:port]} that replaces both Datadog hosts (see
   * {@link EnvironmentNames#DATADOG_BASE_URL_OVERRIDE}).
   */
  public DatadogClientBuilder baseUrlOverride(Optional<URI> override) {
    this.baseUrlOverride = Objects.requireNonNull(override);
    return this;
  }

  public DatadogClientBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper);
    return this;
  }

  /** Source of uniform numbers in [0, 1) for the jitter. */
  public DatadogClientBuilder jitter(DoubleSupplier jitter) {
    this.jitter = Objects.requireNonNull(jitter);
    return this;
  }

  /** The clock a {@code Retry-After} date is measured against (default UTC system clock). */
  public DatadogClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return this;
  }

  /** Attempts per call, the first included (default 4). */
  public DatadogClientBuilder maxAttempts(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = n;
    return this;
  }

  /** Backoff ceiling after the first failure, doubled per attempt (default 100 ms). */
  public DatadogClientBuilder baseBackoff(Duration d) {
    this.baseBackoff = positive(d, "baseBackoff");
    return this;
  }

  /** Largest backoff ceiling (default 2 s). */
  public DatadogClientBuilder maxBackoff(Duration d) {
    this.maxBackoff = positive(d, "maxBackoff");
    return this;
  }

  /** Longest wait for an announced rate-limit reset (default 5 s). */
  public DatadogClientBuilder maxRateLimitWait(Duration d) {
    this.maxRateLimitWait = positive(d, "maxRateLimitWait");
    return this;
  }

  /** Longest single attempt (default 10 s; the deadline may cut it shorter). */
  public DatadogClientBuilder attemptTimeout(Duration d) {
    this.attemptTimeout = positive(d, "attemptTimeout");
    return this;
  }

  /** No attempt starts with less time than this left (default 100 ms). */
  public DatadogClientBuilder minAttemptTime(Duration d) {
    this.minAttemptTime = positive(d, "minAttemptTime");
    return this;
  }

  /** Bodies longer than this many bytes are gzipped where accepted (default 8 KiB). */
  public DatadogClientBuilder gzipThreshold(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("gzipThreshold must not be negative");
    }
    this.gzipThreshold = bytes;
    return this;
  }

  public DatadogClientBuilder userAgent(String ua) {
    this.userAgent = Objects.requireNonNull(ua);
    return this;
  }

  /**
   * @throws IllegalArgumentException when the override is anything but {@code scheme://host[:port]}
   */
  public DatadogClient build() {
    return new DatadogClient(this);
  }

  RetryPolicy retryPolicy() {
    return new RetryPolicy(
        maxAttempts, baseBackoff, maxBackoff, maxRateLimitWait, attemptTimeout, minAttemptTime);
  }

  private static Duration positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return d;
  }
}
