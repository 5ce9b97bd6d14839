package io.quantaseal.datadog;

import io.quantaseal.common.api.InvalidRequestException;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Datadog's sites (docs/api.md#datadog-sites): the only hosts the service ever calls for a tenant.
 * A tenant names a site by its id (e.g. {@code datadoghq.eu}); the URL is built here from a
 * constant, never from anything the tenant sent, so there is no way to point a call elsewhere (no
 * SSRF).
 */
public enum DatadogSite {
  US1("datadoghq.com"),
  US3("us3.datadoghq.com"),
  US5("us5.datadoghq.com"),
  EU1("datadoghq.eu"),
  UK1("uk1.datadoghq.com"),
  AP1("ap1.datadoghq.com"),
  AP2("ap2.datadoghq.com"),
  US1_FED("ddog-gov.com"),
  US2_FED("us2.ddog-gov.com");

  private final String id;
  private final URI apiBase;
  private final URI logsBase;

  DatadogSite(String id) {
    this.id = id;
    this.apiBase = URI.create("https://api." + id);
    this.logsBase = URI.create("https://http-intake.logs." + id);
  }

  /** The site as tenants write it, e.g. {@code datadoghq.eu}. */
  public String id() {
    return id;
  }

  /** {@code https://api.{site}}: events, series, key validation. */
  public URI apiBase() {
    return apiBase;
  }

  /** {@code https://http-intake.logs.{site}}: the logs intake. */
  public URI logsBase() {
    return logsBase;
  }

  /** The site with this id (exact match), if it is one of Datadog's. */
  public static Optional<DatadogSite> fromId(String id) {
    for (DatadogSite s : values()) {
      if (s.id.equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The site with this id, or 400 {@code invalid_request} listing the valid ones. */
  public static DatadogSite parse(String id) {
    return fromId(id)
        .orElseThrow(
            () -> new InvalidRequestException("Field 'config.site' must be one of " + ids() + "."));
  }

  /** Every site id, comma separated (for messages and docs). */
  public static String ids() {
    return Arrays.stream(values()).map(DatadogSite::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
