package io.quantaseal.siem.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The SIEM dead-letter queue (SQS, {@code QS_SIEM_DLQ_URL}): what the push could not deliver within
 * its retry budget. Letters are packed into messages of at most {@value #MAX_MESSAGE_CHARS}
 * characters ({@code {"v":1,"letters":[…]}}), two messages per SendMessageBatch (SQS limits a batch
 * to 256 KiB), so a batch of a thousand undelivered records costs a handful of SQS requests.
 */
public final class DeadLetterQueue {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);

  /** Largest message body (characters of JSON; letters are ASCII but for details). */
  static final int MAX_MESSAGE_CHARS = 100_000;

  private static final int SQS_BATCH = 10;
  private static final int SQS_BATCH_CHARS = 240_000;

  /** Told how many letters of each destination were written to or deleted from the queue. */
  public interface Counts {
    Counts NONE = (tenantId, destinationId, delta) -> {};

    void changed(String tenantId, String destinationId, int delta);
  }

  private final SqsClient sqs;
  private final Optional<String> queueUrl;
  private final Counts counts;

  public DeadLetterQueue(SqsClient sqs, Optional<String> queueUrl) {
    this(sqs, queueUrl, Counts.NONE);
  }

  public DeadLetterQueue(SqsClient sqs, Optional<String> queueUrl, Counts counts) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.counts = counts;
  }

  /** Tells {@link #counts} of {@code letters}, each counted {@code sign} (+1 or -1). */
  private void count(List<DeadLetter> letters, int sign) {
    Map<List<String>, Integer> byDestination = new LinkedHashMap<>();
    for (DeadLetter l : letters) {
      byDestination.merge(List.of(l.tenantId(), l.destinationId()), sign, Integer::sum);
    }
    byDestination.forEach((k, n) -> counts.changed(k.get(0), k.get(1), n));
  }

  public boolean configured() {
    return queueUrl.isPresent() && sqs != null;
  }

  /**
   * A message read from the queue: its letters (empty if the body is unreadable) and its handle.
   */
  public record Received(
      String messageId, String receiptHandle, List<DeadLetter> letters, boolean readable) {
    public Received {
      letters = List.copyOf(letters);
    }
  }

  /**
   * Writes the letters; returns the indexes (into {@code letters}) that could not be written. Every
   * letter is tried; nothing throws.
   */
  public Set<Integer> send(List<DeadLetter> letters) {
    Set<Integer> failed = new HashSet<>();
    if (!configured()) {
      for (int i = 0; i < letters.size(); i++) {
        failed.add(i);
      }
      return failed;
    }
    // Pack letters into message bodies.
    List<List<Integer>> messages = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < letters.size(); i++) {
      String json = letters.get(i).toJson();
      if (!current.isEmpty() && body.length() + json.length() + 32 > MAX_MESSAGE_CHARS) {
        messages.add(current);
        bodies.add(body.append("]}").toString());
        current = new ArrayList<>();
        body = new StringBuilder();
      }
      body.append(current.isEmpty() ? "{\"v\":" + DeadLetter.VERSION + ",\"letters\":[" : ",");
      body.append(json);
      current.add(i);
    }
    if (!current.isEmpty()) {
      messages.add(current);
      bodies.add(body.append("]}").toString());
    }
    // Send them, a few per request.
    List<Integer> batch = new ArrayList<>();
    int chars = 0;
    for (int m = 0; m < messages.size(); m++) {
      int len = bodies.get(m).length();
      if (!batch.isEmpty() && (batch.size() == SQS_BATCH || chars + len > SQS_BATCH_CHARS)) {
        for (int failedMessage : sendBatch(batch, bodies)) {
          failed.addAll(messages.get(failedMessage));
        }
        batch.clear();
        chars = 0;
      }
      batch.add(m);
      chars += len;
    }
    if (!batch.isEmpty()) {
      for (int failedMessage : sendBatch(batch, bodies)) {
        failed.addAll(messages.get(failedMessage));
      }
    }
    List<DeadLetter> written = new ArrayList<>();
    for (int i = 0; i < letters.size(); i++) {
      if (!failed.contains(i)) {
        written.add(letters.get(i));
      }
    }
    count(written, 1);
    return failed;
  }

  /** Sends these messages (indexes into bodies); returns the ones not written. */
  private List<Integer> sendBatch(List<Integer> indexes, List<String> bodies) {
    List<Integer> pending = new ArrayList<>(indexes);
    for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int j = 0; j < pending.size(); j++) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(j))
                .messageBody(bodies.get(pending.get(j)))
                .build());
      }
      SendMessageBatchResponse r;
      try {
        r = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl.get()).entries(entries));
      } catch (SdkException e) {
        LOG.warn("dead-letter queue write failed: {}", e.getClass().getSimpleName());
        continue;
      }
      List<Integer> again = new ArrayList<>();
      for (BatchResultErrorEntry err : r.failed()) {
        again.add(pending.get(Integer.parseInt(err.id())));
      }
      pending = again;
    }
    return pending;
  }

  /** Receives up to {@code max} (≤ 10) messages, hidden from others for {@code visibility}. */
  public List<Received> receive(int max, Duration visibility, Duration wait) {
    List<Message> messages =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(queueUrl.orElseThrow())
                        .maxNumberOfMessages(Math.min(SQS_BATCH, Math.max(1, max)))
                        .visibilityTimeout((int) Math.max(1, visibility.getSeconds()))
                        .waitTimeSeconds((int) Math.min(20, wait.getSeconds())))
            .messages();
    List<Received> out = new ArrayList<>();
    for (Message m : messages) {
      List<DeadLetter> letters = new ArrayList<>();
      boolean readable = true;
      try {
        letters.addAll(parse(m.body()));
      } catch (RuntimeException e) {
        readable = false;
      }
      out.add(new Received(m.messageId(), m.receiptHandle(), letters, readable));
    }
    return out;
  }

  /** The letters of a message body. */
  static List<DeadLetter> parse(String body) {
    JsonNode o = Json.parseLenient(body);
    if (o == null
        || !o.isObject()
        || o.path("v").asInt() != DeadLetter.VERSION
        || !o.path("letters").isArray()) {
      throw new IllegalArgumentException("not a SIEM dead-letter message");
    }
    List<DeadLetter> out = new ArrayList<>();
    for (JsonNode l : o.get("letters")) {
      out.add(DeadLetter.fromJson(l.toString()));
    }
    return out;
  }

  /** Deletes these messages (everything in them was delivered); returns how many were deleted. */
  public int delete(List<Received> messages) {
    int deleted = 0;
    for (int i = 0; i < messages.size(); i += SQS_BATCH) {
      List<Received> chunk = messages.subList(i, Math.min(messages.size(), i + SQS_BATCH));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int j = 0; j < chunk.size(); j++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(j))
                .receiptHandle(chunk.get(j).receiptHandle())
                .build());
      }
      List<DeadLetter> gone = new ArrayList<>();
      for (var ok :
          sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl.orElseThrow()).entries(entries))
              .successful()) {
        gone.addAll(chunk.get(Integer.parseInt(ok.id())).letters());
        deleted++;
      }
      count(gone, -1);
    }
    return deleted;
  }

  @Override
  public String toString() {
    return "DeadLetterQueue[" + queueUrl.orElse("not configured") + "]";
  }
}
