package io.quantaseal.siem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.datadog.Deadline;
import io.quantaseal.common.json.Json;
import io.quantaseal.siem.delivery.DlqReplayer;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Operator command: re-sends what the SIEM dead-letter queue holds and deletes what was delivered
 * (docs/siem.md, "Replay"). Reads the same environment as the function ({@code QS_SIEM_DLQ_URL},
 * {@code QS_VAULT_TABLE}, AWS credentials and region, …).
 *
 * <pre>
 * mvn -q -pl functions/siem-push package -DskipTests
 * java -cp functions/siem-push/target/siem-push-function-0.1.0-SNAPSHOT-lambda.jar \
 *     io.quantaseal.siem.ReplayDlq [--max-messages N] [--visibility-seconds S] [--time-limit-seconds T]
 * </pre>
 *
 * Prints a JSON report; exits 0 when everything read was delivered, 2 when some messages were kept
 * (they become visible again after the visibility timeout), 1 on a usage error.
 */
public final class ReplayDlq {
  private ReplayDlq() {}

  public static void main(String[] args) {
    String queue = System.getenv(io.quantaseal.common.config.EnvironmentNames.SIEM_DLQ_URL);
    if (queue == null || queue.isBlank()) {
      System.err.println(io.quantaseal.common.config.EnvironmentNames.SIEM_DLQ_URL + " is not set");
      System.exit(1);
    }
    int code = run(args, System.out, System.err, SiemContext::fromEnvironment);
    System.exit(code);
  }

  /** {@link #main} without the exit, for tests: returns the exit code. */
  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      java.util.function.Supplier<SiemContext> context) {
    int max = Integer.MAX_VALUE;
    Duration visibility = Duration.ofMinutes(5);
    Duration limit = Duration.ofMinutes(10);
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--max-messages" -> max = Integer.parseInt(args[++i]);
          case "--visibility-seconds" -> visibility = Duration.ofSeconds(Long.parseLong(args[++i]));
          case "--time-limit-seconds" -> limit = Duration.ofSeconds(Long.parseLong(args[++i]));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      err.println(
          "usage: ReplayDlq [--max-messages N] [--visibility-seconds S] [--time-limit-seconds T]");
      return 1;
    }
    SiemContext siem = context.get();
    if (!siem.deadLetterQueue().configured()) {
      err.println("QS_SIEM_DLQ_URL is not set");
      return 1;
    }
    DlqReplayer.Report r = siem.replayer().replay(max, visibility, Deadline.after(limit));
    ObjectNode report = Json.newObject();
    report.put("messages", r.messages());
    report.put("received", r.received());
    report.put("delivered", r.delivered());
    report.put("kept", r.kept());
    ObjectNode reasons = report.putObject("kept_by_reason");
    r.keptByReason().forEach(reasons::put);
    out.println(Json.write(report));
    return r.kept() == 0 ? 0 : 2;
  }
}
