package io.quantaseal.siem.metrics;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.datadog.DatadogOperation;
import io.quantaseal.siem.SiemActions;
import io.quantaseal.siem.SiemSettings;
import io.quantaseal.siem.delivery.DatadogTarget;
import io.quantaseal.siem.delivery.DeliveryResult;
import io.quantaseal.siem.delivery.DeliveryStats;
import io.quantaseal.siem.delivery.DestinationHealth;
import io.quantaseal.siem.delivery.SiemDelivery;
import io.quantaseal.siem.destinations.ResolvedDestination;
import io.quantaseal.siem.destinations.SiemDestinations;
import io.quantaseal.siem.destinations.StreamOperations;
import io.quantaseal.siem.payload.DatadogPayloads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled trigger (docs/siem.md, "Metrics"): for every tenant with a {@code metrics}
 * destination, the closed one-minute periods since the tenant's watermark become Datadog series,
 * oldest first, a few periods per request; the watermark moves past a request's periods only after
 * every active destination accepted them. A tenant is worked by one run at a time (lease).
 */
public final class MetricsPushService {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsPushService.class);

  /** Below this much time left no new tenant or request is started. */
  static final Duration MIN_CALL_TIME = Duration.ofMillis(500);

  private final TenantRepository tenants;
  private final SiemDestinations destinations;
  private final VaultEntryRepository entries;
  private final IntegrationRepository integrations;
  private final AuditLog audit;
  private final AuditTrail trail;
  private final MetricsPushState state;
  private final SiemDelivery delivery;
  private final DestinationHealth health;
  private final DeliveryStats stats;
  private final SiemSettings settings;
  private final Clock clock;
  private final Ids ids;

  public MetricsPushService(
      TenantRepository tenants,
      SiemDestinations destinations,
      VaultEntryRepository entries,
      IntegrationRepository integrations,
      AuditLog audit,
      AuditTrail trail,
      MetricsPushState state,
      SiemDelivery delivery,
      DestinationHealth health,
      DeliveryStats stats,
      SiemSettings settings,
      Clock clock,
      Ids ids) {
    this.tenants = tenants;
    this.destinations = destinations;
    this.entries = entries;
    this.integrations = integrations;
    this.audit = audit;
    this.trail = trail;
    this.state = state;
    this.delivery = delivery;
    this.health = health;
    this.stats = stats;
    this.settings = settings;
    this.clock = clock;
    this.ids = ids;
  }

  /** What happened to one tenant. */
  public enum Outcome {
    PUSHED,
    UP_TO_DATE,
    NO_DESTINATION,
    LEASE_HELD,
    LEASE_LOST,
    NO_ACTIVE_DESTINATION,
    DELIVERY_FAILED,
    OUT_OF_TIME,
    ERROR
  }

  /**
   * @param tenantId tenant
   * @param outcome what happened
   * @param periods periods accepted by Datadog in this run
   * @param requests series requests sent
   * @param watermark the watermark afterwards (epoch second), or -1 if none
   */
  public record TenantResult(
      String tenantId, Outcome outcome, int periods, int requests, long watermark) {}

  /** Every tenant of the run, including those skipped. */
  public List<TenantResult> run(Deadline invocation, String requestId) {
    List<TenantResult> out = new ArrayList<>();
    for (TenantRecord t : tenants.all()) {
      if (invocation.remaining().compareTo(settings.reserve().plus(MIN_CALL_TIME)) < 0) {
        out.add(new TenantResult(t.tenantId(), Outcome.OUT_OF_TIME, 0, 0, -1));
        continue;
      }
      try {
        out.add(pushTenant(t, invocation, requestId));
      } catch (RuntimeException e) {
        LOG.error("metrics push for tenant {} failed", t.tenantId(), e);
        out.add(new TenantResult(t.tenantId(), Outcome.ERROR, 0, 0, -1));
      }
    }
    return out;
  }

  /** Pushes one tenant's closed periods. */
  public TenantResult pushTenant(TenantRecord tenant, Deadline invocation, String requestId) {
    String tenantId = tenant.tenantId();
    List<ResolvedDestination> dests = destinations.receiving(tenantId, SiemStream.METRICS);
    if (dests.isEmpty()) {
      return new TenantResult(tenantId, Outcome.NO_DESTINATION, 0, 0, -1);
    }
    int period = settings.periodSeconds();
    Instant now = clock.instant();
    long closedEnd =
        Math.floorDiv(now.minus(settings.metricsLag()).getEpochSecond(), period) * period;
    String owner = ids.next("run");
    Optional<MetricsPushState.Lease> acquired =
        state.acquire(tenantId, owner, now, now.plus(settings.leaseDuration()));
    if (acquired.isEmpty()) {
      return new TenantResult(tenantId, Outcome.LEASE_HELD, 0, 0, -1);
    }
    MetricsPushState.Lease lease = acquired.get();
    int pushed = 0;
    int requests = 0;
    try {
      long start =
          lease.watermark().isPresent()
              ? lease.watermark().getAsLong()
              : Math.floorDiv(
                      dests.stream()
                          .map(d -> d.destination().createdAt())
                          .min(Instant::compareTo)
                          .orElse(now)
                          .getEpochSecond(),
                      period)
                  * period;
      long oldestSendable =
          Math.floorDiv(now.minus(settings.metricsMaxAge()).getEpochSecond() + period - 1, period)
              * period;
      if (start < oldestSendable && oldestSendable <= closedEnd) {
        audit
            .record(tenantId, SiemActions.METRICS_GAP, requestId)
            .outcome(AuditRecord.FAILURE)
            .detail("from", Instant.ofEpochSecond(start))
            .detail("to", Instant.ofEpochSecond(oldestSendable))
            .detail("periods", (oldestSendable - start) / period)
            .write();
        LOG.warn(
            "tenant {}: periods {}..{} are older than Datadog accepts; skipped",
            tenantId,
            start,
            oldestSendable);
        lease =
            state.advance(lease, oldestSendable, lease.usage(), now.plus(settings.leaseDuration()));
        start = oldestSendable;
      }
      if (start >= closedEnd) {
        return new TenantResult(tenantId, Outcome.UP_TO_DATE, 0, 0, start);
      }
      long end = Math.min(closedEnd, start + (long) settings.maxPeriodsPerRun() * period);
      List<Target> targets = new ArrayList<>();
      for (ResolvedDestination d : dests) {
        if (d.active()) {
          delivery.open(d).ifPresent(t -> targets.add(new Target(d, t)));
        }
      }
      if (targets.isEmpty()) {
        return new TenantResult(tenantId, Outcome.NO_ACTIVE_DESTINATION, 0, 0, start);
      }
      List<String> tags = DatadogPayloads.commonTags(settings.env(), tenantId);
      ComplianceScore.Snapshot compliance = null;
      long chunkStart = start;
      while (chunkStart < end) {
        if (invocation.remaining().compareTo(settings.reserve().plus(MIN_CALL_TIME)) < 0) {
          return new TenantResult(tenantId, Outcome.OUT_OF_TIME, pushed, requests, chunkStart);
        }
        long chunkEnd = Math.min(end, chunkStart + (long) settings.maxPeriodsPerRequest() * period);
        List<AuditRecord> records =
            trail.between(
                tenantId, Instant.ofEpochSecond(chunkStart), Instant.ofEpochSecond(chunkEnd));
        UsageHistory usage = lease.usage().with(records);
        if (compliance == null) {
          compliance = compliance(tenant, dests, usage, now);
        }
        List<AuditMetrics.PeriodCounts> counts =
            AuditMetrics.byPeriod(records, chunkStart, chunkEnd, period);
        List<String> bodies = bodies(counts, tags, compliance);
        boolean allAccepted = true;
        for (Target t : new ArrayList<>(targets)) {
          for (String body : bodies) {
            Duration left = invocation.remaining().minus(settings.reserve());
            Duration budget =
                left.compareTo(settings.callBudget()) < 0 ? left : settings.callBudget();
            DeliveryResult r =
                delivery.send(
                    t.target(),
                    DatadogOperation.SEND_METRIC,
                    body,
                    Deadline.after(budget, invocation.ticker()));
            requests++;
            stats.record(tenantId, t.d().destination().destinationId(), r, 1);
            if (r instanceof DeliveryResult.Forbidden) {
              health.credentialRejected(
                  t.d(), DatadogOperation.SEND_METRIC.endpoint().path(), requestId);
              targets.remove(t);
              break;
            }
            if (!r.delivered()) {
              LOG.warn(
                  "tenant {}: series for {}..{} not accepted by destination {} ({})",
                  tenantId,
                  chunkStart,
                  chunkEnd,
                  t.d().destination().destinationId(),
                  r.reason());
              allAccepted = false;
              break;
            }
          }
          if (!allAccepted) {
            break;
          }
        }
        if (!allAccepted) {
          return new TenantResult(tenantId, Outcome.DELIVERY_FAILED, pushed, requests, chunkStart);
        }
        if (targets.isEmpty()) {
          return new TenantResult(
              tenantId, Outcome.NO_ACTIVE_DESTINATION, pushed, requests, chunkStart);
        }
        lease =
            state.advance(lease, chunkEnd, usage, clock.instant().plus(settings.leaseDuration()));
        pushed += (int) ((chunkEnd - chunkStart) / period);
        chunkStart = chunkEnd;
      }
      return new TenantResult(tenantId, Outcome.PUSHED, pushed, requests, chunkStart);
    } catch (MetricsPushState.LeaseLostException e) {
      LOG.warn("tenant {}: {}", tenantId, e.getMessage());
      return new TenantResult(tenantId, Outcome.LEASE_LOST, pushed, requests, -1);
    } finally {
      state.release(lease);
    }
  }

  private record Target(ResolvedDestination d, DatadogTarget target) {}

  /**
   * The request bodies for these periods: one, unless it is over the size limit, then the periods
   * are halved (and a single period's series split) until each body fits.
   */
  List<String> bodies(
      List<AuditMetrics.PeriodCounts> counts,
      List<String> tags,
      ComplianceScore.Snapshot compliance) {
    String body =
        new String(
            SeriesPayload.build(
                counts, settings.periodSeconds(), tags, Optional.ofNullable(compliance)),
            java.nio.charset.StandardCharsets.UTF_8);
    if (body.length() <= settings.seriesMaxBytes()) {
      return List.of(body);
    }
    if (counts.size() > 1) {
      int mid = counts.size() / 2;
      List<String> out = new ArrayList<>(bodies(counts.subList(0, mid), tags, null));
      out.addAll(bodies(counts.subList(mid, counts.size()), tags, compliance));
      return out;
    }
    // One period whose series do not fit: split its series in halves.
    AuditMetrics.PeriodCounts p = counts.get(0);
    List<Map.Entry<SeriesKey, Long>> entries = new ArrayList<>(p.counts().entrySet());
    if (entries.size() <= 1) {
      throw new IllegalStateException("a single series is over the size limit");
    }
    int mid = entries.size() / 2;
    List<String> out = new ArrayList<>();
    out.addAll(bodies(List.of(part(p, entries.subList(0, mid))), tags, null));
    out.addAll(bodies(List.of(part(p, entries.subList(mid, entries.size()))), tags, compliance));
    return out;
  }

  private static AuditMetrics.PeriodCounts part(
      AuditMetrics.PeriodCounts p, List<Map.Entry<SeriesKey, Long>> entries) {
    Map<SeriesKey, Long> m = new LinkedHashMap<>();
    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
    return new AuditMetrics.PeriodCounts(p.periodStart(), m);
  }

  private ComplianceScore.Snapshot compliance(
      TenantRecord tenant,
      List<ResolvedDestination> metricsDests,
      UsageHistory usage,
      Instant now) {
    Set<String> needed = new HashSet<>();
    for (ResolvedDestination r : destinations.all(tenant.tenantId())) {
      SiemDestination d = r.destination();
      for (SiemStream s : d.streams()) {
        for (DatadogOperation op : StreamOperations.required(s)) {
          needed.add(UsageHistory.key(d.integrationId(), op.id()));
        }
      }
    }
    return ComplianceScore.evaluate(
        tenant.rotationPolicyDays(),
        entries.list(tenant.tenantId()),
        integrations.list(tenant.tenantId()),
        needed,
        usage,
        now);
  }
}
