package io.quantaseal.siem;

/**
 * Audit actions and alert types the SIEM push itself writes (next to {@link
 * io.quantaseal.common.audit.AuditActions}).
 */
public final class SiemActions {
  private SiemActions() {}

  /** Datadog refused a destination's key (403) during a push: the destination is stopped. */
  public static final String DELIVERY_FORBIDDEN = "siem.delivery_forbidden";

  /** A test event sent to a destination ({@code POST /api/v2/siem/destinations/{id}/test}). */
  public static final String DESTINATION_TEST = "siem_destination.test";

  /** Periods older than Datadog's metric intake window that could not be sent. */
  public static final String METRICS_GAP = "siem.metrics_gap";

  /** Alert type of {@link #DELIVERY_FORBIDDEN}. */
  public static final String ALERT_SIEM_CREDENTIAL_REJECTED = "siem_credential_rejected";

  /** Alert type of the one Datadog event raised for a burst of authentication failures. */
  public static final String ALERT_AUTH_FAILURE_BURST = "auth_failure_burst";
}
