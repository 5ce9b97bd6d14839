package io.quantaseal.datadog;

import io.quantaseal.common.config.EnvironmentNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a call goes: the fixed host of the {@link DatadogSite} for the {@link DatadogEndpoint}
 * ({@code api.} or {@code http-intake.logs.}) and the endpoint's fixed path. Nothing a tenant sends
 * becomes part of a URL. The deployment setting {@link EnvironmentNames#DATADOG_BASE_URL_OVERRIDE}
 * (tests and local runs only) replaces scheme, host and port of both hosts; the path stays.
 */
final class DatadogUrls {
  private static final Logger LOG = LoggerFactory.getLogger(DatadogUrls.class);

  private final Optional<URI> override;

  private DatadogUrls(Optional<URI> override) {
    this.override = override;
  }

  /**
   * The sites' own hosts, or {@code override} ({@code scheme://host[:port]}, nothing else) for
   * every site.
   *
   * @throws IllegalArgumentException when the override has a path, query, fragment, user info or a
   *     scheme other than http/https
   */
  static DatadogUrls of(Optional<URI> override) {
    Optional<URI> checked = Objects.requireNonNull(override).map(DatadogUrls::checkOverride);
    checked.ifPresent(
        u ->
            LOG.warn(
                "Datadog calls are redirected to {} ({}); never set this in production",
                u,
                EnvironmentNames.DATADOG_BASE_URL_OVERRIDE));
    return new DatadogUrls(checked);
  }

  /** The URL of {@code endpoint} on {@code site}. */
  URI url(DatadogSite site, DatadogEndpoint endpoint) {
    URI base = endpoint.host() == DatadogEndpoint.Host.LOGS ? site.logsBase() : site.apiBase();
    if (override.isPresent()) {
      base = override.get();
    }
    try {
      return new URI(
          base.getScheme(), null, base.getHost(), base.getPort(), endpoint.path(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad Datadog URL", e);
    }
  }

  Optional<URI> override() {
    return override;
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
}
