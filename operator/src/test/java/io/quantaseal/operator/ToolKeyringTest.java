package io.quantaseal.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.crypto.vault.LocalKeyring;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command-line tools' keyring: a local run's environment file, else AWS KMS. */
class ToolKeyringTest {
  private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void localRunEnvironment_isTheLocalKeyring() {
    Map<String, String> env =
        Map.of(ToolKeyring.KEYRING, "local", ToolKeyring.LOCAL_MASTER_KEY, MASTER);
    assertTrue(ToolKeyring.isLocal(env));
    assertInstanceOf(LocalKeyring.class, ToolKeyring.from(env));
  }

  @Test
  void anyOtherEnvironment_isAwsKms() {
    Map<String, String> env =
        Map.of("AWS_REGION", "us-east-1", ToolKeyring.LOCAL_MASTER_KEY, MASTER);
    assertFalse(ToolKeyring.isLocal(env));
    assertInstanceOf(AwsKmsKeyring.class, ToolKeyring.from(env));
  }

  @Test
  void localWithoutMasterKey_isRefusedInOneLine() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ToolKeyring.from(Map.of(ToolKeyring.KEYRING, "local")));
    assertEquals("QS_KEYRING=local needs QS_LOCAL_MASTER_KEY", e.getMessage());
  }
}
