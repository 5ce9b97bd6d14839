package io.quantaseal.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.cli.CommandLines;
import io.quantaseal.cli.OptionValues;
import io.quantaseal.common.api.Deadline;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.EnvironmentFile;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.tenancy.RateLimit;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.siem.SiemPushFunction;
import io.quantaseal.siem.SiemSettings;
import io.quantaseal.siem.SqsClients;
import io.quantaseal.siem.delivery.DlqReplayer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The operator command (picocli): same environment as the functions (QS_VAULT_TABLE,
 * QS_API_KEYS_TABLE, QS_AUDIT_TABLE, QS_SERVICE_KMS_KEY_ID, QS_SIEM_DLQ_URL, AWS_REGION,
 * AWS_ENDPOINT_URL_* …); {@code --env-file FILE}, before or after the command, lays a file of
 * {@code NAME=value} lines over it (what {@code ./run-local --env-file FILE} writes, to work on a
 * local run).
 *
 * <pre>
 * create-tables
 * create-tenant  --name NAME [--kms-key-id ARN]      (no key id: a new KMS key is created)
 * issue-api-key  --tenant TENANT_ID [--test] [--scope client_keys:manage] [--scope vault:unseal]
 * list-api-keys  --tenant TENANT_ID
 * revoke-api-key --tenant TENANT_ID --key-id KEY_ID
 * replay-dlq     [--max-messages N] [--visibility-seconds S] [--time-limit-seconds T]
 * rotate-signing-key
 * list-signing-keys
 * set-rate-limit --tenant TENANT_ID --rate N --burst M
 * </pre>
 *
 * Output is one JSON object on stdout; an issued API key is printed once and never stored. Exit
 * codes: 0 done, 1 refused or failed (said in one line, what to set where it can tell), 2 a usage
 * error (one line and a pointer to {@code --help}), 3 {@code replay-dlq} kept some letters. Never a
 * stack trace. The commands themselves are {@link OperatorCommands} and {@link DlqReplayer}: this
 * class only parses and prints.
 */
@Command(
    name = "quantaseal-operator",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Tenants, API keys and the SIEM dead-letter replay of a QuantaSeal deployment; never a"
          + " public endpoint.",
      "Reads the functions' environment (QS_VAULT_TABLE, QS_API_KEYS_TABLE, QS_AUDIT_TABLE,"
          + " QS_SERVICE_KMS_KEY_ID, QS_SIEM_DLQ_URL, AWS_REGION, credentials, AWS_ENDPOINT_URL_*)."
    },
    subcommands = {
      OperatorCli.CreateTables.class,
      OperatorCli.CreateTenant.class,
      OperatorCli.IssueApiKey.class,
      OperatorCli.ListApiKeys.class,
      OperatorCli.RevokeApiKey.class,
      OperatorCli.ReplayDlq.class,
      OperatorCli.RotateSigningKey.class,
      OperatorCli.ListSigningKeys.class,
      OperatorCli.SetRateLimit.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 refused or failed, 2 usage error, 3 replay-dlq kept some letters."
    })
public final class OperatorCli implements Callable<Integer> {
  /** {@code replay-dlq}: some letters were kept (they reappear after the visibility timeout). */
  static final int KEPT = 3;

  /**
   * What the commands work on, built from the environment they run in (tests give their own).
   *
   * @param commands tables, tenants and API keys
   * @param dlqReplayer the SIEM push's dead-letter replay; throws {@link IllegalStateException}
   *     when the environment names no queue
   */
  record Backends(
      Function<Map<String, String>, OperatorCommands> commands,
      Function<Map<String, String>, DlqReplayer> dlqReplayer) {

    /** The deployment's: DynamoDB, KMS and SQS clients built from the environment. */
    static Backends fromEnvironment() {
      return new Backends(
          env ->
              new OperatorCommands(
                  QuantaSealConfig.from(env),
                  AwsClients.dynamoDb(env),
                  ToolKeyring.from(env),
                  ToolKeyring.isLocal(env) ? Optional.empty() : Optional.of(AwsClients.kms(env))),
          env -> {
            QuantaSealConfig config = QuantaSealConfig.from(env);
            SiemPushFunction siem =
                SiemPushFunction.builder()
                    .config(config)
                    .settings(SiemSettings.from(config, env))
                    .dynamoDb(AwsClients.dynamoDb(env))
                    .sqs(SqsClients.fromEnvironment(env))
                    .keyring(ToolKeyring.from(env))
                    .build();
            if (!siem.deadLetterQueue().configured()) {
              throw new IllegalStateException(
                  EnvironmentNames.SIEM_DLQ_URL
                      + " is not set (the function's environment, or --env-file FILE from"
                      + " ./run-local)");
            }
            return siem.replayer();
          });
    }
  }

  private final Backends backends;
  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;

  @Spec CommandSpec spec;

