package io.quantaseal.testsupport.lambda;

import java.util.function.Supplier;

/**
 * Builds a function's composition root the way a deployed container does ({@code
 * fromEnvironment()}) inside a test: the AWS region the SDK needs to build its clients (no call is
 * made) and, so that the check means something, an environment that asks for the laptop keyring:
 * functions/pom.xml runs every function's tests with {@value #KEYRING}{@code =local}.
 */
public final class DeployedEnvironment {
  /** The variable a mis-set deployment would use to ask for the local keyring. */
  public static final String KEYRING = "QS_KEYRING";

  private DeployedEnvironment() {}

  /** {@code fromEnvironment} run with a region, after checking the local keyring is asked for. */
  public static <T> T build(Supplier<T> fromEnvironment) {
    if (!"local".equals(System.getenv(KEYRING))) {
      throw new AssertionError(
          KEYRING + "=local is not in this test's environment (functions/pom.xml)");
    }
    String region = System.getProperty("aws.region");
    System.setProperty("aws.region", "us-east-1");
    try {
      return fromEnvironment.get();
    } finally {
      if (region == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", region);
      }
    }
  }
}
