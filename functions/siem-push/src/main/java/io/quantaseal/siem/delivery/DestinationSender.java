package io.quantaseal.siem.delivery;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.datadog.DatadogOperation;
import io.quantaseal.siem.SiemSettings;
import io.quantaseal.siem.destinations.ResolvedDestination;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Delivers a list of {@link Outbound}s to one destination and sets each one's result: logs in
 * batches within Datadog's limits, events one per request, {@code eventConcurrency} at a time (the
 * shared client makes every one of them wait out a rate limit that another was told of). A 403
 * stops the destination at once ({@link DestinationHealth}): that request and everything after it
 * for the destination get {@link DeliveryResult.Forbidden} without further calls. A batch refused
 * with 400/413 is split in halves until the refused entries are isolated. When {@code deadline}
 * says no time is left, what was not attempted keeps an empty result.
 */
public final class DestinationSender {
  /** Calls (each with the client's retries) one log batch may take within an invocation. */
  static final int LOG_CALLS = 3;

  private final SiemDelivery delivery;
  private final DestinationHealth health;
  private final DeliveryStats stats;
  private final SiemSettings settings;

  public DestinationSender(
      SiemDelivery delivery, DestinationHealth health, DeliveryStats stats, SiemSettings settings) {
    this.delivery = delivery;
    this.health = health;
    this.stats = stats;
    this.settings = settings;
  }

  /**
   * @param d the destination
   * @param items what to deliver (logs and events, any order)
   * @param callDeadline a deadline for the next call, or empty when no time is left
   * @param requestId request id of audit records this writes (the 403 alert)
   */
  public void deliver(
      ResolvedDestination d,
      List<Outbound> items,
      Supplier<Optional<Deadline>> callDeadline,
      String requestId) {
    if (items.isEmpty()) {
      return;
    }
    if (!d.active()) {
      DeliveryResult r = new DeliveryResult.Failed("destination_" + d.status().id(), 0);
      items.forEach(i -> i.result(r));
      return;
    }
    Optional<DatadogTarget> target = delivery.open(d);
    if (target.isEmpty()) {
      DeliveryResult r = new DeliveryResult.Failed("credential_unavailable", 0);
      items.forEach(i -> i.result(r));
      return;
    }
    Run run = new Run(d, target.get(), callDeadline, requestId);
    List<Outbound> logs = new ArrayList<>();
    List<Outbound> events = new ArrayList<>();
    for (Outbound o : items) {
      (o.kind().isLog() ? logs : events).add(o);
    }
    List<String> texts = logs.stream().map(Outbound::json).toList();
    for (int[] range :
        LogBatches.ranges(texts, settings.logsMaxEntries(), settings.logsMaxBytes())) {
      run.logs(logs.subList(range[0], range[1]));
    }
    sendEvents(run, events);
  }

  /** Events one per request (Datadog's events API has no batch), several at a time. */
  private void sendEvents(Run run, List<Outbound> events) {
    int workers = Math.min(settings.eventConcurrency(), events.size());
    if (workers <= 1) {
      events.forEach(run::event);
      return;
    }
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < events.size(); i = next.getAndIncrement()) {
            run.event(events.get(i));
          }
        };
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "siem-events");
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        running.add(pool.submit(worker));
      }
      for (java.util.concurrent.Future<?> f : running) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("event delivery failed", e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return; // what was not attempted keeps an empty result
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private final class Run {
    final ResolvedDestination d;
    final DatadogTarget target;
    final Supplier<Optional<Deadline>> callDeadline;
    final String requestId;
    volatile DeliveryResult stopped;

    Run(
        ResolvedDestination d,
        DatadogTarget target,
        Supplier<Optional<Deadline>> callDeadline,
        String requestId) {
      this.d = d;
      this.target = target;
      this.callDeadline = callDeadline;
      this.requestId = requestId;
    }

    void logs(List<Outbound> batch) {
      if (stopped != null) {
        batch.forEach(o -> o.result(stopped));
        return;
      }
      Optional<Deadline> deadline = callDeadline.get();
      if (deadline.isEmpty()) {
        return; // not attempted
      }
      List<String> texts = batch.stream().map(Outbound::json).toList();
      String body = LogBatches.body(texts, 0, texts.size());
      DeliveryResult r = delivery.send(target, DatadogOperation.SEND_LOG, body, deadline.get());
      // A batch holds up to 1000 records: while the invocation has time, a batch that failed
      // after the client's retries (429/5xx/no answer) gets up to LOG_CALLS calls in all.
      for (int call = 1; call < LOG_CALLS && r instanceof DeliveryResult.Failed; call++) {
        Optional<Deadline> again = callDeadline.get();
        if (again.isEmpty()) {
          break;
        }
        r = delivery.send(target, DatadogOperation.SEND_LOG, body, again.get());
      }
      if (r instanceof DeliveryResult.Refused && batch.size() > 1) {
        int mid = batch.size() / 2;
        logs(batch.subList(0, mid));
        logs(batch.subList(mid, batch.size()));
        return;
      }
      settle(batch, r, DatadogOperation.SEND_LOG);
    }

    void event(Outbound e) {
      if (stopped != null) {
        e.result(stopped);
        return;
      }
      Optional<Deadline> deadline = callDeadline.get();
      if (deadline.isEmpty()) {
        return;
      }
      DeliveryResult r =
          delivery.send(target, DatadogOperation.SEND_EVENT, e.json(), deadline.get());
      settle(List.of(e), r, DatadogOperation.SEND_EVENT);
    }

    private void settle(List<Outbound> batch, DeliveryResult r, DatadogOperation op) {
      batch.forEach(o -> o.result(r));
      stats.record(d.destination().tenantId(), d.destination().destinationId(), r, batch.size());
      if (r instanceof DeliveryResult.Forbidden) {
        boolean first;
        synchronized (this) {
          first = stopped == null;
          stopped = r;
        }
        if (first) {
          health.credentialRejected(d, op.endpoint().path(), requestId);
        }
      }
    }
  }
}