  @Option(
      names = "--env-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "NAME=value lines laid over the environment (./run-local --env-file FILE writes one for"
              + " a local run)")
  Path envFile;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show this help and exit.")
  boolean help;

  OperatorCli(
      Backends backends, Map<String, String> environment, PrintStream out, PrintStream err) {
    this.backends = backends;
    this.environment = environment;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        new OperatorCli(Backends.fromEnvironment(), System.getenv(), System.out, System.err)
            .run(args));
  }

  /** Parses {@code args}, runs the command; the exit code. */
  int run(String... args) {
    CommandLine cl = CommandLines.create(this, out, err, OperatorCli::failure);
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return code;
  }

  /** No command: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "a command is needed ("
            + String.join(", ", spec.commandLine().getSubcommands().keySet())
            + ")");
  }

  /** One line on a failure; for a setup problem, with where to set what is missing. */
  static String failure(Exception e) {
    String m = CommandLines.firstLine(e);
    if (!(e instanceof SetupException) && !(e instanceof SdkException)) {
      return m;
    }
    if (m.toLowerCase(Locale.ROOT).contains("region")) {
      return "no AWS region: set AWS_REGION (and credentials), or pass --env-file FILE written by"
          + " ./run-local --env-file FILE";
    }
    if (m.startsWith("Unable to execute HTTP request")) {
      // The endpoints of a local run's env file answer only while that ./run-local runs.
      return m
          + " (if the endpoint is a local run's, start ./run-local with --env-file again: its"
          + " ports change at every start)";
    }
    if (m.toLowerCase(Locale.ROOT).contains("credentials")) {
      return "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a profile, or pass"
          + " --env-file FILE written by ./run-local --env-file FILE";
    }
    return m;
  }

  /** The environment with {@code --env-file} over it. */
  private Map<String, String> env() {
    return envFile == null ? environment : EnvironmentFile.over(environment, envFile);
  }

  private <T> T build(Function<Map<String, String>, T> backend) {
    Map<String, String> env = env(); // an unreadable --env-file is a usage error
    try {
      return backend.apply(env);
    } catch (SdkException | IllegalStateException | IllegalArgumentException e) {
      throw new SetupException(e);
    }
  }

  OperatorCommands commands() {
    return build(backends.commands());
  }

  void print(Object value) {
    out.println(Json.write(value));
  }

