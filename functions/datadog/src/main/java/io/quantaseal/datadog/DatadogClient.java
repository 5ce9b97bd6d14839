package io.quantaseal.datadog;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls Datadog's API for one tenant key at a time, on {@link java.net.http.HttpClient} (built once
 * per container; thread-safe).
 *
 * <ul>
 *   <li>Only {@link DatadogEndpoint}s on a {@link DatadogSite}'s hosts are called; nothing a tenant
 *       sends becomes part of a URL. The deployment setting {@link
 *       EnvironmentNames#DATADOG_BASE_URL_OVERRIDE} (tests and local runs only) replaces scheme,
 *       host and port of both hosts; the path stays.
 *   <li>{@code DD-API-KEY} on every call; {@code DD-APPLICATION-KEY} only where an endpoint needs
 *       one (none of the current ones).
 *   <li>Bodies over {@link Builder#gzipThreshold(int)} bytes are sent with {@code Content-Encoding:
 *       gzip} where Datadog accepts it (series, logs).
 *   <li>429, 5xx and connection failures/timeouts are retried, at most {@link
 *       Builder#maxAttempts(int)} attempts, with exponential backoff and full jitter; a 429's
 *       {@code X-RateLimit-Reset} or {@code Retry-After} is honoured up to {@link
 *       Builder#maxRateLimitWait(Duration)}. No attempt and no wait goes past the {@link Deadline}.
 *       Any other status (403 included) is final at once.
 *   <li>An answer (any status) is a {@link DatadogResponse}; no answer at all is a {@link
 *       DatadogUnreachableException} (502). If an earlier attempt was answered and a later one was
 *       not, the last answer is returned.
 * </ul>
 *
 * Keys and bodies are never logged, and never in an exception message.
 */
public final class DatadogClient {
  private static final Logger LOG = LoggerFactory.getLogger(DatadogClient.class);

  /** Longest response body kept; the rest is dropped (Datadog's answers are small). */
  public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

  public static final String API_KEY_HEADER = "DD-API-KEY";
  public static final String APPLICATION_KEY_HEADER = "DD-APPLICATION-KEY";

  /** Sleeps between attempts; tests pass one that records and returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
      return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
    }
  }

  private final HttpClient http;
  private final Optional<URI> baseUrlOverride;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final Duration maxRateLimitWait;
  private final Duration attemptTimeout;
  private final Duration minAttemptTime;
  private final int gzipThreshold;
  private final String userAgent;
  private final RateLimitGate rateLimits = new RateLimitGate();

  private DatadogClient(Builder b) {
    this.http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2)
                .build();
    this.baseUrlOverride = b.baseUrlOverride.map(DatadogClient::checkOverride);
    this.sleeper = b.sleeper;
    this.jitter = b.jitter;
    this.maxAttempts = b.maxAttempts;
    this.baseBackoff = b.baseBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRateLimitWait = b.maxRateLimitWait;
    this.attemptTimeout = b.attemptTimeout;
    this.minAttemptTime = b.minAttemptTime;
    this.gzipThreshold = b.gzipThreshold;
    this.userAgent = b.userAgent;
    baseUrlOverride.ifPresent(
        u ->
            LOG.warn(
                "Datadog calls are redirected to {} ({}); never set this in production",
                u,
                EnvironmentNames.DATADOG_BASE_URL_OVERRIDE));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with the configured override (tests then set a sleeper, budgets, …). */
  public static Builder builder(QuantaSealConfig config) {
    return builder().baseUrlOverride(config.datadogBaseUrlOverride().map(URI::create));
  }

  /** The client a function builds once per container: defaults, and the configured override. */
  public static DatadogClient fromConfig(QuantaSealConfig config) {
    return builder(config).build();
  }

  // ---- the API -----------------------------------------------------------------------------

  /** GET /api/v1/validate: 200 when the key is valid on this site, 403 when it is not. */
  public DatadogResponse validate(DatadogSite site, String apiKey, Deadline deadline) {
    return call(DatadogEndpoint.VALIDATE, site, apiKey, Optional.empty(), null, deadline);
  }

  /** POST /api/v1/events with an event object. */
  public DatadogResponse sendEvent(
      DatadogSite site, String apiKey, Optional<String> appKey, String json, Deadline deadline) {
    return call(DatadogEndpoint.EVENTS, site, apiKey, appKey, json, deadline);
  }

  /** POST /api/v2/series with a v2 series body ({@code {"series":[…]}}). */
  public DatadogResponse sendSeries(
      DatadogSite site, String apiKey, Optional<String> appKey, String json, Deadline deadline) {
    return call(DatadogEndpoint.SERIES, site, apiKey, appKey, json, deadline);
  }

  /** POST /api/v2/logs (logs intake) with one log object or an array of them. */
  public DatadogResponse sendLogs(
      DatadogSite site, String apiKey, Optional<String> appKey, String json, Deadline deadline) {
    return call(DatadogEndpoint.LOGS, site, apiKey, appKey, json, deadline);
  }

  /** The endpoint of {@code operation} with {@code json}. */
  public DatadogResponse send(
      DatadogOperation operation,
      DatadogSite site,
      String apiKey,
      Optional<String> appKey,
      String json,
      Deadline deadline) {
    return call(operation.endpoint(), site, apiKey, appKey, json, deadline);
  }

  /** The URL this client calls for {@code endpoint} on {@code site}. */
  public URI url(DatadogSite site, DatadogEndpoint endpoint) {
    URI base = endpoint.host() == DatadogEndpoint.Host.LOGS ? site.logsBase() : site.apiBase();
    if (baseUrlOverride.isPresent()) {
      base = baseUrlOverride.get();
    }
    try {
      return new URI(
          base.getScheme(), null, base.getHost(), base.getPort(), endpoint.path(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad Datadog URL", e);
    }
  }

  /** The deployment's override, if any. */
  public Optional<URI> baseUrlOverride() {
    return baseUrlOverride;
  }

  // ---- one call, with retries ----------------------------------------------------------------

  /** Calls {@code endpoint}; {@code json} is the body for POSTs (null for GET). */
  public DatadogResponse call(
      DatadogEndpoint endpoint,
      DatadogSite site,
      String apiKey,
      Optional<String> appKey,
      String json,
      Deadline deadline) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(deadline, "deadline");
    checkHeaderValue(apiKey, "api_key");
    appKey.ifPresent(k -> checkHeaderValue(k, "app_key"));
    HttpRequest.Builder template = HttpRequest.newBuilder(url(site, endpoint));
    template.header("Accept", "application/json");
    template.header("User-Agent", userAgent);
    template.header(API_KEY_HEADER, apiKey);
    if (endpoint.needsApplicationKey() && appKey.isPresent()) {
      template.header(APPLICATION_KEY_HEADER, appKey.get());
    }
    if ("http".equals(url(site, endpoint).getScheme())) {
      template.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain loopback
    }
    if ("GET".equals(endpoint.method())) {
      template.GET();
    } else {
      byte[] body = (json == null ? "" : json).getBytes(StandardCharsets.UTF_8);
      template.header("Content-Type", "application/json");
      if (endpoint.acceptsGzip() && body.length > gzipThreshold) {
        body = gzip(body);
        template.header("Content-Encoding", "gzip");
      }
      template.method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return withRetries(endpoint, RateLimitGate.limit(endpoint, site, apiKey), template, deadline);
  }

  private DatadogResponse withRetries(
      DatadogEndpoint endpoint, String limit, HttpRequest.Builder template, Deadline deadline) {
    Deadline.Ticker ticker = deadline.ticker();
    long start = ticker.nanoTime();
    int attempts = 0;
    HttpResponse<byte[]> last = null;
    String lastFailure = "no time left to try";
    // The gate's closure this call already slept through in its own backoff (a 429 it received):
    // the gate does not make it wait for that closure twice.
    long waitedOutUntil = ticker.nanoTime();
    while (true) {
      Duration remaining = deadline.remaining();
      if (remaining.compareTo(minAttemptTime) < 0) {
        break;
      }
      // Another call of this key and endpoint was told to wait: wait too, if the deadline allows.
      Duration closed = rateLimits.wait(limit, ticker.nanoTime(), waitedOutUntil);
      if (!closed.isZero()) {
        Duration capped = closed.compareTo(maxRateLimitWait) < 0 ? closed : maxRateLimitWait;
        if (remaining.minus(capped).compareTo(minAttemptTime) < 0) {
          lastFailure = "rate limited until after the deadline";
          break;
        }
        try {
          sleeper.sleep(capped);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          lastFailure = "interrupted";
          break;
        }
        remaining = deadline.remaining();
        if (remaining.compareTo(minAttemptTime) < 0) {
          break;
        }
      }
      Duration timeout = remaining.compareTo(attemptTimeout) < 0 ? remaining : attemptTimeout;
      attempts++;
      long attemptStart = ticker.nanoTime();
      HttpResponse<byte[]> response = null;
      try {
        response = sendOnce(template.copy().timeout(timeout).build(), timeout);
        last = response;
      } catch (IOException | TimeoutException e) {
        lastFailure = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lastFailure = "interrupted";
        break;
      }
      long attemptMs = millisSince(ticker, attemptStart);
      long ownClosureUntil = 0;
      Duration ownClosure = Duration.ZERO;
      if (response != null) {
        Optional<Duration> closes =
            RateLimitGate.closes(
                response.statusCode(),
                announcedWait(response),
                response.headers().firstValue("X-RateLimit-Remaining"));
        if (closes.isPresent()) {
          Duration c =
              closes.get().compareTo(maxRateLimitWait) < 0 ? closes.get() : maxRateLimitWait;
          ownClosureUntil = rateLimits.close(limit, c, ticker.nanoTime());
          ownClosure = c;
        }
        LOG.debug(
            "datadog {} attempt {} -> {} in {} ms",
            endpoint,
            attempts,
            response.statusCode(),
            attemptMs);
        if (!retryable(response.statusCode())) {
          return toResponse(response, ticker, start, attempts);
        }
      } else {
        LOG.debug(
            "datadog {} attempt {} -> {} after {} ms", endpoint, attempts, lastFailure, attemptMs);
      }
      if (attempts >= maxAttempts) {
        break;
      }
      Duration wait = backoff(attempts, response);
      if (deadline.remaining().minus(wait).compareTo(minAttemptTime) < 0) {
        break;
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lastFailure = "interrupted";
        break;
      }
      if (!ownClosure.isZero() && wait.compareTo(ownClosure) >= 0) {
        // This backoff (after a 429, at least its announced reset) outlasted the closure that
        // answer set: the gate does not hold this call for it again.
        waitedOutUntil = ownClosureUntil;
      }
    }
    long elapsed = millisSince(ticker, start);
    if (last != null) {
      LOG.info(
          "datadog {} gave up after {} attempt(s) in {} ms; last status {}",
          endpoint,
          attempts,
          elapsed,
          last.statusCode());
      return toResponse(last, ticker, start, attempts);
    }
    LOG.warn(
        "datadog {} unreachable after {} attempt(s) in {} ms ({})",
        endpoint,
        attempts,
        elapsed,
        lastFailure);
    throw new DatadogUnreachableException(
        "Datadog could not be reached ("
            + endpoint.path()
            + ": "
            + lastFailure
            + " after "
            + attempts
            + " attempt(s) in "
            + elapsed
            + " ms).",
        attempts,
        elapsed);
  }

  private HttpResponse<byte[]> sendOnce(HttpRequest request, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, info -> cappedBody(MAX_RESPONSE_BYTES));
    try {
      // The request timeout covers the headers; this bound covers the body as well.
      return future.get(
          timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause == null ? "failed" : cause.getClass().getSimpleName());
    } catch (TimeoutException | InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * Full jitter: a uniform wait in [0, min(maxBackoff, base·2^(attempt−1))]; after a 429 at least
   * the announced reset (X-RateLimit-Reset, else Retry-After), capped at maxRateLimitWait.
   */
  Duration backoff(int attempt, HttpResponse<byte[]> response) {
    long ceiling = baseBackoff.toNanos() << Math.min(attempt - 1, 20);
    ceiling = Math.min(ceiling <= 0 ? Long.MAX_VALUE : ceiling, maxBackoff.toNanos());
    long wait = (long) (jitter.getAsDouble() * ceiling);
    if (response != null && response.statusCode() == 429) {
      Optional<Duration> announced = announcedWait(response);
      if (announced.isPresent()) {
        long capped = Math.min(announced.get().toNanos(), maxRateLimitWait.toNanos());
        wait = Math.max(wait, capped);
      }
    }
    return Duration.ofNanos(Math.max(0, wait));
  }

  /** Datadog's X-RateLimit-Reset (seconds until the period resets), else Retry-After. */
  static Optional<Duration> announcedWait(HttpResponse<?> response) {
    Optional<String> reset = response.headers().firstValue("X-RateLimit-Reset");
    if (reset.isPresent()) {
      Optional<Duration> d = seconds(reset.get());
      if (d.isPresent()) {
        return d;
      }
    }
    Optional<String> retryAfter = response.headers().firstValue("Retry-After");
    if (retryAfter.isPresent()) {
      Optional<Duration> d = seconds(retryAfter.get());
      if (d.isPresent()) {
        return d;
      }
      try {
        ZonedDateTime at =
            ZonedDateTime.parse(retryAfter.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<Duration> seconds(String value) {
    try {
      double s = Double.parseDouble(value.trim());
      if (Double.isNaN(s) || s < 0 || s > 86_400) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofMillis((long) (s * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static DatadogResponse toResponse(
      HttpResponse<byte[]> r, Deadline.Ticker ticker, long start, int attempts) {
    return new DatadogResponse(
        r.statusCode(),
        new String(r.body(), StandardCharsets.UTF_8),
        r.headers().map(),
        millisSince(ticker, start),
        attempts);
  }

  private static long millisSince(Deadline.Ticker ticker, long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - startNanos);
  }

  private static void checkHeaderValue(String key, String field) {
    if (key == null || key.isEmpty() || key.length() > 1024) {
      throw new InvalidRequestException("The sealed credential has no usable '" + field + "'.");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new InvalidRequestException(
            "The sealed credential's '" + field + "' cannot be sent in an HTTP header.");
      }
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static URI checkOverride(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || u.getHost() == null
        || u.getRawUserInfo() != null
        || u.getRawQuery() != null
        || u.getRawFragment() != null
        || !(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))) {
      throw new IllegalArgumentException(
          EnvironmentNames.DATADOG_BASE_URL_OVERRIDE
              + " must be scheme://host[:port] with nothing else");
    }
    try {
      return new URI(scheme, null, u.getHost(), u.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE, e);
    }
  }

  /** Reads at most {@code max} bytes of the body and drops the rest. */
  private static HttpResponse.BodySubscriber<byte[]> cappedBody(int max) {
    CappedSubscriber s = new CappedSubscriber(max);
    return HttpResponse.BodySubscribers.fromSubscriber(s, CappedSubscriber::bytes);
  }

  private static final class CappedSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    CappedSubscriber(int max) {
      this.max = max;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        int room = max - out.size();
        int n = Math.min(room, b.remaining());
        if (n > 0) {
          byte[] chunk = new byte[n];
          b.get(chunk);
          out.write(chunk, 0, n);
        }
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // the future completes exceptionally; nothing to keep
    }

    @Override
    public void onComplete() {
      // bytes() is called next
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  @Override
  public String toString() {
    return "DatadogClient[" + baseUrlOverride.map(u -> "override=" + u).orElse("sites") + "]";
  }

  /** Settings; every one has a default. */
  public static final class Builder {
    private HttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Optional<URI> baseUrlOverride = Optional.empty();
    private Sleeper sleeper = Sleeper.system();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private int maxAttempts = 4;
    private Duration baseBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(2);
    private Duration maxRateLimitWait = Duration.ofSeconds(5);
    private Duration attemptTimeout = Duration.ofSeconds(10);
    private Duration minAttemptTime = Duration.ofMillis(100);
    private int gzipThreshold = 8 * 1024;
    private String userAgent = "quantaseal/0.1 (+https://quantaseal.io)";

    private Builder() {}

    /** Use this HTTP client instead of building one (its own timeouts then apply). */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client);
      return this;
    }

    /** TCP/TLS connect timeout of the built client (default 3 s). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /**
     * Tests and local runs only: {@code scheme://host[:port]} that replaces both Datadog hosts (see
     * {@link EnvironmentNames#DATADOG_BASE_URL_OVERRIDE}).
     */
    public Builder baseUrlOverride(Optional<URI> override) {
      this.baseUrlOverride = Objects.requireNonNull(override);
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /** Source of uniform numbers in [0, 1) for the jitter. */
    public Builder jitter(DoubleSupplier jitter) {
      this.jitter = Objects.requireNonNull(jitter);
      return this;
    }

    /** Attempts per call, the first included (default 4). */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1");
      }
      this.maxAttempts = n;
      return this;
    }

    /** Backoff ceiling after the first failure, doubled per attempt (default 100 ms). */
    public Builder baseBackoff(Duration d) {
      this.baseBackoff = positive(d, "baseBackoff");
      return this;
    }

    /** Largest backoff ceiling (default 2 s). */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = positive(d, "maxBackoff");
      return this;
    }

    /** Longest wait for an announced rate-limit reset (default 5 s). */
    public Builder maxRateLimitWait(Duration d) {
      this.maxRateLimitWait = positive(d, "maxRateLimitWait");
      return this;
    }

    /** Longest single attempt (default 10 s; the deadline may cut it shorter). */
    public Builder attemptTimeout(Duration d) {
      this.attemptTimeout = positive(d, "attemptTimeout");
      return this;
    }

    /** No attempt starts with less time than this left (default 100 ms). */
    public Builder minAttemptTime(Duration d) {
      this.minAttemptTime = positive(d, "minAttemptTime");
      return this;
    }

    /** Bodies longer than this many bytes are gzipped where accepted (default 8 KiB). */
    public Builder gzipThreshold(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("gzipThreshold must not be negative");
      }
      this.gzipThreshold = bytes;
      return this;
    }

    public Builder userAgent(String ua) {
      this.userAgent = Objects.requireNonNull(ua);
      return this;
    }

    public DatadogClient build() {
      return new DatadogClient(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
