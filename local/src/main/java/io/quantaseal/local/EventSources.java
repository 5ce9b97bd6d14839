package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.lambda.LambdaEventJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's non-API event sources, run as AWS runs them: every {@code Schedule} event invokes
 * its function with an EventBridge {@code Scheduled Event} at its rate (or at the interval given
 * locally), and every {@code DynamoDB} event is a {@link StreamEventSource} on the table's stream.
 * Nothing here calls a service class: the functions get the events Lambda would give them.
 */
final class EventSources implements AutoCloseable {
  /** Local choices: the schedules' interval (empty: the template's rate), stream timing, clock. */
  record Options(
      Optional<Duration> scheduleInterval,
      StreamEventSource.Timing streamTiming,
      Optional<Path> checkpointDir) {}

  private final ScheduledExecutorService scheduler;
  private final List<StreamEventSource> streams;
  private final List<Thread> threads;
  private final List<String> descriptions;

  private EventSources(
      ScheduledExecutorService scheduler,
      List<StreamEventSource> streams,
      List<Thread> threads,
      List<String> descriptions) {
    this.scheduler = scheduler;
    this.streams = streams;
    this.threads = threads;
    this.descriptions = descriptions;
  }

  static EventSources start(
      SamTemplate template,
      StreamEventSource.Invoker invoker,
      QuantaSealConfig config,
      DynamoDbClient dynamo,
      DynamoDbStreamsClient streamsClient,
      LocalQueues queues,
      Options options,
      PrintStream log) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "local-schedule");
              t.setDaemon(true);
              return t;
            });
    List<StreamEventSource> streams = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    Map<String, String> tables =
        Map.of(
            EnvironmentNames.VAULT_TABLE, config.vaultTable(),
            EnvironmentNames.API_KEYS_TABLE, config.apiKeysTable(),
            EnvironmentNames.AUDIT_TABLE, config.auditTable());
    for (SamTemplate.Function f : template.functions().values()) {
      for (SamTemplate.ScheduleEvent s : f.schedules()) {
        if (!s.enabled()) {
          continue;
        }
        Optional<Duration> every = options.scheduleInterval().or(s::rate);
        if (every.isEmpty()) {
          descriptions.add(f.logicalId() + "." + s.name() + ": " + s.expression() + " (not run)");
          continue;
        }
        long ms = every.get().toMillis();
        java.util.concurrent.atomic.AtomicReference<String> last =
            new java.util.concurrent.atomic.AtomicReference<>();
        scheduler.scheduleAtFixedRate(
            () -> fire(invoker, f.logicalId(), s.name(), last, log), ms, ms, TimeUnit.MILLISECONDS);
        descriptions.add(
            f.logicalId()
                + "."
                + s.name()
                + ": every "
                + seconds(every.get())
                + (options.scheduleInterval().isPresent() ? " (--siem-interval)" : ""));
      }
      for (SamTemplate.StreamEvent e : f.streams()) {
        String table =
            f.environmentRefs().entrySet().stream()
                .filter(v -> v.getValue().equals(e.tableId()))
                .map(v -> tables.get(v.getKey()))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            f.logicalId()
                                + "."
                                + e.name()
                                + " reads "
                                + e.tableId()
                                + ", which no table variable of the function names"));
        String arn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        if (arn == null) {
          throw new IllegalStateException(table + " has no stream (StreamSpecification)");
        }
        Optional<StreamEventSource.FailureDestination> onFailure =
            e.onFailureId()
                .flatMap(queues::url)
                .flatMap(url -> queues.sqs().map(sqs -> sender(sqs, url)));
        StreamCheckpoints checkpoints =
            options
                .checkpointDir()
                .map(
                    d ->
                        StreamCheckpoints.inFile(
                            d.resolve(f.logicalId() + "." + e.name() + ".json")))
                .orElseGet(StreamCheckpoints::inMemory);
        StreamEventSource source =
            new StreamEventSource(
                f.logicalId(),
                e,
                streamsClient,
                arn,
                invoker,
                onFailure,
                checkpoints,
                options.streamTiming(),
                log,
                Clock.systemUTC());
        Thread t = new Thread(source, "local-stream-" + f.logicalId() + "-" + e.name());
        t.setDaemon(true);
        streams.add(source);
        threads.add(t);
        descriptions.add(
            f.logicalId()
                + "."
                + e.name()
                + ": stream of "
                + table
                + ", batches of "
                + e.batchSize()
                + " within "
                + seconds(e.batchingWindow())
                + (e.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "")
                + ", "
                + e.maximumRetryAttempts()
                + " retries, on failure -> "
                + (onFailure.isPresent() ? e.onFailureId().orElse("?") : "the log"));
      }
    }
    threads.forEach(Thread::start);
    return new EventSources(scheduler, streams, threads, descriptions);
  }

  private static StreamEventSource.FailureDestination sender(SqsClient sqs, String url) {
    return json -> sqs.sendMessage(m -> m.queueUrl(url).messageBody(json));
  }

  /** One scheduled invocation; its answer is logged when it differs from the previous one. */
  private static void fire(
      StreamEventSource.Invoker invoker,
      String functionId,
      String name,
      java.util.concurrent.atomic.AtomicReference<String> last,
      PrintStream log) {
    ObjectNode e = LambdaEventJson.mapper().createObjectNode();
    e.put("version", "0");
    e.put("id", UUID.randomUUID().toString());
    e.put("detail-type", "Scheduled Event");
    e.put("source", "aws.events");
    e.put("account", "000000000000");
    e.put(
        "time",
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    e.put("region", "us-east-1");
    e.putArray("resources")
        .add("arn:aws:events:us-east-1:000000000000:rule/" + functionId + "-" + name);
    e.putObject("detail");
    long start = System.nanoTime();
    try {
      JsonNode answer = invoker.invoke(functionId, e);
      String text = answer == null ? "null" : answer.toString();
      if (text.equals(last.getAndSet(text))) {
        return; // the same as last time (nothing to push): not worth a line every interval
      }
      log.printf(
          "event-source: %s.%s -> %s (%d ms)%n",
          functionId,
          name,
          text.length() > 400 ? text.substring(0, 400) + "…" : text,
          (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException ex) {
      // The schedule is asynchronous with MaximumRetryAttempts 0: the error is logged, not retried.
      log.println("event-source: " + functionId + "." + name + " failed: " + ex.getMessage());
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
  }

  /** One line per source, for the banner. */
  List<String> descriptions() {
    return List.copyOf(descriptions);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    streams.forEach(StreamEventSource::stop);
    for (Thread t : threads) {
      t.interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