  /** The environment does not let a command start (no region, no table names, no queue...). */
  static final class SetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SetupException(Exception cause) {
      super(CommandLines.firstLine(cause), cause);
    }
  }

  @Command(
      name = "create-tables",
      description = "Creates the three tables of template.yaml where they are missing.")
  static final class CreateTables implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Override
    public Integer call() {
      cli.commands().createTables();
      cli.print(Map.of("tables", "ready"));
      return CommandLines.OK;
    }
  }

  @Command(
      name = "create-tenant",
      sortOptions = false,
      description =
          "Creates a tenant and its vault key, under a new KMS key (aliased"
              + " alias/quantaseal/tenant/<tenant id>) or the one given.")
  static final class CreateTenant implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "its name")
    String name;

    @Option(
        names = "--kms-key-id",
        paramLabel = "ARN",
        description = "an existing KMS key (default: a new one)")
    Optional<String> kmsKeyId = Optional.empty();

    @Override
    public Integer call() {
      TenantRecord t = cli.commands().createTenant(name, kmsKeyId);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tenant_id", t.tenantId());
      m.put("name", t.name());
      m.put("kms_key_id", t.kmsKeyId());
      m.put("created_at", t.createdAt().toString());
      cli.print(m);
      return CommandLines.OK;
    }
  }

  @Command(
      name = "issue-api-key",
      sortOptions = false,
      description = "Issues an API key for a tenant; it is printed once, only its hash is kept.")
  static final class IssueApiKey implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--test", description = "a qs_test_ key (default: qs_live_)")
    boolean test;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        description = "client_keys:manage, vault:unseal (repeat for both; docs/vault.md, Scopes)")
    List<String> scopes = new ArrayList<>();

    @Override
    public Integer call() {
      TenantProvisioning.IssuedApiKey k =
          cli.commands().issueApiKey(tenant, !test, new LinkedHashSet<>(scopes));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("api_key_id", k.apiKeyId());
      m.put("api_key", k.apiKey());
      m.put("scopes", List.copyOf(k.scopes()));
      m.put("note", "Shown once: QuantaSeal keeps only its hash.");
      cli.print(m);
      return CommandLines.OK;
    }
  }

  @Command(name = "list-api-keys", description = "Lists a tenant's API keys (never the keys).")
  static final class ListApiKeys implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Override
    public Integer call() {
      cli.print(Map.of("api_keys", cli.commands().listApiKeys(tenant)));
      return CommandLines.OK;
    }
  }

  @Command(
      name = "revoke-api-key",
      sortOptions = false,
      description = "Revokes an API key (the authorizer's cache forgets it within 60 s).")
  static final class RevokeApiKey implements Callable<Integer> {
    @ParentCommand OperatorCli cli;
    @Spec CommandSpec spec;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(names = "--key-id", required = true, paramLabel = "KEY_ID")
    String keyId;

    @Override
    public Integer call() {
      if (!cli.commands().revokeApiKey(tenant, keyId)) {
        cli.err.println(CommandLines.prefixed(spec, "no such API key for this tenant"));
        return CommandLines.FAILED;
      }
      cli.print(Map.of("revoked", keyId));
      return CommandLines.OK;
    }
  }

  @Command(
      name = "replay-dlq",
      sortOptions = false,
      description = {
        "Re-sends what the SIEM dead-letter queue (QS_SIEM_DLQ_URL) holds and deletes what was"
            + " delivered (docs/siem.md, Replay).",
        "Prints {\"messages\":…,\"received\":…,\"delivered\":…,\"kept\":…,\"kept_by_reason\":{…}}"
            + " (counts are letters); exit code 3 when some were kept."
      })
  static final class ReplayDlq implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Option(
        names = "--max-messages",
        paramLabel = "N",
        converter = OptionValues.PositiveInt.class,
        description = "stop after N messages (default: all)")
    int maxMessages = Integer.MAX_VALUE;

    @Option(
        names = "--visibility-seconds",
        paramLabel = "S",
        converter = OptionValues.PositiveSeconds.class,
        description = "how long read messages stay hidden (default: 300)")
    Duration visibility = Duration.ofMinutes(5);

    @Option(
        names = "--time-limit-seconds",
        paramLabel = "T",
        converter = OptionValues.PositiveSeconds.class,
        description = "start no new work after T seconds (default: 600)")
    Duration timeLimit = Duration.ofMinutes(10);

    @Override
    public Integer call() {
      DlqReplayer.Report r =
          cli.build(cli.backends.dlqReplayer())
              .replay(maxMessages, visibility, Deadline.after(timeLimit));
      ObjectNode report = Json.newObject();
      report.put("messages", r.messages());
      report.put("received", r.received());
      report.put("delivered", r.delivered());
      report.put("kept", r.kept());
      ObjectNode reasons = report.putObject("kept_by_reason");
      r.keptByReason().forEach(reasons::put);
      cli.print(report);
      return r.kept() == 0 ? CommandLines.OK : KEPT;
    }
  }

  @Command(
      name = "rotate-signing-key",
      description = {
        "Rotates the envelope signing key (ML-DSA-65): the new key signs every envelope from now"
            + " on; the old one stays listed as retiring until its envelopes are past their skew"
            + " (docs/vault.md, Server signing keys).",
        "Prints {\"active\":\"sk_…\",\"signing_keys\":[…]}."
      })
  static final class RotateSigningKey implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Override
    public Integer call() {
      OperatorCommands commands = cli.commands();
      SigningKeyRecord k = commands.rotateSigningKey();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("active", k.skid());
      m.put("signing_keys", signingKeys(commands));
      cli.print(m);
      return CommandLines.OK;
    }
  }

  @Command(
      name = "list-signing-keys",
      description = "Lists the envelope signing keys and their status (retired ones included).")
  static final class ListSigningKeys implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Override
    public Integer call() {
      cli.print(Map.of("signing_keys", signingKeys(cli.commands())));
      return CommandLines.OK;
    }
  }

  /** Each key's id, status and dates; never key material. */
  static List<Map<String, Object>> signingKeys(OperatorCommands commands) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ServerSigningKeys.Published p : commands.signingKeys()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("skid", p.key().skid());
      m.put("status", p.status().id());
      m.put("created_at", p.key().createdAt().toString());
      p.key().retiredAt().ifPresent(t -> m.put("retired_at", t.toString()));
      p.retiringUntil().ifPresent(t -> m.put("verifies_until", t.toString()));
      out.add(m);
    }
    return out;
  }

  @Command(
      name = "set-rate-limit",
      sortOptions = false,
      description =
          "Sets a tenant's own request rate limit (a token bucket: --rate per second, --burst at"
              + " once; docs/deploy.md, Per-tenant rate limits).")
  static final class SetRateLimit implements Callable<Integer> {
    @ParentCommand OperatorCli cli;

    @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
    String tenant;

    @Option(
        names = "--rate",
        required = true,
        paramLabel = "N",
        description = "steady requests per second")
    double rate;

    @Option(
        names = "--burst",
        required = true,
        paramLabel = "M",
        converter = OptionValues.PositiveInt.class,
        description = "requests at once")
    int burst;

    @Override
    public Integer call() {
      RateLimit limit;
      try {
        limit = new RateLimit(rate, burst);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(cli.spec.commandLine(), e.getMessage());
      }
      cli.commands().setRateLimit(tenant, limit);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tenant_id", tenant);
      m.put("rate", limit.requestsPerSecond());
      m.put("burst", limit.burst());
      cli.print(m);
      return CommandLines.OK;
    }
  }
}
