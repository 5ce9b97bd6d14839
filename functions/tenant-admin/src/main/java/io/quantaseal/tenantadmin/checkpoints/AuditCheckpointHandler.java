package io.quantaseal.tenantadmin.checkpoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.lambda.InvocationLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * AuditCheckpointFunction: on its schedule (template.yaml, every minute) signs every closed audit
 * period that is due. The event's content is not used (any event runs one pass), so the handler
 * cannot be made to do anything else; it answers what it did: {@code {"tenants": n, "written": n,
 * "tenants_behind": n}}.
 */
public final class AuditCheckpointHandler implements RequestStreamHandler {
  /** Time kept back from the invocation's deadline to store the last checkpoint and answer. */
  static final Duration RESERVE = Duration.ofSeconds(5);

  private final CheckpointWriter writer;

  /** Per container: {@link AuditCheckpointFunction#fromEnvironment()}. */
  public AuditCheckpointHandler() {
    this(AuditCheckpointFunction.fromEnvironment().writer());
  }

  /** For {@link AuditCheckpointFunction#handler()}. */
  AuditCheckpointHandler(CheckpointWriter writer) {
    this.writer = writer;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes(); // the schedule's event: nothing in it steers the writer
    CheckpointWriter.Report report =
        InvocationLogging.around(
            context,
            () ->
                writer.writeDue(
                    context == null
                        ? Deadline.after(Duration.ofSeconds(50))
                        : Deadline.fromLambda(context, RESERVE)));
    var answer = Json.newObject();
    answer.put("tenants", report.tenants());
    answer.put("written", report.written());
    answer.put("tenants_behind", report.tenantsBehind());
    output.write(Json.writeBytes(answer));
  }
}
