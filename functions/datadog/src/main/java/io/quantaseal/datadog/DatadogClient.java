package io.quantaseal.datadog;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Calls Datadog's API for one tenant key at a time, on {@link java.net.http.HttpClient} (built once
 * per container; thread-safe). Its parts, one job each:
 *
 * <ul>
 *   <li>{@link DatadogUrls}: only {@link DatadogEndpoint}s on a {@link DatadogSite}'s hosts are
 *       called; the deployment setting {@link EnvironmentNames#DATADOG_BASE_URL_OVERRIDE} (tests
 *       and local runs only) replaces scheme, host and port of both hosts.
 *   <li>{@link CredentialHeaders}: {@code DD-API-KEY} on every call, {@code DD-APPLICATION-KEY}
 *       only where an endpoint needs one (none of the current ones); a key that cannot be a header
 *       is a 400 before any request.
 *   <li>{@link GzipBody}: bodies over {@link DatadogClientBuilder#gzipThreshold(int)} bytes go with
 *       {@code Content-Encoding: gzip} where Datadog accepts it (series, logs).
 *   <li>{@link RetryLoop} with {@link RetryPolicy}, {@link RateLimitHeaders} and {@link
 *       RateLimitGate}: 429, 5xx and no answer are retried with exponential backoff and full
 *       jitter, a 429's announced reset is honoured up to a cap, nothing goes past the {@link
 *       Deadline}; any other status (403 included) is final at once.
 *   <li>{@link AttemptSender} and {@link CappedBodySubscriber}: one attempt, its answer kept up to
 *       {@link #MAX_RESPONSE_BYTES}.
 * </ul>
 *
 * An answer (any status) is a {@link DatadogResponse}; no answer at all is a {@link
 * DatadogUnreachableException} (502). Keys and bodies are never logged, and never in an exception
 * message.
 */
public final class DatadogClient {
  /** Longest response body kept; the rest is dropped (Datadog's answers are small). */
  public static final int MAX_RESPONSE_BYTES = CappedBodySubscriber.MAX_RESPONSE_BYTES;

  public static final String API_KEY_HEADER = CredentialHeaders.API_KEY;
  public static final String APPLICATION_KEY_HEADER = CredentialHeaders.APPLICATION_KEY;

  private final DatadogUrls urls;
  private final RetryLoop retries;
  private final int gzipThreshold;
  private final String userAgent;

  DatadogClient(DatadogClientBuilder b) {
    this.urls = DatadogUrls.of(b.baseUrlOverride);
    HttpClient http =
        b.httpClient != null ? b.httpClient : AttemptSender.defaultClient(b.connectTimeout);
    this.retries =
        new RetryLoop(
            new AttemptSender(http),
            b.retryPolicy(),
            new RateLimitGate(),
            b.sleeper,
            b.jitter,
            b.clock);
    this.gzipThreshold = b.gzipThreshold;
    this.userAgent = b.userAgent;
  }

  public static DatadogClientBuilder builder() {
    return new DatadogClientBuilder();
  }

  /** A builder with the configured override (tests then set a sleeper, budgets, …). */
  public static DatadogClientBuilder builder(QuantaSealConfig config) {
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
    return urls.url(site, endpoint);
  }

  /** The deployment's override, if any. */
  public Optional<URI> baseUrlOverride() {
    return urls.override();
  }

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
    CredentialHeaders.check(apiKey, "api_key");
    appKey.ifPresent(k -> CredentialHeaders.check(k, "app_key"));
    URI url = urls.url(site, endpoint);
    HttpRequest.Builder template = HttpRequest.newBuilder(url);
    template.header("Accept", "application/json");
    template.header("User-Agent", userAgent);
    template.header(CredentialHeaders.API_KEY, apiKey);
    if (endpoint.needsApplicationKey() && appKey.isPresent()) {
      template.header(CredentialHeaders.APPLICATION_KEY, appKey.get());
    }
    if ("http".equals(url.getScheme())) {
      template.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on plain loopback
    }
    if ("GET".equals(endpoint.method())) {
      template.GET();
    } else {
      byte[] body = (json == null ? "" : json).getBytes(StandardCharsets.UTF_8);
      template.header("Content-Type", "application/json");
      if (GzipBody.applies(endpoint, body.length, gzipThreshold)) {
        body = GzipBody.compress(body);
        template.header("Content-Encoding", "gzip");
      }
      template.method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    }
    return retries.call(endpoint, RateLimitGate.limit(endpoint, site, apiKey), template, deadline);
  }

  @Override
  public String toString() {
    return "DatadogClient[" + urls.override().map(u -> "override=" + u).orElse("sites") + "]";
  }
}
