package io.quantaseal.siem.destinations;

import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.VaultEntryRecord;
import java.util.Optional;

/**
 * A destination with what a push needs to know about it now: its integration, the vault entry
 * holding the key, and whether pushes to it may go ahead.
 *
 * @param destination the stored destination
 * @param integration its integration, if it still exists
 * @param credential the integration's vault entry (metadata only), if it still exists
 * @param status {@link Status#ACTIVE} or why nothing is sent
 */
public record ResolvedDestination(
    SiemDestination destination,
    Optional<IntegrationRecord> integration,
    Optional<VaultEntryRecord> credential,
    Status status) {

  /** Whether a push may call Datadog for this destination. */
  public enum Status {
    /** Deliveries go ahead. */
    ACTIVE("active"),
    /** Datadog refused the credential (403) during a push; stopped until the credential changes. */
    STOPPED_CREDENTIAL_REJECTED("stopped_credential_rejected"),
    /** The integration is marked unhealthy for its current credential (by the proxy or a check). */
    STOPPED_INTEGRATION_UNHEALTHY("stopped_integration_unhealthy"),
    /** The integration was deleted. */
    INTEGRATION_MISSING("integration_missing"),
    /** The integration's vault entry was deleted. */
    CREDENTIAL_MISSING("credential_missing");

    private final String id;

    Status(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public boolean active() {
    return status == Status.ACTIVE;
  }

  /** {@code <vault entry id>#<current version>}, or empty without integration or entry. */
  public Optional<String> credentialRef() {
    return credential.map(c -> SiemDestination.credentialRef(c.entryId(), c.currentVersion()));
  }

  /** Resolves the status from the stored records. */
  public static ResolvedDestination of(
      SiemDestination d, Optional<IntegrationRecord> integration, Optional<VaultEntryRecord> e) {
    Status status;
    if (integration.isEmpty()) {
      status = Status.INTEGRATION_MISSING;
    } else if (e.isEmpty()) {
      status = Status.CREDENTIAL_MISSING;
    } else if (d.stoppedFor(
        SiemDestination.credentialRef(e.get().entryId(), e.get().currentVersion()))) {
      status = Status.STOPPED_CREDENTIAL_REJECTED;
    } else if (!integration.get().healthy()
        && integration.get().unhealthyAtCredentialVersion() == e.get().currentVersion()) {
      status = Status.STOPPED_INTEGRATION_UNHEALTHY;
    } else {
      status = Status.ACTIVE;
    }
    return new ResolvedDestination(d, integration, e, status);
  }
}
