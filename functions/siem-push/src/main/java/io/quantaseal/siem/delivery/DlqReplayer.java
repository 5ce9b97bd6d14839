package io.quantaseal.siem.delivery;

import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.siem.SiemSettings;
import io.quantaseal.siem.destinations.ResolvedDestination;
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
   * @param messages SQS messages read
   * @param received letters (undelivered items) in them
   * @param delivered letters delivered now
   * @param kept letters left in the queue
   * @param keptByReason why they were kept
   */
  public record Report(
      int messages, int received, int delivered, int kept, Map<String, Integer> keptByReason) {
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
    Counts c = new Counts();
    int empties = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (c.messages < maxMessages && !deadline.expired()) {
      List<DeadLetterQueue.Received> round = new ArrayList<>();
      int letters = 0;
      while (letters < ROUND && c.messages + round.size() < maxMessages && empties < 2) {
        List<DeadLetterQueue.Received> got =
            dlq.receive(
                Math.min(10, maxMessages - c.messages - round.size()),
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
          letters += fresh.stream().mapToInt(m -> m.letters().size()).sum();
        }
      }
      if (round.isEmpty()) {
        break;
      }
      c.messages += round.size();
      deliver(round, deadline, c);
      if (empties >= 2) {
        break;
      }
    }
    return new Report(c.messages, c.received, c.delivered, c.kept(), c.kept);
  }

  private static final class Counts {
    int messages;
    int received;
    int delivered;
    final Map<String, Integer> kept = new TreeMap<>();

    int kept() {
      return kept.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private void deliver(List<DeadLetterQueue.Received> round, Deadline deadline, Counts c) {
    Instant now = clock.instant();
    // What each letter became: null until delivered or kept with a reason.
    Map<DeadLetter, String> outcome = new IdentityHashMap<>();
    Map<String, List<DeadLetter>> byDestination = new LinkedHashMap<>();
    for (DeadLetterQueue.Received m : round) {
      if (!m.readable()) {
        c.kept.merge("unreadable_message", 1, Integer::sum);
        continue;
      }
      for (DeadLetter l : m.letters()) {
        c.received++;
        if (l.kind() == DeadLetter.Kind.UNREADABLE) {
          outcome.put(l, l.reason());
          continue;
        }
        byDestination
            .computeIfAbsent(l.tenantId() + "\n" + l.destinationId(), k -> new ArrayList<>())
            .add(l);
      }
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
    for (Map.Entry<String, List<DeadLetter>> e : byDestination.entrySet()) {
      String[] key = e.getKey().split("\n", 2);
      Optional<SiemDestination> dest = destinations.repository().find(key[0], key[1]);
      if (dest.isEmpty()) {
        e.getValue().forEach(l -> outcome.put(l, "destination_missing"));
        continue;
      }
      ResolvedDestination d = destinations.resolve(dest.get());
      Map<Outbound, DeadLetter> source = new IdentityHashMap<>();
      List<Outbound> items = new ArrayList<>();
      for (DeadLetter l : e.getValue()) {
        Outbound o = rebuild(l, now);
        source.put(o, l);
        items.add(o);
      }
      sender.deliver(d, items, callDeadline, "replay");
      for (Outbound o : items) {
        outcome.put(
            source.get(o),
            o.delivered() ? null : o.result().map(DeliveryResult::reason).orElse("not_attempted"));
      }
    }
    // Settle each message: delete it when all its letters went out; when some did, put the rest
    // back as a new message first; when none did, leave it (it reappears after its visibility).
    List<DeadLetterQueue.Received> done = new ArrayList<>();
    for (DeadLetterQueue.Received m : round) {
      if (!m.readable()) {
        continue;
      }
      List<DeadLetter> rest = new ArrayList<>();
      for (DeadLetter l : m.letters()) {
        String reason = outcome.get(l);
        if (reason == null && outcome.containsKey(l)) {
          c.delivered++;
        } else {
          String why = reason == null ? "not_attempted" : reason;
          c.kept.merge(why, 1, Integer::sum);
          rest.add(l.withReason(why, now));
        }
      }
      if (rest.isEmpty()) {
        done.add(m);
      } else if (rest.size() < m.letters().size() && dlq.send(rest).isEmpty()) {
        done.add(m);
      }
    }
    if (!done.isEmpty()) {
      dlq.delete(done);
    }
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
      case CHECKPOINT_LOG ->
          Outbound.checkpointLog(
              l.checkpoint().orElseThrow(),
              DatadogPayloads.checkpointLog(l.checkpoint().get(), settings.env()));
      case UNREADABLE -> throw new IllegalStateException("unreadable letters are not replayed");
    };
  }
}
