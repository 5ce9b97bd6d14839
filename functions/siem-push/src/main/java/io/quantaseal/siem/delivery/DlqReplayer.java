package io.quantaseal.siem.delivery;

import io.quantaseal.common.datadog.Deadline;
import io.quantaseal.siem.SiemSettings;
import io.quantaseal.siem.destinations.ResolvedDestination;
import io.quantaseal.siem.destinations.SiemDestination;
import io.quantaseal.siem.destinations.SiemDestinations;
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
import java.util.function.Supplier;

/**
 * Re-sends what the dead-letter queue holds (docs/siem.md, "Replay"): reads messages, rebuilds each
 * log or event from the record's safe fields (same stable id), delivers them per destination in
 * full batches, and deletes exactly the messages that were delivered. The rest stay in the queue
 * (hidden until their visibility timeout ends, so one replay never loops on them) and are counted
 * by reason.
 */
public final class DlqReplayer {
  /** Messages gathered before a delivery round (so logs go in full batches of 1000). */
  static final int ROUND = 2000;

  private final DeadLetterQueue dlq;
  private final SiemDestinations destinations;
  private final DestinationSender sender;
  private final SiemSettings settings;
  private final Clock clock;

  public DlqReplayer(
      DeadLetterQueue dlq,
      SiemDestinations destinations,
      DestinationSender sender,
      SiemSettings settings,
      Clock clock) {
    this.dlq = dlq;
    this.destinations = destinations;
    this.sender = sender;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * @param received messages read
   * @param delivered delivered and deleted
   * @param kept left in the queue
   * @param keptByReason why they were kept
   */
  public record Report(int received, int delivered, int kept, Map<String, Integer> keptByReason) {
    public Report {
      keptByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(keptByReason));
    }
  }

  /**
   * Replays up to {@code maxMessages} messages.
   *
   * @param visibility how long read messages stay hidden (longer than one round takes)
   * @param deadline when to stop starting new work
   */
  public Report replay(int maxMessages, Duration visibility, Deadline deadline) {
    int received = 0;
    int delivered = 0;
    Map<String, Integer> kept = new TreeMap<>();
    int empties = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (received < maxMessages && !deadline.expired()) {
      List<DeadLetterQueue.Received> round = new ArrayList<>();
      while (round.size() < ROUND && received + round.size() < maxMessages && empties < 2) {
        List<DeadLetterQueue.Received> got =
            dlq.receive(
                Math.min(10, maxMessages - received - round.size()),
                visibility,
                Duration.ofSeconds(1));
        // A message kept earlier in this run may come back once its visibility ends: skip it.
        List<DeadLetterQueue.Received> fresh =
            got.stream().filter(m -> seen.add(m.messageId())).toList();
        if (fresh.isEmpty()) {
          empties++;
        } else {
          empties = 0;
          round.addAll(fresh);
        }
      }
      if (round.isEmpty()) {
        break;
      }
      received += round.size();
      delivered += deliver(round, deadline, kept);
      if (empties >= 2) {
        break;
      }
    }
    int keptTotal = kept.values().stream().mapToInt(Integer::intValue).sum();
    return new Report(received, delivered, keptTotal, kept);
  }

  private int deliver(
      List<DeadLetterQueue.Received> round, Deadline deadline, Map<String, Integer> kept) {
    Instant now = clock.instant();
    Map<String, List<DeadLetterQueue.Received>> byDestination = new LinkedHashMap<>();
    for (DeadLetterQueue.Received m : round) {
      Optional<DeadLetter> l = m.letter();
      if (l.isEmpty()) {
        kept.merge("unreadable_message", 1, Integer::sum);
        continue;
      }
      if (l.get().kind() == DeadLetter.Kind.UNREADABLE) {
        kept.merge("unreadable_stream_record", 1, Integer::sum);
        continue;
      }
      byDestination
          .computeIfAbsent(
              l.get().tenantId() + "\n" + l.get().destinationId(), k -> new ArrayList<>())
          .add(m);
    }
    Supplier<Optional<Deadline>> callDeadline =
        () -> {
          Duration left = deadline.remaining();
          if (left.compareTo(Duration.ofMillis(500)) < 0) {
            return Optional.empty();
          }
          Duration budget =
              left.compareTo(settings.callBudget()) < 0 ? left : settings.callBudget();
          return Optional.of(Deadline.after(budget, deadline.ticker()));
        };
    List<DeadLetterQueue.Received> done = new ArrayList<>();
    for (Map.Entry<String, List<DeadLetterQueue.Received>> e : byDestination.entrySet()) {
      String[] key = e.getKey().split("\n", 2);
      Optional<SiemDestination> dest = destinations.repository().find(key[0], key[1]);
      if (dest.isEmpty()) {
        kept.merge("destination_missing", e.getValue().size(), Integer::sum);
        continue;
      }
      ResolvedDestination d = destinations.resolve(dest.get());
      Map<Outbound, DeadLetterQueue.Received> source = new IdentityHashMap<>();
      List<Outbound> items = new ArrayList<>();
      for (DeadLetterQueue.Received m : e.getValue()) {
        Outbound o = rebuild(m.letter().get(), now);
        source.put(o, m);
        items.add(o);
      }
      sender.deliver(d, items, callDeadline, "replay");
      for (Outbound o : items) {
        if (o.delivered()) {
          done.add(source.get(o));
        } else {
          kept.merge(
              o.result().map(DeliveryResult::reason).orElse("not_attempted"), 1, Integer::sum);
        }
      }
    }
    return done.isEmpty() ? 0 : dlq.delete(done);
  }

  private Outbound rebuild(DeadLetter l, Instant now) {
    return switch (l.kind()) {
      case LOG ->
          Outbound.log(
              l.record().orElseThrow(), DatadogPayloads.log(l.record().get(), settings.env()));
      case ALERT_EVENT ->
          Outbound.alertEvent(
              l.record().orElseThrow(),
              DatadogPayloads.alertEvent(l.record().get(), settings.env(), now));
      case BURST_EVENT ->
          Outbound.burstEvent(
              l.burst().orElseThrow(),
              DatadogPayloads.burstEvent(l.burst().get(), settings.env(), now));
      case UNREADABLE -> throw new IllegalStateException("unreadable letters are not replayed");
    };
  }
}
