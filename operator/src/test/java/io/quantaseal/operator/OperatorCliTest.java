package io.quantaseal.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator's command line without AWS: usage errors are one line and exit code 2 before
 * anything is built, {@code --help} works for every command, {@code --env-file} is read before or
 * after the command, setup problems are one line and exit code 1.
 */
class OperatorCliTest {
  private record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
  }

  /** The environments the backends were asked to build from; none on a usage error. */
  private final List<Map<String, String>> built = new java.util.ArrayList<>();

  private Result run(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OperatorCli.Backends backends =
        new OperatorCli.Backends(
            env -> {
              built.add(env);
              throw new IllegalStateException("QS_SERVICE_KMS_KEY_ID is not set");
            },
            env -> {
              built.add(env);
              throw new IllegalStateException("QS_SIEM_DLQ_URL is not set");
            });
    int code =
        new OperatorCli(
                backends,
                environment,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Result(
        code,
        out.toString(StandardCharsets.UTF_8).trim(),
        err.toString(StandardCharsets.UTF_8).trim());
  }

  private Result run(String... args) {
    return run(Map.of(), args);
  }

  private static void assertUsageError(Result r, String expected, String helpOf) {
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    List<String> lines = r.errLines();
    assertTrue(lines.get(0).startsWith("quantaseal-operator: "), r.err());
    assertTrue(lines.get(0).contains(expected), r.err());
    assertEquals(
        "Try '" + helpOf + " --help' for more information.", lines.get(lines.size() - 1), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(r.err().matches("(?s).*\\b[a-z]+\\.[a-z.]+\\.[A-Z]\\w*Exception\\b.*"), r.err());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "create-tenant --bogus",
        "create-tenant --name Acme --bogus",
        "create-tenant --name",
        "create-tenant",
        "issue-api-key --tenant",
        "issue-api-key --tenant --test",
        "issue-api-key",
        "list-api-keys",
        "revoke-api-key --tenant ten_1",
        "replay-dlq --max-messages 0",
        "replay-dlq --max-messages many",
        "replay-dlq --visibility-seconds -5",
        "replay-dlq --time-limit-seconds",
        "replay-dlq extra",
        "create-tables --env-file"
      })
  void badArguments_oneLineUsageErrorExitCode2_nothingBuilt(String line) {
    String[] args = line.split(" ");
    Result r = run(args);
    assertUsageError(r, "", "quantaseal-operator " + args[0]);
    assertTrue(r.errLines().size() <= 3, r.err()); // the error, maybe a suggestion, the pointer
    assertEquals(List.of(), built, "nothing is built on a usage error");
  }

  @Test
  void errorsSayWhatIsWrong() {
    assertUsageError(
        run("create-tenant"),
        "Missing required option: '--name=NAME'",
        "quantaseal-operator create-tenant");
    assertUsageError(
        run("issue-api-key", "--tenant"),
        "Missing required parameter for option '--tenant'",
        "quantaseal-operator issue-api-key");
    assertUsageError(
        run("replay-dlq", "--max-messages", "0"),
        "Invalid value for option '--max-messages': takes a positive whole number, not '0'",
        "quantaseal-operator replay-dlq");
    assertUsageError(
        run("list-api-keys", "--tenant", "ten_1", "--bogus"),
        "Unknown option: '--bogus'",
        "quantaseal-operator list-api-keys");
  }

  @Test
  void unknownOrMissingCommand_usageErrorListingTheCommands() {
    Result unknown = run("frobnicate");
    assertUsageError(unknown, "unknown command 'frobnicate'", "quantaseal-operator");
    assertTrue(unknown.err().contains("create-tenant, issue-api-key"), unknown.err());
    assertTrue(unknown.err().contains("replay-dlq"), unknown.err());
    assertUsageError(run(), "a command is needed", "quantaseal-operator");
    assertUsageError(run("--bogus"), "Unknown option: '--bogus'", "quantaseal-operator");
  }

  @Test
  void help_listsEveryCommandAndTheEnvFile_exitCode0() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"})) {
      Result r = run(args);
      assertEquals(0, r.code(), r.err());
      assertEquals("", r.err());
      assertTrue(r.out().startsWith("Usage: quantaseal-operator"), r.out());
      for (String command :
          List.of(
              "create-tables",
              "create-tenant",
              "issue-api-key",
              "list-api-keys",
              "revoke-api-key",
              "replay-dlq")) {
        assertTrue(r.out().contains("  " + command + " "), command + " in " + r.out());
      }
      assertTrue(r.out().contains("--env-file=FILE"), r.out());
      assertTrue(r.out().contains("Exit codes: 0 done, 1 refused or failed, 2 usage"), r.out());
    }
    assertEquals(List.of(), built);
  }

  @Test
  void commandHelp_showsItsOptions() {
    Result issue = run("issue-api-key", "--help");
    assertEquals(0, issue.code(), issue.err());
    assertTrue(issue.out().startsWith("Usage: quantaseal-operator issue-api-key"), issue.out());
    for (String option : List.of("--tenant=TENANT_ID", "--test", "--scope=SCOPE", "--env-file")) {
      assertTrue(issue.out().contains(option), option + " in " + issue.out());
    }
    Result replay = run("replay-dlq", "--help");
    assertEquals(0, replay.code(), replay.err());
    for (String option :
        List.of("--max-messages=N", "--visibility-seconds=S", "--time-limit-seconds=T")) {
      assertTrue(replay.out().contains(option), option + " in " + replay.out());
    }
    assertTrue(replay.out().contains("exit code 3 when some were kept"), replay.out());
    assertEquals(List.of(), built);
  }

  @Test
  void envFile_beforeOrAfterTheCommand_isLaidOverTheEnvironment(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("local.env");
    Files.writeString(file, "# a local run\nQS_VAULT_TABLE=from-file\nexport QS_STAGE=local\n");
    Map<String, String> base = Map.of("QS_VAULT_TABLE", "from-env", "HOME", "/home/op");
    for (String[] args :
        List.of(
            new String[] {"--env-file", file.toString(), "list-api-keys", "--tenant", "ten_1"},
            new String[] {"list-api-keys", "--tenant", "ten_1", "--env-file", file.toString()},
            new String[] {"list-api-keys", "--env-file=" + file, "--tenant=ten_1"})) {
      built.clear();
      Result r = run(base, args);
      assertEquals(1, r.code(), r.err());
      Map<String, String> env = built.get(0);
      assertEquals("from-file", env.get("QS_VAULT_TABLE"));
      assertEquals("local", env.get("QS_STAGE"));
      assertEquals("/home/op", env.get("HOME"));
    }
  }

  @Test
  void unreadableEnvFile_usageError(@TempDir Path dir) {
    Result r = run("--env-file", dir.resolve("missing.env").toString(), "create-tables");
    assertUsageError(r, "cannot read the environment file", "quantaseal-operator create-tables");
    assertEquals(List.of(), built);
  }

  @Test
  void setupProblem_oneLineExitCode1() {
    Result r = run("create-tables");
    assertEquals(1, r.code(), r.err());
    assertEquals(
        List.of("quantaseal-operator: QS_SERVICE_KMS_KEY_ID is not set"), r.errLines(), r.err());
    Result replay = run("replay-dlq");
    assertEquals(1, replay.code(), replay.err());
    assertEquals(List.of("quantaseal-operator: QS_SIEM_DLQ_URL is not set"), replay.errLines());
  }

  @Test
  void replayWithoutAQueue_throughTheDeploymentsBackends_saysWhatToSet() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new OperatorCli(
                OperatorCli.Backends.fromEnvironment(),
                Map.of(
                    "AWS_REGION", "eu-west-1",
                    "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                    "AWS_SECRET_ACCESS_KEY", "not-a-secret",
                    "QS_SERVICE_KMS_KEY_ID", "alias/quantaseal/service"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run("replay-dlq");
    String said = err.toString(StandardCharsets.UTF_8).trim();
    assertEquals(1, code, said);
    assertEquals(
        "quantaseal-operator: QS_SIEM_DLQ_URL is not set (the function's environment, or"
            + " --env-file FILE from ./run-local)",
        said);
  }
}
