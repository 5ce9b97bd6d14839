package io.quantaseal.client.integrations;

import java.util.Objects;

/**
 * Where an integration's Datadog account lives (docs/openapi.yaml {@code IntegrationConfig}).
 *
 * @param site the Datadog site, e.g. {@code datadoghq.com} or {@code datadoghq.eu}
 */
public record IntegrationConfig(String site) {
  /** The US1 site, {@code datadoghq.com}. */
  public static final String DATADOGHQ_COM = "datadoghq.com";

  /**
   * Checks the site.
   *
   * @param site the Datadog site, e.g. {@code datadoghq.com} or {@code datadoghq.eu}
   * @throws NullPointerException if {@code site} is null
   */
  public IntegrationConfig {
    Objects.requireNonNull(site, "site");
  }

  /**
   * The config of a site.
   *
   * @param site e.g. {@code datadoghq.com}
   * @return the config
   */
  public static IntegrationConfig site(String site) {
    return new IntegrationConfig(site);
  }
}
