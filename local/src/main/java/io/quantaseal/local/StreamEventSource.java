package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.lambda.DynamodbStreamEventJson;
import io.quantaseal.common.lambda.LambdaEventJson;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One {@code DynamoDB} event of a function, run the way Lambda's event source mapping runs it
 * (ParallelizationFactor 1): reads the table's stream through the DynamoDB Streams API
 * (DescribeStream, GetShardIterator, GetRecords), shards in parent-before-child order, and invokes
 * the function with the real stream event — at most {@code BatchSize} records, gathered for at most
 * {@code MaximumBatchingWindowInSeconds}, one batch at a time per shard, in order.
 *
 * <ul>
 *   <li>An answer with {@code batchItemFailures} ({@code ReportBatchItemFailures}): the records
 *       before the lowest reported sequence number are done; the batch is retried from it. An
 *       identifier that is not in the batch fails the whole batch, as in Lambda.
 *   <li>A function error: the whole batch is retried; with {@code BisectBatchOnFunctionError} it is
 *       split in halves first, each half retried on its own.
 *   <li>After {@code MaximumRetryAttempts} retries (or past {@code MaximumRecordAgeInSeconds}), the
 *       batch is skipped and its description — shard and sequence numbers, not the records, as
 *       Lambda writes it — is sent to the {@code OnFailure} destination.
 * </ul>
 *
 * Between retries it waits {@code retryBackoff}, doubled per retry up to 30 s.
 */
final class StreamEventSource implements Runnable {
  /** Where a skipped batch's description goes; empty: nowhere but the log. */
  interface FailureDestination {
    void send(String json);
  }

  /**
   * Calls the function with an event; a handler error is a {@link
   * LocalFunctions.FunctionException}.
   */
  interface Invoker {
    JsonNode invoke(String functionId, JsonNode event);
  }

  /** Tunables that are not in the template (local choices). */
  record Timing(Duration pollInterval, Duration retryBackoff, Duration maxRetryBackoff) {
    static Timing defaults() {
      return new Timing(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
  }

  private final String functionId;
  private final String functionArn;
  private final SamTemplate.StreamEvent config;
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final Invoker invoker;
  private final Optional<FailureDestination> onFailure;
  private final StreamCheckpoints checkpoints;
  private final Timing timing;
  private final PrintStream log;
  private final Clock clock;
  private final Map<String, ShardState> shards = new LinkedHashMap<>();
  private volatile boolean stopped;
  private long lastDescribe;

  StreamEventSource(
      String functionId,
      SamTemplate.StreamEvent config,
      DynamoDbStreamsClient streams,
      String streamArn,
      Invoker invoker,
      Optional<FailureDestination> onFailure,
      StreamCheckpoints checkpoints,
      Timing timing,
      PrintStream log,
      Clock clock) {
    this.functionId = functionId;
    this.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:" + functionId;
    this.config = config;
    this.streams = streams;
    this.streamArn = streamArn;
    this.invoker = invoker;
    this.onFailure = onFailure;
    this.checkpoints = checkpoints;
    this.timing = timing;
    this.log = log;
    this.clock = clock;
  }

  /** One shard as the mapping reads it. */
  private static final class ShardState {
    final String shardId;
    final String parentId;
    String iterator;
    boolean started;
    boolean exhausted; // the shard is closed and everything was read
    final List<Record> buffer = new ArrayList<>();
    long firstBufferedNanos;

    ShardState(String shardId, String parentId) {
      this.shardId = shardId;
      this.parentId = parentId;
    }

    boolean done() {
      return exhausted && buffer.isEmpty();
    }
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    while (!stopped) {
      boolean busy = false;
      try {
        describe();
        for (ShardState s : List.copyOf(shards.values())) {
          if (stopped) {
            return;
          }
          busy |= poll(s);
        }
      } catch (SdkException e) {
        if (stopped) {
          return;
        }
        log.println("event-source: " + label() + ": reading the stream failed (" + e + ")");
      }
      if (!busy) {
        sleep(timing.pollInterval());
      }
    }
  }

  private String label() {
    return functionId + "." + config.name();
  }

  /** Learns new shards (once a second). */
  private void describe() {
    long now = System.nanoTime();
    if (!shards.isEmpty() && now - lastDescribe < 1_000_000_000L) {
      return;
    }
    lastDescribe = now;
    String start = null;
    do {
      String from = start;
      var d =
          streams
              .describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(from))
              .streamDescription();
      for (Shard sh : d.shards()) {
        shards.computeIfAbsent(sh.shardId(), id -> new ShardState(id, sh.parentShardId()));
      }
      start = d.lastEvaluatedShardId();
    } while (start != null);
  }

