package io.quantaseal.seal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.testsupport.lambda.DeployedEnvironment;
import org.junit.jupiter.api.Test;

/** The deployed function's composition root. */
class SealFunctionTest {
  @Test
  void fromEnvironment_localKeyringAskedFor_buildsAwsKms() {
    assertInstanceOf(
        AwsKmsKeyring.class, DeployedEnvironment.build(SealFunction::fromEnvironment).keyring());
  }
}
