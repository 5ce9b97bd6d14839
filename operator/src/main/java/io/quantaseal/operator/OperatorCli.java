package io.quantaseal.operator;

import io.quantaseal.common.ServiceContext;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.EnvironmentFile;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.ServerSigningKeys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The operator command. Same environment as the functions (QS_VAULT_TABLE, QS_API_KEYS_TABLE,
 * QS_AUDIT_TABLE, QS_SERVICE_KMS_KEY_ID, AWS_REGION, AWS_ENDPOINT_URL_* …); {@code --env-file FILE}
 * lays a file of {@code NAME=value} lines over it (what {@code ./run-local --env-file FILE} writes,
 * to work on a local run). Whatever goes wrong is said in one line, without a stack trace.
 *
 * <pre>
 * create-tables
 * create-tenant  --name NAME [--kms-key-id ARN]      (no key id: a new KMS key is created)
 * issue-api-key  --tenant TENANT_ID [--test] [--scope client_keys:manage] [--scope vault:unseal]
 * list-api-keys  --tenant TENANT_ID
 * revoke-api-key --tenant TENANT_ID --key-id KEY_ID
 * rotate-signing-key
 * list-signing-keys
 * </pre>
 *
 * Output is one JSON object on stdout; an issued API key is printed once and never stored.
 */
public final class OperatorCli {
  static final String USAGE =
      String.join(
          "\n",
          "usage: quantaseal-operator [--env-file FILE] <command> [options]",
          "  create-tables                                    the three tables, if missing",
          "  create-tenant  --name NAME [--kms-key-id ARN]",
          "  issue-api-key  --tenant TENANT_ID [--test] [--scope SCOPE]...   (client_keys:manage, vault:unseal)",
          "  list-api-keys  --tenant TENANT_ID",
          "  revoke-api-key --tenant TENANT_ID --key-id KEY_ID",
          "  rotate-signing-key                               a new envelope signing key, now",
          "  list-signing-keys                                every signing key and its status");

  private final OperatorCommands commands;
  private final PrintStream out;
  private final PrintStream err;

  OperatorCli(OperatorCommands commands, PrintStream out) {
    this(commands, out, System.err);
  }

  OperatorCli(OperatorCommands commands, PrintStream out, PrintStream err) {
    this.commands = commands;
    this.out = out;
    this.err = err;
  }

  static final Set<String> COMMANDS =
      Set.of(
          "create-tables",
          "create-tenant",
          "issue-api-key",
          "list-api-keys",
          "revoke-api-key",
          "rotate-signing-key",
          "list-signing-keys");

  public static void main(String[] args) {
    System.exit(main(args, System.out, System.err));
  }

