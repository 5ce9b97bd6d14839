package io.quantaseal.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A picocli {@link CommandLine} that behaves the way every QuantaSeal command line does: a usage
 * error is one line (what is wrong) and a pointer to {@code --help}, exit code {@value #USAGE}; a
 * failure while running is one line, exit code {@value #FAILED}; never a stack trace. {@code
 * --help} prints the usage on standard output, exit code {@value #OK}.
 *
 * <p>Options may be repeated (the last one wins, as {@code NAME=value} files and scripts that add
 * an override expect), {@code --name=value} and {@code --name value} both work, and an argument
 * starting with {@code @} is an argument like any other (no picocli argument files).
 */
public final class CommandLines {
  /** Done. */
  public static final int OK = 0;

  /** Refused or failed while running (a setup problem, an unreachable service, ...). */
  public static final int FAILED = 1;

  /** Bad arguments: an unknown option, a missing or malformed value, an unknown command. */
  public static final int USAGE = 2;

  private CommandLines() {}

  /**
   * The command line of {@code command} (a picocli {@code @Command} object).
   *
   * @param out where the help and the commands' answers go
   * @param err where the errors go
   * @param failure the one line to say for an exception a command throws that is not a usage error
   *     ({@link UsageException}, {@link IllegalArgumentException}): e.g. what to set for an
   *     unreachable endpoint; {@link #firstLine} when there is nothing better to say
   */
  public static CommandLine create(
      Object command, PrintStream out, PrintStream err, Function<Exception, String> failure) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(true);
    cl.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter w = e.getCommandLine().getErr();
          w.println(name(e.getCommandLine()) + ": " + usageMessage(e));
          if (e instanceof UnmatchedArgumentException u && !isUnknownCommand(u)) {
            UnmatchedArgumentException.printSuggestions(u, w);
          }
          w.println(helpPointer(e.getCommandLine()));
          w.flush();
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          PrintWriter w = cmd.getErr();
          if (e instanceof UsageException || e instanceof IllegalArgumentException) {
            w.println(name(cmd) + ": " + firstLine(e));
            w.println(helpPointer(cmd));
            w.flush();
            return USAGE;
          }
          w.println(name(cmd) + ": " + failure.apply(e));
          w.flush();
          return FAILED;
        });
    return cl;
  }

  /** The first line of what went wrong (its message, or its type when it has none). */
  public static String firstLine(Throwable e) {
    String m = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** {@code name: message} without a help pointer: for a failure a command reports itself. */
  public static String prefixed(CommandSpec spec, String message) {
    return spec.root().name() + ": " + message;
  }

  private static String name(CommandLine cmd) {
    return cmd.getCommandSpec().root().name();
  }

  private static String helpPointer(CommandLine cmd) {
    return "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.";
  }

  private static String usageMessage(ParameterException e) {
    if (e instanceof UnmatchedArgumentException u && isUnknownCommand(u)) {
      return "unknown command '"
          + u.getUnmatched().get(0)
          + "' (commands: "
          + String.join(", ", e.getCommandLine().getSubcommands().keySet())
          + ")";
    }
    return firstLine(e);
  }

  /** A word where a command with subcommands and no positional parameters expects one. */
  private static boolean isUnknownCommand(UnmatchedArgumentException u) {
    List<String> unmatched = u.getUnmatched();
    CommandSpec spec = u.getCommandLine().getCommandSpec();
    return !spec.subcommands().isEmpty()
        && spec.positionalParameters().isEmpty()
        && !unmatched.isEmpty()
        && !unmatched.get(0).startsWith("-");
  }
}
