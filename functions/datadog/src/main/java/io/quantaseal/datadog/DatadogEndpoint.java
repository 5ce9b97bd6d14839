package io.quantaseal.datadog;

/**
 * The Datadog endpoints the service calls: fixed method, host and path. Nothing else is ever
 * called.
 */
public enum DatadogEndpoint {
  /** GET https://api.{site}/api/v1/validate: is this API key valid on this site? */
  VALIDATE("GET", Host.API, "/api/v1/validate", false),
  /** POST https://api.{site}/api/v1/events */
  EVENTS("POST", Host.API, "/api/v1/events", false),
  /** POST https://api.{site}/api/v2/series (accepts gzip) */
  SERIES("POST", Host.API, "/api/v2/series", true),
  /** POST https://http-intake.logs.{site}/api/v2/logs (accepts gzip) */
  LOGS("POST", Host.LOGS, "/api/v2/logs", true);

  /** Which of a site's two hosts. */
  public enum Host {
    API,
    LOGS
  }

  private final String method;
  private final Host host;
  private final String path;
  private final boolean acceptsGzip;

  DatadogEndpoint(String method, Host host, String path, boolean acceptsGzip) {
    this.method = method;
    this.host = host;
    this.path = path;
    this.acceptsGzip = acceptsGzip;
  }

  public String method() {
    return method;
  }

  public Host host() {
    return host;
  }

  public String path() {
    return path;
  }

  /** Whether Datadog documents {@code Content-Encoding: gzip} for this endpoint. */
  public boolean acceptsGzip() {
    return acceptsGzip;
  }

  /**
   * Whether the endpoint needs {@code DD-APPLICATION-KEY} (docs/api.md#datadog: sent only where
   * needed). None of the current endpoints does; an application key given to the client is then not
   * sent.
   */
  public boolean needsApplicationKey() {
    return false;
  }
}
