package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Runs only where Docker is; elsewhere JUnit reports the class skipped, with the reason. */
@EnabledIfDockerAvailable
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackEnginesIntegrationTest {

  private LocalStackEngines localstack;

  @BeforeAll
  void start() {
    localstack = LocalStackEngines.start();
  }

  @AfterAll
  void stop() {
    if (localstack != null) {
      localstack.close();
    }
  }

  @Test
  void endpoints_areLoopback_andServeKmsAndDynamoDb() {
    assertEquals("127.0.0.1", localstack.kmsEndpoint().getHost());
    assertTrue(localstack.dynamoDbEndpoint().isPresent());

    localstack.createTable(TableDefinition.of("qs-vault", "pk", "sk"));
    String keyId = localstack.kmsClient().createKey(r -> r.description("t")).keyMetadata().keyId();

    assertTrue(localstack.tableNames().contains("qs-vault"));
    assertTrue(localstack.kmsClient().describeKey(r -> r.keyId(keyId)).keyMetadata().enabled());
  }
}