  /** Reads and delivers what is due on one shard; true if it did anything. */
  private boolean poll(ShardState s) {
    if (s.done()) {
      return false;
    }
    if (!s.started) {
      ShardState parent = s.parentId == null ? null : shards.get(s.parentId);
      if (parent != null && !parent.done()) {
        return false; // children after their parent, as Lambda reads them
      }
      if (checkpoints.finished(streamArn, s.shardId)) {
        s.exhausted = true;
        return false;
      }
      s.iterator = firstIterator(s);
      s.started = true;
    }
    boolean did = false;
    if (!s.exhausted && s.buffer.size() < config.batchSize()) {
      String it = s.iterator;
      int room = Math.min(1000, config.batchSize() - s.buffer.size());
      try {
        var page = streams.getRecords(r -> r.shardIterator(it).limit(room));
        if (!page.records().isEmpty()) {
          if (s.buffer.isEmpty()) {
            s.firstBufferedNanos = System.nanoTime();
          }
          s.buffer.addAll(page.records());
          did = true;
        }
        s.iterator = page.nextShardIterator();
        if (s.iterator == null) {
          s.exhausted = true;
        }
      } catch (ExpiredIteratorException expired) {
        s.iterator = iteratorAfterLast(s);
        return true;
      }
    }
    if (s.buffer.isEmpty()) {
      if (s.exhausted) {
        checkpoints.finish(streamArn, s.shardId);
      }
      return did;
    }
    boolean full = s.buffer.size() >= config.batchSize();
    boolean windowOver =
        System.nanoTime() - s.firstBufferedNanos >= config.batchingWindow().toNanos();
    if (full || windowOver || s.exhausted) {
      List<Record> batch =
          new ArrayList<>(s.buffer.subList(0, Math.min(config.batchSize(), s.buffer.size())));
      s.buffer.subList(0, batch.size()).clear();
      s.firstBufferedNanos = System.nanoTime();
      if (!deliver(s.shardId, batch)) {
        return true; // stopped: the batch is read again next time
      }
      checkpoints.advance(
          streamArn, s.shardId, batch.get(batch.size() - 1).dynamodb().sequenceNumber());
      if (s.exhausted && s.buffer.isEmpty()) {
        checkpoints.finish(streamArn, s.shardId);
      }
      return true;
    }
    return did;
  }

  private String firstIterator(ShardState s) {
    Optional<String> after = checkpoints.position(streamArn, s.shardId);
    try {
      if (after.isPresent()) {
        return streams
            .getShardIterator(
                r ->
                    r.streamArn(streamArn)
                        .shardId(s.shardId)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(after.get()))
            .shardIterator();
      }
    } catch (TrimmedDataAccessException trimmed) {
      log.println(
          "event-source: " + label() + ": checkpoint trimmed, reading from the oldest record");
    }
    ShardIteratorType type =
        s.parentId != null || "TRIM_HORIZON".equals(config.startingPosition())
            ? ShardIteratorType.TRIM_HORIZON
            : ShardIteratorType.LATEST;
    return streams
        .getShardIterator(r -> r.streamArn(streamArn).shardId(s.shardId).shardIteratorType(type))
        .shardIterator();
  }

  private String iteratorAfterLast(ShardState s) {
    s.buffer.clear();
    return firstIterator(s);
  }

  /**
   * Delivers one batch until it succeeds, is skipped after the retry budget, or the source stops.
   */
  private boolean deliver(String shardId, List<Record> batch) {
    List<List<Record>> pending = new ArrayList<>();
    pending.add(batch);
    while (!pending.isEmpty() && !stopped) {
      List<Record> current = pending.remove(0);
      int retries = 0;
      int invocations = 0;
      while (!current.isEmpty() && !stopped) {
        invocations++;
        Outcome o = invoke(current);
        if (o.failedFrom == 0 && o.error && config.bisectOnError() && current.size() > 1) {
          int mid = current.size() / 2;
          pending.add(0, new ArrayList<>(current.subList(mid, current.size())));
          pending.add(0, new ArrayList<>(current.subList(0, mid)));
          current = List.of();
          break;
        }
        if (o.failedFrom < 0) {
          current = List.of(); // everything went through
          break;
        }
        current = new ArrayList<>(current.subList(o.failedFrom, current.size()));
        String condition = null;
        if (config.maximumRetryAttempts() >= 0 && retries >= config.maximumRetryAttempts()) {
          condition = "RetryAttemptsExhausted";
        } else if (config.maximumRecordAge().isPresent()
            && current.get(0).dynamodb().approximateCreationDateTime() != null
            && current
                .get(0)
                .dynamodb()
                .approximateCreationDateTime()
                .plus(config.maximumRecordAge().get())
                .isBefore(clock.instant())) {
          condition = "RecordAgeExceeded";
        }
        if (condition != null) {
          skip(shardId, current, condition, invocations, o.error);
          current = List.of();
          break;
        }
        retries++;
        long backoff =
            Math.min(
                timing.maxRetryBackoff().toMillis(),
                timing.retryBackoff().toMillis() << Math.min(retries - 1, 20));
        log.printf(
            "event-source: %s: %d record(s) of shard %s %s, retry %d in %d ms%n",
            label(),
            current.size(),
            shortId(shardId),
            o.error ? "failed (function error)" : "reported in batchItemFailures",
            retries,
            backoff);
        sleep(Duration.ofMillis(backoff));
      }
    }
    return !stopped;
  }

