package io.quantaseal.siem.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * its retry budget. Written ten messages per request; read and deleted by the replay command.
 */
public final class DeadLetterQueue {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);
  private static final int SQS_BATCH = 10;
  private static final int SQS_BATCH_BYTES = 250 * 1024;

  private final SqsClient sqs;
  private final Optional<String> queueUrl;

  public DeadLetterQueue(SqsClient sqs, Optional<String> queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  public boolean configured() {
    return queueUrl.isPresent() && sqs != null;
  }

  /** A message read from the queue: the parsed letter (empty if unreadable) and its handle. */
  public record Received(String messageId, String receiptHandle, Optional<DeadLetter> letter) {}

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
    List<Integer> batch = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < letters.size(); i++) {
      String body = letters.get(i).toJson();
      if (!batch.isEmpty()
          && (batch.size() == SQS_BATCH || bytes + body.length() > SQS_BATCH_BYTES)) {
        failed.addAll(sendBatch(batch, bodies));
        batch.clear();
        bodies.clear();
        bytes = 0;
      }
      batch.add(i);
      bodies.add(body);
      bytes += body.length();
    }
    if (!batch.isEmpty()) {
      failed.addAll(sendBatch(batch, bodies));
    }
    return failed;
  }

  private List<Integer> sendBatch(List<Integer> indexes, List<String> bodies) {
    List<Integer> pending = new ArrayList<>(indexes);
    List<String> pendingBodies = new ArrayList<>(bodies);
    for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int j = 0; j < pending.size(); j++) {
        entries.add(
            SendMessageBatchRequestEntry.builder()
                .id(Integer.toString(j))
                .messageBody(pendingBodies.get(j))
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
      List<String> againBodies = new ArrayList<>();
      for (BatchResultErrorEntry err : r.failed()) {
        int j = Integer.parseInt(err.id());
        again.add(pending.get(j));
        againBodies.add(pendingBodies.get(j));
      }
      pending = again;
      pendingBodies = againBodies;
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
      Optional<DeadLetter> letter;
      try {
        letter = Optional.of(DeadLetter.fromJson(m.body()));
      } catch (RuntimeException e) {
        letter = Optional.empty();
      }
      out.add(new Received(m.messageId(), m.receiptHandle(), letter));
    }
    return out;
  }

  /** Deletes these messages (delivered); returns how many were deleted. */
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
      deleted +=
          sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl.orElseThrow()).entries(entries))
              .successful()
              .size();
    }
    return deleted;
  }

  @Override
  public String toString() {
    return "DeadLetterQueue[" + queueUrl.orElse("not configured") + "]";
  }
}
