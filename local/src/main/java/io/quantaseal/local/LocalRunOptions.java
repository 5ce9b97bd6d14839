package io.quantaseal.local;

import io.quantaseal.common.config.EnvironmentNames;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything a local run is started with: what {@code ./run-local [serve|invoke] ...} asks for
 * ({@link LocalRunnerCommand} parses the command line into it), or what a test sets through {@link
 * #builder}. {@link LocalRunner#start} consumes it.
 *
 * @param template the SAM template the routes, functions and event sources are read from
 * @param port the API's port on 127.0.0.1 (0: any free port)
 * @param dataDir where {@code --persist} keeps DynamoDB, the local master key and the queues
 * @param persist keep the data directory's state across runs
 * @param fakeDatadog start the loopback fake Datadog and send every Datadog call to it
 * @param fakeDatadogPort its port (0: any free port)
 * @param datadogBaseUrl send every Datadog call there ({@code QS_DATADOG_BASE_URL_OVERRIDE})
 * @param kmsEndpoint AWS KMS there instead of the local keyring ({@code AWS_ENDPOINT_URL_KMS})
 * @param dynamoDbPort also serve DynamoDB Local over HTTP on this port (0: any free one)
 * @param unsealKey also issue an API key with the vault:unseal scope
 * @param sampleTenant seed the sample tenant of events/ instead of a fresh tenant (invoke)
 * @param eventSources run the template's schedules and streams (serving runs)
 * @param siemInterval the schedule's interval instead of the template's rate
 * @param siemMetricsLag {@code QS_SIEM_METRICS_LAG_SECONDS} for the push (serving runs default to
 *     {@link LocalRunner#LOCAL_METRICS_LAG})
 */
public record LocalRunOptions(
    Path template,
    int port,
    Path dataDir,
    boolean persist,
    boolean fakeDatadog,
    int fakeDatadogPort,
    Optional<String> datadogBaseUrl,
    Optional<URI> kmsEndpoint,
    OptionalInt dynamoDbPort,
    boolean unsealKey,
    boolean sampleTenant,
    boolean eventSources,
    Optional<Duration> siemInterval,
    Optional<Duration> siemMetricsLag) {

  public LocalRunOptions {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(datadogBaseUrl, "datadogBaseUrl");
    Objects.requireNonNull(kmsEndpoint, "kmsEndpoint");
    Objects.requireNonNull(dynamoDbPort, "dynamoDbPort");
    Objects.requireNonNull(siemInterval, "siemInterval");
    Objects.requireNonNull(siemMetricsLag, "siemMetricsLag");
  }

  /**
   * Defaults for the repository at {@code root}: its template.yaml and local-data/, port 0 (any
   * free one), the Datadog override and the KMS endpoint of this process's environment, nothing
   * else.
   */
  public static Builder builder(Path root) {
    return builder(root.resolve("template.yaml"), root.resolve("local-data"));
  }

  /** {@link #builder(Path)} with this template and data directory. */
  public static Builder builder(Path template, Path dataDir) {
    return new Builder(template, dataDir);
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder(template, dataDir);
    b.port = port;
    b.persist = persist;
    b.fakeDatadog = fakeDatadog;
    b.fakeDatadogPort = fakeDatadogPort;
    b.datadogBaseUrl = datadogBaseUrl;
    b.kmsEndpoint = kmsEndpoint;
    b.dynamoDbPort = dynamoDbPort;
    b.unsealKey = unsealKey;
    b.sampleTenant = sampleTenant;
    b.eventSources = eventSources;
    b.siemInterval = siemInterval;
    b.siemMetricsLag = siemMetricsLag;
    return b;
  }

  /** Builds {@link LocalRunOptions}; see the record's components for what each one means. */
  public static final class Builder {
    private Path template;
    private int port;
    private Path dataDir;
    private boolean persist;
    private boolean fakeDatadog;
    private int fakeDatadogPort;
    private Optional<String> datadogBaseUrl =
        LocalServices.env(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE);
    private Optional<URI> kmsEndpoint = LocalServices.env("AWS_ENDPOINT_URL_KMS").map(URI::create);
    private OptionalInt dynamoDbPort = OptionalInt.empty();
    private boolean unsealKey;
    private boolean sampleTenant;
    private boolean eventSources;
    private Optional<Duration> siemInterval = Optional.empty();
    private Optional<Duration> siemMetricsLag = Optional.empty();

    private Builder(Path template, Path dataDir) {
      this.template = template;
      this.dataDir = dataDir;
    }

    public Builder template(Path t) {
      template = t;
      return this;
    }

    public Builder port(int p) {
      port = p;
      return this;
    }

    public Builder dataDir(Path d) {
      dataDir = d;
      return this;
    }

    public Builder persist(boolean p) {
      persist = p;
      return this;
    }

    public Builder fakeDatadog(boolean f) {
      fakeDatadog = f;
      return this;
    }

    public Builder fakeDatadogPort(int p) {
      fakeDatadogPort = p;
      return this;
    }

    public Builder datadogBaseUrl(Optional<String> u) {
      datadogBaseUrl = u;
      return this;
    }

    public Builder kmsEndpoint(Optional<URI> k) {
      kmsEndpoint = k;
      return this;
    }

    public Builder dynamoDbPort(OptionalInt d) {
      dynamoDbPort = d;
      return this;
    }

    public Builder unsealKey(boolean u) {
      unsealKey = u;
      return this;
    }

    public Builder sampleTenant(boolean s) {
      sampleTenant = s;
      return this;
    }

    public Builder eventSources(boolean e) {
      eventSources = e;
      return this;
    }

    public Builder siemInterval(Optional<Duration> i) {
      siemInterval = i;
      return this;
    }

    public Builder siemMetricsLag(Optional<Duration> l) {
      siemMetricsLag = l;
      return this;
    }

    public LocalRunOptions build() {
      return new LocalRunOptions(
          template,
          port,
          dataDir,
          persist,
          fakeDatadog,
          fakeDatadogPort,
          datadogBaseUrl,
          kmsEndpoint,
          dynamoDbPort,
          unsealKey,
          sampleTenant,
          eventSources,
          siemInterval,
          siemMetricsLag);
    }
  }
}
