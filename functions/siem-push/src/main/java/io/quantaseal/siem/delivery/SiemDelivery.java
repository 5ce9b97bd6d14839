package io.quantaseal.siem.delivery;

import io.quantaseal.common.api.ApiException;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.vault.CredentialValues;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.datadog.DatadogOperation;
import io.quantaseal.datadog.DatadogResponse;
import io.quantaseal.datadog.DatadogSite;
import io.quantaseal.datadog.DatadogUnreachableException;
import io.quantaseal.siem.destinations.ResolvedDestination;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one prepared body to a destination through the shared {@link DatadogClient} (gzip, retries
 * with backoff and jitter, rate-limit headers, deadline) and classifies the outcome. The key is
 * opened from the vault once per destination and invocation; it is never logged.
 */
public final class SiemDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(SiemDelivery.class);

  private final DatadogClient client;
  private final CredentialVault vault;

  public SiemDelivery(DatadogClient client, CredentialVault vault) {
    this.client = client;
    this.vault = vault;
  }

  /**
   * Opens the destination's key; empty (logged, without detail) if it cannot be opened (site
   * unknown, KMS unavailable, no api_key).
   */
  public Optional<DatadogTarget> open(ResolvedDestination d) {
    if (!d.active() || d.integration().isEmpty() || d.credential().isEmpty()) {
      return Optional.empty();
    }
    Optional<DatadogSite> site = DatadogSite.fromId(d.integration().get().site());
    if (site.isEmpty()) {
      LOG.warn(
          "destination {}: integration site is not a Datadog site",
          d.destination().destinationId());
      return Optional.empty();
    }
    try {
      CredentialValues values = vault.open(d.credential().get());
      Optional<String> apiKey = values.get("api_key");
      if (apiKey.isEmpty()) {
        LOG.warn("destination {}: credential has no api_key", d.destination().destinationId());
        return Optional.empty();
      }
      return Optional.of(
          new DatadogTarget(
              d.destination().destinationId(), site.get(), apiKey.get(), values.get("app_key")));
    } catch (RuntimeException e) {
      LOG.warn(
          "destination {}: credential could not be opened ({})",
          d.destination().destinationId(),
          e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  /**
   * Sends {@code json} with {@code operation} and returns Datadog's answer as it is (the test
   * send).
   *
   * @throws DatadogUnreachableException if Datadog gave no answer within {@code deadline}
   */
  public DatadogResponse answer(
      DatadogTarget target, DatadogOperation operation, String json, Deadline deadline) {
    return client.send(operation, target.site(), target.apiKey(), target.appKey(), json, deadline);
  }

  /** Sends {@code json} with {@code operation}; never throws for an upstream problem. */
  public DeliveryResult send(
      DatadogTarget target, DatadogOperation operation, String json, Deadline deadline) {
    DatadogResponse r;
    try {
      r = client.send(operation, target.site(), target.apiKey(), target.appKey(), json, deadline);
    } catch (DatadogUnreachableException e) {
      return new DeliveryResult.Failed("unreachable", e.attempts());
    } catch (ApiException e) {
      // The key cannot be sent as a header, or a limit check refused the body.
      return new DeliveryResult.Failed("not_sendable_" + e.code(), 0);
    }
    if (r.successful()) {
      return new DeliveryResult.Delivered(r.status(), r.attempts());
    }
    if (r.credentialRejected() || r.status() == 401) {
      return new DeliveryResult.Forbidden(r.attempts());
    }
    if (r.status() == 429 || r.status() >= 500) {
      return new DeliveryResult.Failed("http_" + r.status(), r.attempts());
    }
    return new DeliveryResult.Refused(r.status(), r.attempts());
  }
}
