package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where a stream event source is in each shard: the last sequence number delivered, or that the
 * shard is finished. In memory for an in-memory database (a new run reads a new stream from its
 * start); in a file under the data directory for a persisted one, so a restart goes on where the
 * last run stopped instead of delivering the stream's 24 hours again (Lambda's mapping keeps its
 * position the same way).
 */
final class StreamCheckpoints {
  private static final String FINISHED = "finished";

  private final Optional<Path> file;
  private final ObjectNode state;

  private StreamCheckpoints(Optional<Path> file, ObjectNode state) {
    this.file = file;
    this.state = state;
  }

  static StreamCheckpoints inMemory() {
    return new StreamCheckpoints(Optional.empty(), LocalJson.mapper().createObjectNode());
  }

  /** Read from {@code file} if it exists; written there after every change. */
  static StreamCheckpoints inFile(Path file) {
    ObjectNode state = LocalJson.mapper().createObjectNode();
    if (Files.isRegularFile(file)) {
      try {
        JsonNode n = LocalJson.mapper().readTree(file.toFile());
        if (n != null && n.isObject()) {
          state = (ObjectNode) n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return new StreamCheckpoints(Optional.of(file), state);
  }

  /** The last sequence number delivered from this shard, if any. */
  synchronized Optional<String> position(String streamArn, String shardId) {
    String v = state.path(streamArn).path(shardId).asText(null);
    return v == null || v.equals(FINISHED) ? Optional.empty() : Optional.of(v);
  }

  synchronized boolean finished(String streamArn, String shardId) {
    return FINISHED.equals(state.path(streamArn).path(shardId).asText(null));
  }

  synchronized void advance(String streamArn, String shardId, String sequenceNumber) {
    stream(streamArn).put(shardId, sequenceNumber);
    save();
  }

  synchronized void finish(String streamArn, String shardId) {
    if (!finished(streamArn, shardId)) {
      stream(streamArn).put(shardId, FINISHED);
      save();
    }
  }

  private ObjectNode stream(String streamArn) {
    JsonNode s = state.get(streamArn);
    return s instanceof ObjectNode o ? o : state.putObject(streamArn);
  }

  private void save() {
    if (file.isEmpty()) {
      return;
    }
    Path f = file.get();
    try {
      Files.createDirectories(f.getParent());
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      Files.writeString(tmp, state.toPrettyString());
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + f, e);
    }
  }
}
