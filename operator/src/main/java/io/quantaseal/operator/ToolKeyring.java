package io.quantaseal.operator;

import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.crypto.vault.LocalKeyring;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The keyring of the command-line tools (the operator's commands, {@code replay-dlq}): AWS KMS; or,
 * for the environment of a local run ({@code ./run-local --env-file FILE} writes {@value #KEYRING}
 * {@code =local} and the run's {@value #LOCAL_MASTER_KEY}), that run's local keyring, so the tools
 * open what the run sealed. Only these tools read the two names: no Lambda function does, and a
 * deployed function cannot be switched to the local keyring (each function's composition root
 * builds AWS KMS).
 */
public final class ToolKeyring {
  /** {@code local} in a local run's environment file; anything else (or nothing) is AWS KMS. */
  public static final String KEYRING = "QS_KEYRING";

  /** Base64 32-byte master key of a local run's keyring (a local-only secret, file mode 0600). */
  public static final String LOCAL_MASTER_KEY = "QS_LOCAL_MASTER_KEY";

  private ToolKeyring() {}

  /** Whether {@code env} is a local run's, whose keyring is the local one. */
  public static boolean isLocal(Map<String, String> env) {
    return "local".equals(env.get(KEYRING));
  }

  /** The keyring {@code env} names: the local run's, or AWS KMS with clients from {@code env}. */
  public static Keyring from(Map<String, String> env) {
    if (!isLocal(env)) {
      return new AwsKmsKeyring(AwsClients.kms(env));
    }
    String b64 = env.get(LOCAL_MASTER_KEY);
    if (b64 == null || b64.isBlank()) {
      throw new IllegalStateException(KEYRING + "=local needs " + LOCAL_MASTER_KEY);
    }
    byte[] master;
    try {
      master = Base64.getDecoder().decode(b64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(LOCAL_MASTER_KEY + " is not base64");
    }
    try (SecretBytes key = SecretBytes.wrap(master)) {
      return LocalKeyring.create(key, new SecureRandom());
    }
  }
}