  /** {@link #main(String[])} without the exit: the exit code. */
  static int main(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(List.of(args));
    Map<String, String> env = System.getenv();
    try {
      int i = rest.indexOf("--env-file");
      if (i >= 0) {
        if (i + 1 >= rest.size()) {
          throw new IllegalArgumentException("--env-file needs a value");
        }
        env = EnvironmentFile.over(System.getenv(), Path.of(rest.get(i + 1)));
        rest.subList(i, i + 2).clear();
      }
    } catch (IllegalArgumentException e) {
      err.println("quantaseal-operator: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h")) {
      (rest.isEmpty() ? err : out).println(USAGE);
      return rest.isEmpty() ? 2 : 0;
    }
    try {
      Args.parse(rest.toArray(String[]::new));
    } catch (IllegalArgumentException e) {
      err.println("quantaseal-operator: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    if (!COMMANDS.contains(rest.get(0))) {
      err.println("quantaseal-operator: unknown command " + rest.get(0) + "\n" + USAGE);
      return 2;
    }
    OperatorCommands commands;
    try {
      ServiceContext ctx = ServiceContext.fromEnvironment(env);
      commands = new OperatorCommands(ctx, AwsClients.kms(env));
    } catch (SdkException | IllegalStateException | IllegalArgumentException e) {
      err.println("quantaseal-operator: " + setupProblem(e));
      return 1;
    }
    return new OperatorCli(commands, out, err).run(rest.toArray(String[]::new));
  }

  /** One line on what is missing, with where to set it. */
  static String setupProblem(Exception e) {
    String m = oneLine(e);
    if (m.contains("region")) {
      return "no AWS region: set AWS_REGION (and credentials), or pass --env-file FILE written by"
          + " ./run-local --env-file FILE";
    }
    if (m.startsWith("Unable to execute HTTP request")) {
      // The endpoints of a local run's env file answer only while that ./run-local runs.
      return m
          + " (if the endpoint is a local run's, start ./run-local with --env-file again: its"
          + " ports change at every start)";
    }
    if (m.toLowerCase(java.util.Locale.ROOT).contains("credentials")) {
      return "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or a profile, or pass"
          + " --env-file FILE written by ./run-local --env-file FILE";
    }
    return m;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Runs one command; returns the exit code (0 ok, 1 refused, 2 usage). */
  int run(String[] args) {
    Args a;
    try {
      a = Args.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("quantaseal-operator: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    try {
      switch (a.command) {
        case "create-tables" -> {
          commands.createTables();
          print(Map.of("tables", "ready"));
        }
        case "create-tenant" -> {
          TenantRecord t = commands.createTenant(a.required("name"), a.optional("kms-key-id"));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("tenant_id", t.tenantId());
          m.put("name", t.name());
          m.put("kms_key_id", t.kmsKeyId());
          m.put("created_at", t.createdAt().toString());
          print(m);
        }
        case "issue-api-key" -> {
          TenantProvisioning.IssuedApiKey k =
              commands.issueApiKey(a.required("tenant"), !a.flag("test"), a.all("scope"));
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("api_key_id", k.apiKeyId());
          m.put("api_key", k.apiKey());
          m.put("scopes", List.copyOf(k.scopes()));
          m.put("note", "Shown once: QuantaSeal keeps only its hash.");
          print(m);
        }
        case "list-api-keys" ->
            print(Map.of("api_keys", commands.listApiKeys(a.required("tenant"))));
        case "revoke-api-key" -> {
          boolean done = commands.revokeApiKey(a.required("tenant"), a.required("key-id"));
          if (!done) {
            err.println("no such API key for this tenant");
            return 1;
          }
          print(Map.of("revoked", a.required("key-id")));
        }
        case "rotate-signing-key" -> {
          SigningKeyRecord k = commands.rotateSigningKey();
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("active", k.skid());
          m.put("signing_keys", signingKeys());
          print(m);
        }
        case "list-signing-keys" -> print(Map.of("signing_keys", signingKeys()));
        default -> {
          err.println("unknown command " + a.command + "\n" + USAGE);
          return 2;
        }
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("quantaseal-operator: " + e.getMessage() + "\n" + USAGE);
      return 2;
    } catch (IllegalStateException e) {
      err.println("quantaseal-operator: " + oneLine(e));
      return 1;
    } catch (SdkException e) {
      err.println("quantaseal-operator: " + setupProblem(e));
      return 1;
    }
  }

  private List<Map<String, Object>> signingKeys() {
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

  private void print(Object value) {
    out.println(Json.write(value));
  }

  /** Parsed arguments: a command, --name value options, and --flags. */
  static final class Args {
    final String command;
    final Map<String, List<String>> options = new LinkedHashMap<>();
    final Set<String> flags = new LinkedHashSet<>();
    private static final Set<String> FLAG_NAMES = Set.of("test");

    private Args(String command) {
      this.command = command;
    }

    static Args parse(String[] args) {
      Args a = new Args(args[0]);
      for (int i = 1; i < args.length; i++) {
        String s = args[i];
        if (!s.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument " + s);
        }
        String name = s.substring(2);
        if (FLAG_NAMES.contains(name)) {
          a.flags.add(name);
        } else {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(args[++i]);
        }
      }
      return a;
    }

    String required(String name) {
      return optional(name)
          .orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
    }

    Optional<String> optional(String name) {
      List<String> v = options.get(name);
      return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    Set<String> all(String name) {
      return new LinkedHashSet<>(options.getOrDefault(name, List.of()));
    }

    boolean flag(String name) {
      return flags.contains(name);
    }
  }
}
