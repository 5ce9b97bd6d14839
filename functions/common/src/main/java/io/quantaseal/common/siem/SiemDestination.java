package io.quantaseal.common.siem;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a tenant's metrics, audit records and security alerts go: a Datadog integration of the same
 * tenant and the streams it receives. Holds no secret: the API key stays sealed in the vault entry
 * the integration names.
 *
 * @param tenantId owner
 * @param destinationId {@code dst_…}
 * @param systemType {@code datadog}
 * @param integrationId the tenant's integration that delivers (its key, its site)
 * @param streams what the destination receives, in the order given
 * @param createdAt creation time
 * @param unhealthyReason set when Datadog refused the key (403) during a push
 * @param unhealthyCredential the credential refused, {@code <vault entry id>#<version>}: the
 *     destination stays stopped while its integration still uses exactly that credential version
 * @param unhealthyAt when it was refused
 */
public record SiemDestination(
    String tenantId,
    String destinationId,
    String systemType,
    String integrationId,
    List<SiemStream> streams,
    Instant createdAt,
    Optional<String> unhealthyReason,
    Optional<String> unhealthyCredential,
    Optional<Instant> unhealthyAt) {

  public SiemDestination {
    streams = List.copyOf(streams);
  }

  public boolean receives(SiemStream stream) {
    return streams.contains(stream);
  }

  /** A credential reference as kept in {@link #unhealthyCredential()}. */
  public static String credentialRef(String vaultEntryId, int version) {
    return vaultEntryId + "#" + version;
  }

  /**
   * Whether pushes to this destination are stopped: Datadog refused exactly the credential the
   * integration still uses. A new credential version (or another entry) lifts the stop.
   */
  public boolean stoppedFor(String currentCredentialRef) {
    return unhealthyCredential.map(currentCredentialRef::equals).orElse(false);
  }
}
