package io.quantaseal.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackTemplateTest {
  private static final StackTemplate.StackResources RESOURCES =
      (id, type, attribute) -> type + " " + id + attribute.map(a -> "." + a).orElse("");

  private static StackTemplate sample() throws URISyntaxException {
    return StackTemplate.read(
        Path.of(StackTemplateTest.class.getResource("/sample-template.yaml").toURI()));
  }

  @Test
  void environment_fillsInResourcesAndParameters_thenTheFunctionsOwnVariables() throws Exception {
    Map<String, String> env = sample().environment("PushFunction", RESOURCES);
    assertEquals("AWS::DynamoDB::Table VaultTable", env.get("QS_VAULT_TABLE"));
    assertEquals("AWS::KMS::Key ServiceKey.Arn", env.get("QS_SERVICE_KMS_KEY_ID"));
    assertEquals("AWS::SQS::Queue DeadLetters", env.get("QS_DLQ_URL"));
    assertEquals("kms", env.get("QS_KEYRING"));
    assertEquals("300", env.get("QS_KEY_CACHE_TTL_SECONDS"));
    assertEquals("local", env.get("QS_STAGE"));
    assertEquals("push", env.get("POWERTOOLS_SERVICE_NAME"));
  }

  @Test
  void functions_comeWithTheirHandlerAndMemory() throws Exception {
    var f = sample().functions().get("PushFunction");
    assertEquals("a.b.PushHandler::handleRequest", f.handler());
    assertEquals(512, f.memoryMb());
    assertEquals("functions/push", f.codeUri());
    assertEquals("v2", sample().globalEnvironment(RESOURCES).get("QS_STAGE"));
  }
}
