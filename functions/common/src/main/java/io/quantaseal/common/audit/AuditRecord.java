package io.quantaseal.common.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One audit record: who did what to which target, with what outcome. Never holds a secret: {@code
 * details} carries only ids, operation names, statuses and timings.
 *
 * @param auditId stable id ({@code aud_…}), also the SIEM dedup key
 * @param tenantId tenant, or {@link AuditLog#NO_TENANT} for failures that name no tenant
 * @param time when it happened
 * @param actorKeyId API key id of the caller, if known
 * @param action e.g. {@code vault.seal}, see {@link AuditActions}
 * @param target id the action was on
 * @param outcome {@code success}, {@code denied}, {@code failure} or {@code error}
 * @param requestId request id
 * @param details safe extra fields
 * @param securityAlert alert type if this record is a security alert
 */
public record AuditRecord(
    String auditId,
    String tenantId,
    Instant time,
    Optional<String> actorKeyId,
    String action,
    String target,
    String outcome,
    String requestId,
    Map<String, String> details,
    Optional<String> securityAlert) {

  public static final String SUCCESS = "success";
  public static final String DENIED = "denied";
  public static final String FAILURE = "failure";
  public static final String ERROR = "error";

  public AuditRecord {
    details = Map.copyOf(details);
  }

  /**
   * Whether the SIEM push counts this record as an authentication or authorisation failure (the
   * {@code quantaseal.auth.failures} metric and the auth-failure burst): action {@code
   * auth.failure} (unknown or revoked API key) or the {@code auth_failure} alert (an id that names
   * nothing of the tenant, a refused {@code rkid}).
   */
  public boolean countsAsAuthFailure() {
    return AuditActions.AUTH_FAILURE.equals(action)
        || securityAlert.filter(AuditActions.ALERT_AUTH_FAILURE::equals).isPresent();
  }
}
