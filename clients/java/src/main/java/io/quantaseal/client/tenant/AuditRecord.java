package io.quantaseal.client.tenant;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One audit record (docs/openapi.yaml {@code AuditRecord}; docs/audit.md).
 *
 * @param auditId its id ({@code aud_…})
 * @param tenantId the tenant
 * @param time when it happened, exactly as the record holds it (RFC 3339 UTC with microseconds)
 * @param action what was done, e.g. {@code vault.unseal}
 * @param outcome how it ended
 * @param requestId the request it was done in
 * @param actor the API key id, or {@code operator} / {@code system}
 * @param resourceId what it is about, by id, when it is about something
 * @param details safe extra fields (ids, reasons, statuses); never a secret
 * @param securityAlert the alert type, when the record is a security alert
 */
public record AuditRecord(
    String auditId,
    String tenantId,
    String time,
    String action,
    AuditOutcome outcome,
    String requestId,
    String actor,
    Optional<String> resourceId,
    Map<String, String> details,
    Optional<String> securityAlert) {

  /**
   * Copies the details.
   *
   * @param auditId its id ({@code aud_…})
   * @param tenantId the tenant
   * @param time when it happened, exactly as the record holds it
   * @param action what was done
   * @param outcome how it ended
   * @param requestId the request it was done in
   * @param actor the API key id, or {@code operator} / {@code system}
   * @param resourceId what it is about, by id
   * @param details safe extra fields
   * @param securityAlert the alert type, when the record is a security alert
   */
  public AuditRecord {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * {@link #time()} as an instant.
   *
   * @return the instant
   */
  public Instant instant() {
    return Instant.parse(time);
  }
}
