package io.quantaseal.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A client of one QuantaSeal API with one API key (docs/clients.md). Operations are grouped as in
 * the API: {@link #vault()}, {@link #encryption()}, {@link #integrations()}, {@link #proxy()},
 * {@link #siem()}, {@link #tenant()}. Answers that are envelopes (unseal, proxy, {@link
 * Encryption#decrypt(String)}) need a client key: {@link #withClientKey(ClientKey)} returns a
 * client that holds one. They are verified (ML-DSA-65 and HMAC-SHA-512, both always), bound to
 * their request (the envelope's {@code rid} is the answer's {@code X-Request-Id}, its {@code rkid}
 * the held key) and decrypted before they are returned.
 *
 * <pre>{@code
 * QuantaSealClient qs = QuantaSealClient.fromEnvironment();       // QS_URL, QS_API_KEY
 * ClientKey key = qs.encryption().createClientKey();               // key.save(path) to keep it
 * qs = qs.withClientKey(key);
 * VaultEntry entry = qs.vault().seal(
 *     SealRequest.builder(CredentialType.API_KEY).values(Map.of("api_key", ddKey)).build());
 * Integration integ = qs.integrations().create(
 *     CreateIntegrationRequest.builder(entry.vaultEntryId(), IntegrationConfig.site("datadoghq.com"))
 *         .allowedOperations(List.of(DatadogOperation.SEND_EVENT)).build());
 * ProxyAnswer answer = qs.proxy().outbound(integ.integrationId(), DatadogEvent.of("t", "x"));
 * answer.upstream().status();
 * }</pre>
 *
 * <p>Errors: {@link QuantaSealApiException} (status, code, message, request id) and the rest of
 * {@link QuantaSealClientException}'s hierarchy. Retries follow {@link RetryPolicy}. Immutable and
 * thread-safe; {@link #toString()} never shows the API key.
 */
public final class QuantaSealClient {
  private final Context context;
  private final SecureRandom random;
  private final Vault vault;
  private final Encryption encryption;
  private final Integrations integrations;
  private final Proxy proxy;
  private final Siem siem;
  private final Tenant tenant;

  private QuantaSealClient(Context context, SecureRandom random) {
    this.context = context;
    this.random = random;
    this.vault = new Vault(context);
    this.encryption = new Encryption(context, random);
    this.integrations = new Integrations(context);
    this.proxy = new Proxy(context);
    this.siem = new Siem(context);
    this.tenant = new Tenant(context);
  }

  /**
   * A builder for a client of the API at {@code baseUrl}.
   *
   * @param baseUrl e.g. {@code http://127.0.0.1:8080} or the stack's {@code ApiUrl}
   * @param apiKey {@code qs_live_…} or {@code qs_test_…}
   * @return the builder
   */
  public static Builder builder(URI baseUrl, String apiKey) {
    return new Builder(baseUrl, apiKey);
  }

  /**
   * A client of the API named by the environment's {@code QS_URL} and {@code QS_API_KEY}.
   *
   * @return the client, with the default settings
   * @throws ConfigurationException if a variable is missing or {@code QS_URL} is not an http(s) URL
   */
  public static QuantaSealClient fromEnvironment() {
    String url = System.getenv("QS_URL");
    String key = System.getenv("QS_API_KEY");
    if (url == null || url.isEmpty()) {
      throw new ConfigurationException("no base URL: set QS_URL or use QuantaSealClient.builder");
    }
    if (key == null || key.isEmpty()) {
      throw new ConfigurationException(
          "no API key: set QS_API_KEY or use QuantaSealClient.builder");
    }
    return builder(URI.create(url), key).build();
  }

  /**
   * Sealed credentials (tag {@code vault}).
   *
   * @return the vault operations
   */
  public Vault vault() {
    return vault;
  }

  /**
   * Client keys, server keys and {@code decrypt} (tag {@code encryption}).
   *
   * @return the encryption operations
   */
  public Encryption encryption() {
    return encryption;
  }

  /**
   * Datadog integrations (tag {@code integrations}).
   *
   * @return the integration operations
   */
  public Integrations integrations() {
    return integrations;
  }

  /**
   * The outbound proxy (tag {@code proxy}).
   *
   * @return the proxy operations
   */
  public Proxy proxy() {
    return proxy;
  }

  /**
   * SIEM destinations (tag {@code siem}).
   *
   * @return the SIEM operations
   */
  public Siem siem() {
    return siem;
  }

  /**
   * The tenant's own API keys and audit trail (tag {@code tenant}; scope {@code admin}).
   *
   * @return the tenant operations
   */
  public Tenant tenant() {
    return tenant;
  }

  /**
   * The base URL requests go to.
   *
   * @return the URL, without a trailing slash
   */
  public String baseUrl() {
    return context.transport().baseUrl();
  }

  /**
   * A client that holds {@code key}: its unseal and proxy requests name it ({@code rkid}) and it
   * opens the envelopes sent to it. It shares this client's connections and server-key cache. The
   * key must have been registered with this client's API key: the service seals only to client keys
   * of the calling API key.
   *
   * @param key the client key
   * @return the client
   */
  public QuantaSealClient withClientKey(ClientKey key) {
    return new QuantaSealClient(context.withClientKey(Objects.requireNonNull(key, "key")), random);
  }

  /**
   * The client key this client opens envelopes with.
   *
   * @return the key, or null when it holds none
   */
  public ClientKey clientKey() {
    return context.clientKey();
  }

  /**
   * The base URL and the client key's ids; never the API key.
   *
   * @return {@code QuantaSealClient[…, api key redacted]}
   */
  @Override
  public String toString() {
    return "QuantaSealClient["
        + baseUrl()
        + ", clientKey="
        + context.clientKey()
        + ", api key redacted]";
  }

  /** Configures a {@link QuantaSealClient}. */
  public static final class Builder {
    private final URI baseUrl;
    private final String apiKey;
    private HttpClient http;
    private Duration timeout = Duration.ofSeconds(35);
    private RetryPolicy retry = RetryPolicy.defaults();
    private Duration maxClockSkew = Duration.ofSeconds(300);
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private ClientKey clientKey;
    private Transport.Sleeper sleeper =
        d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    private DoubleSupplier jitter = Transport.defaultJitter();

    private Builder(URI baseUrl, String apiKey) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    /**
     * The HTTP client to send with (proxies, custom trust); by default one with a 10 s connect
     * timeout that does not follow redirects.
     *
     * @param http the client
     * @return this builder
     */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * How long one HTTP attempt may take; 35 s by default (the proxy waits for Datadog).
     *
     * @param timeout the timeout of each attempt
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * The retry settings; {@link RetryPolicy#defaults()} by default.
     *
     * @param retry the policy ({@link RetryPolicy#none()} turns retries off)
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * How far an envelope's {@code iat} may be from now, either way; 300 s by default.
     *
     * @param skew the allowed skew
     * @return this builder
     */
    public Builder maxClockSkew(Duration skew) {
      if (Objects.requireNonNull(skew, "skew").isNegative()) {
        throw new IllegalArgumentException("maxClockSkew must be >= 0");
      }
      this.maxClockSkew = skew;
      return this;
    }

    /**
     * The clock envelopes' {@code iat} is checked against; the system clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where new client-key seeds come from; a new {@link SecureRandom} by default.
     *
     * @param random the generator
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The client key to hold from the start (as {@link QuantaSealClient#withClientKey(ClientKey)}).
     *
     * @param key the client key
     * @return this builder
     */
    public Builder clientKey(ClientKey key) {
      this.clientKey = key;
      return this;
    }

    Builder sleeper(Transport.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    Builder jitter(DoubleSupplier jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * The client.
     *
     * @return the client
     * @throws ConfigurationException if the base URL is not an http(s) URL or the API key is empty
     */
    public QuantaSealClient build() {
      String scheme = baseUrl.getScheme();
      if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
          || baseUrl.getHost() == null) {
        throw new ConfigurationException("the base URL must be an http(s) URL");
      }
      if (apiKey.isEmpty()) {
        throw new ConfigurationException("the API key is empty");
      }
      HttpClient h =
          http != null
              ? http
              : HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(10))
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
      Transport transport =
          new Transport(baseUrl, apiKey, h, timeout, retry, sleeper, jitter, clock);
      ServerKeyCache cache = new ServerKeyCache(transport);
      Context context =
          new Context(transport, cache, new Envelopes(cache, clock, maxClockSkew), clientKey);
      return new QuantaSealClient(context, random != null ? random : new SecureRandom());
    }
  }
}
