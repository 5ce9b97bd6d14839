package io.quantaseal.proxy;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.testsupport.lambda.DeployedEnvironment;
import org.junit.jupiter.api.Test;

/** The deployed function's composition root. */
class ProxyOutboundFunctionTest {
  @Test
  void fromEnvironment_localKeyringAskedFor_buildsAwsKms() {
    assertInstanceOf(
        AwsKmsKeyring.class,
        DeployedEnvironment.build(ProxyOutboundFunction::fromEnvironment).keyring());
  }
}