  /** What one invocation left: the index of the first record to retry (-1: none), and why. */
  private record Outcome(int failedFrom, boolean error) {}

  private Outcome invoke(List<Record> batch) {
    ObjectNode event = DynamodbStreamEventJson.event(batch, streamArn);
    JsonNode answer;
    long start = System.nanoTime();
    try {
      answer = invoker.invoke(functionId, event);
      log.printf(
          "event-source: %s: %d record(s) -> %d in batchItemFailures (%d ms)%n",
          label(),
          batch.size(),
          answer == null ? 0 : answer.path("batchItemFailures").size(),
          (System.nanoTime() - start) / 1_000_000);
    } catch (LocalFunctions.FunctionException e) {
      log.println("event-source: " + label() + ": " + e.errorType() + ": " + e.getMessage());
      return new Outcome(0, true);
    } catch (RuntimeException e) {
      log.println("event-source: " + label() + ": " + e);
      return new Outcome(0, true);
    }
    if (!config.reportBatchItemFailures()) {
      return new Outcome(-1, false);
    }
    JsonNode failures = answer == null ? null : answer.path("batchItemFailures");
    if (failures == null || !failures.isArray() || failures.isEmpty()) {
      return new Outcome(-1, false);
    }
    int lowest = Integer.MAX_VALUE;
    for (JsonNode f : failures) {
      String id = f.path("itemIdentifier").asText("");
      int index = indexOf(batch, id);
      if (index < 0) {
        return new Outcome(0, false); // not a record of the batch: the whole batch failed
      }
      lowest = Math.min(lowest, index);
    }
    return new Outcome(lowest, false);
  }

  private static int indexOf(List<Record> batch, String sequenceNumber) {
    if (sequenceNumber.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < batch.size(); i++) {
      if (sequenceNumber.equals(batch.get(i).dynamodb().sequenceNumber())) {
        return i;
      }
    }
    return -1;
  }

  /** Lambda's on-failure record for a DynamoDB stream: where the batch is, not what it held. */
  private void skip(
      String shardId, List<Record> batch, String condition, int invocations, boolean error) {
    ObjectNode o = LambdaEventJson.mapper().createObjectNode();
    ObjectNode request = o.putObject("requestContext");
    request.put("requestId", UUID.randomUUID().toString());
    request.put("functionArn", functionArn);
    request.put("condition", condition);
    request.put("approximateInvokeCount", invocations);
    ObjectNode response = o.putObject("responseContext");
    response.put("statusCode", 200);
    response.put("executedVersion", "$LATEST");
    if (error) {
      response.put("functionError", "Unhandled");
    }
    o.put("version", "1.0");
    o.put("timestamp", clock.instant().toString());
    ObjectNode info = o.putObject("DDBStreamBatchInfo");
    info.put("shardId", shardId);
    info.put("startSequenceNumber", batch.get(0).dynamodb().sequenceNumber());
    info.put("endSequenceNumber", batch.get(batch.size() - 1).dynamodb().sequenceNumber());
    info.put("approximateArrivalOfFirstRecord", arrival(batch.get(0)));
    info.put("approximateArrivalOfLastRecord", arrival(batch.get(batch.size() - 1)));
    info.put("batchSize", batch.size());
    info.put("streamArn", streamArn);
    String json = o.toString();
    log.printf(
        "event-source: %s: %d record(s) of shard %s skipped (%s) -> %s%n",
        label(),
        batch.size(),
        shortId(shardId),
        condition,
        onFailure.isPresent()
            ? config.onFailureId().orElse("on-failure destination")
            : "no destination");
    onFailure.ifPresent(
        d -> {
          try {
            d.send(json);
          } catch (RuntimeException e) {
            log.println("event-source: " + label() + ": on-failure destination failed (" + e + ")");
          }
        });
  }

  private static String arrival(Record r) {
    Instant t = r.dynamodb().approximateCreationDateTime();
    return t == null ? "" : t.toString();
  }

  private static String shortId(String shardId) {
    return shardId.length() > 24 ? "…" + shardId.substring(shardId.length() - 12) : shardId;
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
