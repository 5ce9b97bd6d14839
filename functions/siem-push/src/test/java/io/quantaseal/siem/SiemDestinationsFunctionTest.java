package io.quantaseal.siem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.quantaseal.common.keys.AwsKmsKeyring;
import org.junit.jupiter.api.Test;

/** The deployed function's composition root. */
class SiemDestinationsFunctionTest {
  @Test
  void fromEnvironment_localKeyringAskedFor_buildsAwsKms() {
    // functions/pom.xml runs these tests with the laptop keyring asked for.
    assertEquals("local", System.getenv("QS_KEYRING"));
    String region = System.getProperty("aws.region");
    System.setProperty("aws.region", "us-east-1");
    try {
      assertInstanceOf(AwsKmsKeyring.class, SiemDestinationsFunction.fromEnvironment().keyring());
    } finally {
      if (region == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", region);
      }
    }
  }
}
