package io.quantaseal.siem.delivery;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.siem.SiemActions;
import io.quantaseal.siem.destinations.ResolvedDestination;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What happens when Datadog answers 403 to a push: the destination stops (until its integration's
 * credential changes), the integration is marked unhealthy, and exactly one security alert is
 * written to the audit trail per refused credential (the conditional write on the destination
 * decides which caller writes it).
 */
public final class DestinationHealth {
  private static final Logger LOG = LoggerFactory.getLogger(DestinationHealth.class);

  /** Why a destination is stopped after a 403. */
  public static final String REASON_FORBIDDEN = "datadog_403";

  private final SiemDestinationRepository destinations;
  private final IntegrationRepository integrations;
  private final AuditLog audit;
  private final Clock clock;

  public DestinationHealth(
      SiemDestinationRepository destinations,
      IntegrationRepository integrations,
      AuditLog audit,
      Clock clock) {
    this.destinations = destinations;
    this.integrations = integrations;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Stops {@code d} after Datadog refused its key on {@code endpoint}; true if this call raised the
   * alert (false if another call already had).
   */
  public boolean credentialRejected(ResolvedDestination d, String endpoint, String requestId) {
    Instant now = clock.instant();
    String ref = d.credentialRef().orElse("unknown");
    String tenant = d.destination().tenantId();
    String id = d.destination().destinationId();
    boolean first;
    try {
      first = destinations.markUnhealthy(tenant, id, REASON_FORBIDDEN, ref, now);
    } catch (SdkException e) {
      LOG.warn("destination {}: could not record the stop ({})", id, e.getClass().getSimpleName());
      first = false;
    }
    if (d.integration().isPresent() && d.credential().isPresent()) {
      try {
        integrations.markUnhealthy(
            tenant,
            d.integration().get().integrationId(),
            "Datadog refused the key (403) during a SIEM push",
            d.credential().get().currentVersion(),
            now);
      } catch (SdkException e) {
        LOG.warn("integration of destination {} could not be marked unhealthy", id);
      }
    }
    if (first) {
      audit
          .record(tenant, SiemActions.DELIVERY_FORBIDDEN, requestId)
          .target(id)
          .outcome(AuditRecord.FAILURE)
          .detail("integration_id", d.destination().integrationId())
          .detail("endpoint", endpoint)
          .detail("credential_version", d.credential().map(c -> c.currentVersion()).orElse(0))
          .securityAlert(SiemActions.ALERT_SIEM_CREDENTIAL_REJECTED)
          .write();
      LOG.warn("destination {} stopped: Datadog answered 403", id);
    }
    return first;
  }
}
