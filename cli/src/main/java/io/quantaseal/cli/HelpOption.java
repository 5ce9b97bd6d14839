package io.quantaseal.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for a command ({@code @Mixin HelpOption help;}). */
public final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;
}
