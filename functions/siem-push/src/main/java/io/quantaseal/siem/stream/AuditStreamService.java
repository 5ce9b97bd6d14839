package io.quantaseal.siem.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.audit.CheckpointRepository;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.siem.SiemSettings;
import io.quantaseal.siem.delivery.DeadLetter;
import io.quantaseal.siem.delivery.DeadLetterQueue;
import io.quantaseal.siem.delivery.DestinationSender;
import io.quantaseal.siem.delivery.Outbound;
import io.quantaseal.siem.destinations.ResolvedDestination;
import io.quantaseal.siem.destinations.SiemDestinations;
import io.quantaseal.siem.payload.AuthFailureBurst;
import io.quantaseal.siem.payload.DatadogPayloads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit stream trigger (docs/siem.md, "Audit stream"): a batch of audit table stream records
 * becomes Datadog logs (destinations with {@code audit}; security alerts also for {@code
 * security_alerts}) and events (security alerts; authentication failures only as one burst event
 * per tenant and window).
 *
 * <p>Per record, the outcome is one of: delivered everywhere it should go; not delivered within the
 * retry budget (or refused, or the destination is stopped, or not attempted because the
 * invocation's time ran out) and written to the dead-letter queue with its content; or neither,
 * because the dead-letter write failed, in which case the record's sequence number is returned in
 * {@code batchItemFailures} and Lambda delivers it again. Nothing is dropped silently.
 */
public final class AuditStreamService {
  private static final Logger LOG = LoggerFactory.getLogger(AuditStreamService.class);

  /** Below this much time left no new Datadog call starts. */
  static final Duration MIN_CALL_TIME = Duration.ofMillis(500);

  /** Most audit ids named in a burst event. */
  static final int BURST_SAMPLE = 10;

  private final SiemDestinations destinations;
  private final DestinationSender sender;
  private final AuthFailureBursts bursts;
  private final DeadLetterQueue dlq;
  private final SiemSettings settings;
  private final Clock clock;

  public AuditStreamService(
      SiemDestinations destinations,
      DestinationSender sender,
      AuthFailureBursts bursts,
      DeadLetterQueue dlq,
      SiemSettings settings,
      Clock clock) {
    this.destinations = destinations;
    this.sender = sender;
    this.bursts = bursts;
    this.dlq = dlq;
    this.settings = settings;
    this.clock = clock;
  }

  /** What one batch did. */
  public record Stats(
      int records,
      int skipped,
      int delivered,
      int deadLettered,
      int reported,
      int logs,
      int events) {}

  /** The response for Lambda and the stats. */
  public record Result(StreamsEventResponse response, Stats stats) {}

  /** One stream record, read. */
  private record Item(String sequenceNumber, AuditRecord record) {}

  public Result process(DynamodbEvent event, Deadline invocation, String requestId) {
    Instant now = clock.instant();
    List<DynamodbEvent.DynamodbStreamRecord> records =
        event == null || event.getRecords() == null ? List.of() : event.getRecords();
    TreeSet<String> failedSequences = new TreeSet<>();
    List<DeadLetter> unreadable = new ArrayList<>();
    List<String> unreadableSequences = new ArrayList<>();
    Map<String, List<Item>> byTenant = new LinkedHashMap<>();
    int skipped = 0;
    for (DynamodbEvent.DynamodbStreamRecord r : records) {
      String seq = r.getDynamodb() == null ? null : r.getDynamodb().getSequenceNumber();
      if ("REMOVE".equals(r.getEventName())
          || r.getDynamodb() == null
          || r.getDynamodb().getNewImage() == null) {
        skipped++;
        continue;
      }
      var image = StreamImages.toSdk(r.getDynamodb().getNewImage());
      if (CheckpointRepository.isCheckpointItem(image)) {
        // A signed audit checkpoint (docs/audit.md), not a record: not sent as an audit log.
        skipped++;
        continue;
      }
      AuditRecord a;
      try {
        a = AuditLog.fromItem(image);
        if (a.auditId() == null || a.tenantId() == null || a.action() == null) {
          throw new IllegalArgumentException("incomplete");
        }
      } catch (RuntimeException e) {
        LOG.error("stream record {} is not a readable audit record", seq);
        unreadable.add(DeadLetter.unreadable(String.valueOf(r.getEventID()), seq, now));
        unreadableSequences.add(seq);
        continue;
      }
      if (AuditLog.NO_TENANT.equals(a.tenantId())) {
        skipped++; // names no tenant: no tenant's SIEM receives it (docs/siem.md)
        continue;
      }
      byTenant.computeIfAbsent(a.tenantId(), t -> new ArrayList<>()).add(new Item(seq, a));
    }

    // Build what goes where.
    List<Job> jobs = new ArrayList<>();
    Map<Outbound, List<Item>> owners = new IdentityHashMap<>();
    for (Map.Entry<String, List<Item>> t : byTenant.entrySet()) {
      String tenant = t.getKey();
      List<ResolvedDestination> dests =
          destinations.all(tenant).stream()
              .filter(
                  d ->
                      d.destination().receives(SiemStream.AUDIT)
                          || d.destination().receives(SiemStream.SECURITY_ALERTS))
              .toList();
      if (dests.isEmpty()) {
        continue;
      }
      boolean alerts =
          dests.stream().anyMatch(d -> d.destination().receives(SiemStream.SECURITY_ALERTS));
      Map<Item, String> logJson = new IdentityHashMap<>();
      List<BurstFound> found = alerts ? bursts(tenant, t.getValue(), now) : List.of();
      for (ResolvedDestination d : dests) {
        List<Outbound> out = new ArrayList<>();
        boolean audit = d.destination().receives(SiemStream.AUDIT);
        boolean alertStream = d.destination().receives(SiemStream.SECURITY_ALERTS);
        for (Item i : t.getValue()) {
          AuditRecord a = i.record();
          boolean alert = a.securityAlert().isPresent();
          if (audit || (alertStream && alert)) {
            String json = logJson.get(i);
            if (json == null) {
              json = DatadogPayloads.log(a, settings.env());
              logJson.put(i, json);
            }
            Outbound o = Outbound.log(a, json);
            out.add(o);
            owners.put(o, List.of(i));
          }
          if (alertStream
              && alert
              && !AuditActions.ALERT_AUTH_FAILURE.equals(a.securityAlert().get())) {
            Outbound o = Outbound.alertEvent(a, DatadogPayloads.alertEvent(a, settings.env(), now));
            out.add(o);
            owners.put(o, List.of(i));
          }
        }
        if (alertStream) {
          for (BurstFound b : found) {
            Outbound o =
                Outbound.burstEvent(
                    b.burst(), DatadogPayloads.burstEvent(b.burst(), settings.env(), now));
            out.add(o);
            owners.put(o, b.items());
          }
        }
        jobs.add(new Job(d, out));
      }
    }

    // Deliver: destinations in parallel, each one's requests in order.
    Supplier<Optional<Deadline>> callDeadline =
        () -> {
          Duration left = invocation.remaining().minus(settings.reserve());
          if (left.compareTo(MIN_CALL_TIME) < 0) {
            return Optional.empty();
          }
          Duration budget =
              left.compareTo(settings.callBudget()) < 0 ? left : settings.callBudget();
          return Optional.of(Deadline.after(budget, invocation.ticker()));
        };
    run(jobs, callDeadline, requestId);

    // Settle: delivered, dead-lettered, or reported for a retry.
    List<DeadLetter> letters = new ArrayList<>(unreadable);
    List<List<Item>> letterOwners = new ArrayList<>();
    unreadableSequences.forEach(s -> letterOwners.add(List.of(new Item(s, null))));
    Map<Outbound, Integer> letterIndex = new IdentityHashMap<>();
    int delivered = 0;
    int logs = 0;
    int events = 0;
    for (Job job : jobs) {
      for (Outbound o : job.items()) {
        if (o.delivered()) {
          delivered++;
          if (o.kind() == DeadLetter.Kind.LOG) {
            logs++;
          } else {
            events++;
          }
        } else {
          // Not delivered, or not even attempted before the invocation's time ran out: the
          // dead-letter queue keeps it with its content (the stream's retries would re-send what
          // was delivered after it, and its failure destination only holds pointers).
          letterIndex.put(o, letters.size());
          letters.add(
              o.deadLetter(
                  job.d().destination().tenantId(), job.d().destination().destinationId(), now));
          letterOwners.add(owners.get(o));
        }
      }
    }
    java.util.Set<Integer> unwritten = letters.isEmpty() ? java.util.Set.of() : dlq.send(letters);
    for (int idx : unwritten) {
      letterOwners.get(idx).forEach(i -> failedSequences.add(i.sequenceNumber()));
    }
    // A burst is handled once every destination delivered or dead-lettered its event.
    Map<String, Boolean> burstDone = new TreeMap<>();
    for (Job job : jobs) {
      for (Outbound o : job.items()) {
        if (o.kind() != DeadLetter.Kind.BURST_EVENT) {
          continue;
        }
        Integer letterIdx = letterIndex.get(o);
        boolean ok = o.delivered() || (letterIdx != null && !unwritten.contains(letterIdx));
        String k = o.burst().get().tenantId() + "\n" + o.burst().get().windowStart();
        burstDone.merge(k, ok, Boolean::logicalAnd);
      }
    }
    burstDone.forEach(
        (k, ok) -> {
          if (ok) {
            String[] parts = k.split("\n");
            bursts.markHandled(parts[0], Long.parseLong(parts[1]));
          }
        });

    List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
    for (String seq : failedSequences) {
      failures.add(new StreamsEventResponse.BatchItemFailure(seq));
    }
    int deadLettered = letters.size() - unwritten.size();
    Stats stats =
        new Stats(records.size(), skipped, delivered, deadLettered, failures.size(), logs, events);
    if (deadLettered > 0 || !failures.isEmpty()) {
      LOG.warn(
          "audit stream batch: {} records, {} delivered, {} dead-lettered, {} reported for retry",
          records.size(),
          delivered,
          deadLettered,
          failures.size());
    }
    return new Result(new StreamsEventResponse(failures), stats);
  }

  private record Job(ResolvedDestination d, List<Outbound> items) {}

  private record BurstFound(AuthFailureBurst burst, List<Item> items) {}

  /** Bursts of this batch whose alert is still to be raised. */
  private List<BurstFound> bursts(String tenant, List<Item> items, Instant now) {
    int window = (int) settings.burstWindow().getSeconds();
    TreeMap<Long, List<Item>> byWindow = new TreeMap<>();
    for (Item i : items) {
      if (i.record().countsAsAuthFailure()) {
        long ws = Math.floorDiv(i.record().time().getEpochSecond(), window) * window;
        byWindow.computeIfAbsent(ws, w -> new ArrayList<>()).add(i);
      }
    }
    List<BurstFound> out = new ArrayList<>();
    for (Map.Entry<Long, List<Item>> w : byWindow.entrySet()) {
      List<String> ids = w.getValue().stream().map(i -> i.record().auditId()).toList();
      AuthFailureBursts.Window state =
          bursts.observe(
              tenant,
              w.getKey(),
              ids,
              settings.burstThreshold(),
              Instant.ofEpochSecond(w.getKey()).plus(Duration.ofDays(2)));
      if (state.count() >= settings.burstThreshold() && !state.handled()) {
        out.add(
            new BurstFound(
                new AuthFailureBurst(
                    tenant,
                    w.getKey(),
                    window,
                    state.count(),
                    ids.subList(0, Math.min(BURST_SAMPLE, ids.size()))),
                w.getValue()));
      }
    }
    return out;
  }

  private void run(List<Job> jobs, Supplier<Optional<Deadline>> callDeadline, String requestId) {
    if (jobs.size() <= 1 || settings.concurrency() <= 1) {
      for (Job j : jobs) {
        sender.deliver(j.d(), j.items(), callDeadline, requestId);
      }
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(settings.concurrency(), jobs.size()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Job j : jobs) {
        futures.add(pool.submit(() -> sender.deliver(j.d(), j.items(), callDeadline, requestId)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          LOG.error("delivery to a destination failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
