package io.quantaseal.coldstart;

import io.quantaseal.testsupport.RepoRoot;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code benchmarks/cold-start/run}: prints the run as it goes, then the tables, and last the line
 * {@code cold start: max ratio R (vs SDK floor), proxy first answer S s}. Exit status 0, 1 when a
 * measurement failed (a function did not answer as expected), 2 for a bad command line.
 */
public final class ColdStartMain {
  private ColdStartMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Options options;
    try {
      options = Options.parse(List.of(args), RepoRoot.find());
    } catch (Options.UsageException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println("cold-start: " + e.getMessage());
      }
      System.err.println(Options.USAGE);
      System.exit(e.getMessage().isEmpty() ? 0 : 2);
      return;
    }
    try {
      Report report = new ColdStartBenchmark(options, out).run();
      out.println(report.summaryLine());
      System.exit(0);
    } catch (IllegalArgumentException e) {
      System.err.println("cold-start: " + e.getMessage());
      System.exit(2);
    } catch (IllegalStateException e) {
      // A function or an engine did not do what the run needs; the message says what and shows
      // the log.
      System.err.println("cold-start: failed: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("cold-start: failed: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }
}
