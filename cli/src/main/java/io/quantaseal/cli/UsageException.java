package io.quantaseal.cli;

/**
 * Bad arguments found after parsing (a function the template does not have, a file that cannot be
 * read): said in one line with a pointer to {@code --help}, exit code {@value CommandLines#USAGE}.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
