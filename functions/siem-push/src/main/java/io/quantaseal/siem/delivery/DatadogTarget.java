package io.quantaseal.siem.delivery;

import io.quantaseal.datadog.DatadogSite;
import java.util.Optional;

/**
 * A destination's Datadog site and key, opened from the vault for one invocation. Never printed;
 * dropped when the invocation ends.
 */
public final class DatadogTarget {
  private final String destinationId;
  private final DatadogSite site;
  private final String apiKey;
  private final Optional<String> appKey;

  DatadogTarget(String destinationId, DatadogSite site, String apiKey, Optional<String> appKey) {
    this.destinationId = destinationId;
    this.site = site;
    this.apiKey = apiKey;
    this.appKey = appKey;
  }

  public String destinationId() {
    return destinationId;
  }

  public DatadogSite site() {
    return site;
  }

  String apiKey() {
    return apiKey;
  }

  Optional<String> appKey() {
    return appKey;
  }

  @Override
  public String toString() {
    return "DatadogTarget[" + destinationId + ", " + site + ", key redacted]";
  }
}
