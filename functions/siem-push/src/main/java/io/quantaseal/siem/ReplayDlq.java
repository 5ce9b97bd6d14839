package io.quantaseal.siem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.config.EnvironmentFile;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.json.Json;
import io.quantaseal.siem.delivery.DlqReplayer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Operator command: re-sends what the SIEM dead-letter queue holds and deletes what was delivered
 * (docs/siem.md, "Replay"). Reads the same environment as the function ({@code QS_SIEM_DLQ_URL},
 * {@code QS_VAULT_TABLE}, AWS credentials and region, …), or, with {@code --env-file FILE}, that
 * file over it ({@code ./run-local --env-file FILE} writes one for a local run).
 *
 * <pre>
 * mvn -q -pl functions/siem-push package -DskipTests
 * java -cp functions/siem-push/target/siem-push-function-0.1.0-SNAPSHOT-lambda.jar \
 *     io.quantaseal.siem.ReplayDlq [--env-file FILE] [--max-messages N] [--visibility-seconds S]
 *     [--time-limit-seconds T]
 * </pre>
 *
 * Prints a JSON report; exits 0 when everything read was delivered, 2 when some messages were kept
 * (they become visible again after the visibility timeout), 1 on a usage or setup error (said in
 * one line).
 */
public final class ReplayDlq {
  static final String USAGE =
      "usage: ReplayDlq [--env-file FILE] [--max-messages N] [--visibility-seconds S]"
          + " [--time-limit-seconds T]";

  private ReplayDlq() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, SiemContext::fromEnvironment));
  }

  /** {@link #main} without the exit, for tests: returns the exit code. */
  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      Function<Map<String, String>, SiemContext> context) {
    int max = Integer.MAX_VALUE;
    Duration visibility = Duration.ofMinutes(5);
    Duration limit = Duration.ofMinutes(10);
    Map<String, String> env = System.getenv();
    try {
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("-h") || name.equals("--help")) {
          out.println(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--max-messages" -> max = positive(name, value);
          case "--visibility-seconds" -> visibility = Duration.ofSeconds(positive(name, value));
          case "--time-limit-seconds" -> limit = Duration.ofSeconds(positive(name, value));
          case "--env-file" -> env = EnvironmentFile.over(System.getenv(), Path.of(value));
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
    } catch (IllegalArgumentException e) {
      err.println("ReplayDlq: " + e.getMessage() + "\n" + USAGE);
      return 1;
    }
    DlqReplayer.Report r;
    try {
      SiemContext siem = context.apply(env);
      if (!siem.deadLetterQueue().configured()) {
        err.println(
            "ReplayDlq: "
                + EnvironmentNames.SIEM_DLQ_URL
                + " is not set (the function's environment, or --env-file FILE from ./run-local)");
        return 1;
      }
      r = siem.replayer().replay(max, visibility, Deadline.after(limit));
    } catch (SdkException | IllegalStateException e) {
      err.println("ReplayDlq: " + oneLine(e));
      return 1;
    }
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

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(
        name + " takes a positive whole number, not '" + value + "'");
  }

  /** The first line of what went wrong, without a stack trace. */
  static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
