package io.quantaseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class CommandLinesTest {
  @Command(
      name = "tool",
      subcommands = {Tool.Echo.class})
  static final class Tool implements Callable<Integer> {
    @Mixin HelpOption help;

    @Override
    public Integer call() {
      return CommandLines.OK;
    }

    @Command(name = "echo")
    static final class Echo implements Callable<Integer> {
      @Mixin HelpOption help;

      @Option(names = "--times", converter = OptionValues.PositiveInt.class)
      int times = 1;

      @Parameters(arity = "0..1")
      String word = "";

      @Override
      public Integer call() {
        switch (word) {
          case "bad" -> throw new IllegalArgumentException("no such word\nsecond line");
          case "usage" -> throw new UsageException("that word needs --times");
          case "fail" -> throw new IllegalStateException("the service is down\nat line 2");
          case "npe" -> throw new NullPointerException();
          default -> {
            // a word that works
          }
        }
        return CommandLines.OK;
      }
    }
  }

  private record Result(int code, List<String> out, List<String> err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        CommandLines.create(
                new Tool(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                e -> "failed: " + CommandLines.firstLine(e))
            .execute(args);
    return new Result(code, lines(out), lines(err));
  }

  private static List<String> lines(ByteArrayOutputStream s) {
    String text = s.toString(StandardCharsets.UTF_8).trim();
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  @Test
  void parseErrors_oneLineAndAPointerToTheCommandsHelp_exitCode2() {
    assertEquals(
        new Result(
            2,
            List.of(),
            List.of(
                "tool: Invalid value for option '--times': takes a positive whole number, not '0'",
                "Try 'tool echo --help' for more information.")),
        run("echo", "--times", "0"));
    assertEquals(
        new Result(
            2,
            List.of(),
            List.of(
                "tool: unknown command 'ehco' (commands: echo)",
                "Try 'tool --help' for more information.")),
        run("ehco"));
    Result typo = run("echo", "--tims", "2");
    assertEquals(2, typo.code());
    assertEquals("tool: Unknown option: '--tims'", typo.err().get(0));
    assertEquals(
        "Try 'tool echo --help' for more information.", typo.err().get(typo.err().size() - 1));
  }

  @Test
  void illegalArgumentOrUsageException_isAUsageError_firstLineOnly() {
    assertEquals(
        new Result(
            2,
            List.of(),
            List.of("tool: no such word", "Try 'tool echo --help' for more information.")),
        run("echo", "bad"));
    assertEquals(
        new Result(
            2,
            List.of(),
            List.of(
                "tool: that word needs --times", "Try 'tool echo --help' for more information.")),
        run("echo", "usage"));
  }

  @Test
  void otherFailures_oneLineThroughTheGivenMessage_exitCode1_noStackTrace() {
    assertEquals(
        new Result(1, List.of(), List.of("tool: failed: the service is down")),
        run("echo", "fail"));
    assertEquals(
        new Result(1, List.of(), List.of("tool: failed: NullPointerException")),
        run("echo", "npe"));
  }

  @Test
  void help_onStandardOutput_exitCode0() {
    Result r = run("echo", "--help");
    assertEquals(0, r.code());
    assertEquals(List.of(), r.err());
    assertEquals("Usage: tool echo [-h] [--times=<times>] [<word>]", r.out().get(0));
  }
}
