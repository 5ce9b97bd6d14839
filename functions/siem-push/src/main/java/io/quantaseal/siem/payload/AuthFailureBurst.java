package io.quantaseal.siem.payload;

import java.util.List;

/**
 * A burst of authentication failures for one tenant in one window: raised once, as one Datadog
 * event.
 *
 * @param tenantId the tenant the failures named
 * @param windowStart epoch second the window starts
 * @param windowSeconds window length
 * @param count failures seen so far in the window (at least the threshold)
 * @param sampleAuditIds some of the failures' audit ids
 */
public record AuthFailureBurst(
    String tenantId, long windowStart, int windowSeconds, int count, List<String> sampleAuditIds) {

  public AuthFailureBurst {
    sampleAuditIds = List.copyOf(sampleAuditIds);
  }

  /** The burst's stable id, also its dedup key: {@code afb_<tenant>_<window start>}. */
  public String eventId() {
    return "afb_" + tenantId + "_" + windowStart;
  }
}
