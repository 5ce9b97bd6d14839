package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Written once against {@link AwsEngines}, run on every engine: here {@code [local]} passes and
 * {@code [localstack]} is reported skipped when there is no Docker.
 */
class AwsEnginesContractIntegrationTest {

  private static final TableDefinition VAULT = TableDefinition.of("qs-vault", "pk", "sk");
  private static final Map<String, String> CONTEXT =
      Map.of("tenant_id", "ten_1", "vault_entry_id", "vlt_1");

  @AwsEnginesTest
  void sealedItem_storedAndOpened_withTenantKey(AwsEngines aws) {
    aws.createTable(VAULT);
    KmsClient kms = aws.kmsClient();
    String cmk = kms.createKey(r -> r.description("tenant ten_1")).keyMetadata().keyId();
    GenerateDataKeyResponse dk =
        kms.generateDataKey(
            r -> r.keyId(cmk).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));

    aws.dynamoDbClient()
        .putItem(
            r ->
                r.tableName("qs-vault")
                    .item(
                        Map.of(
                            "pk", AttributeValue.fromS("TENANT#ten_1"),
                            "sk", AttributeValue.fromS("ENTRY#vlt_1"),
                            "wrapped_key", AttributeValue.fromB(dk.ciphertextBlob()))));
    SdkBytes stored =
        aws.dynamoDbClient()
            .getItem(
                r ->
                    r.tableName("qs-vault")
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("TENANT#ten_1"),
                                "sk", AttributeValue.fromS("ENTRY#vlt_1"))))
            .item()
            .get("wrapped_key")
            .b();

    assertArrayEquals(
        dk.plaintext().asByteArray(),
        kms.decrypt(r -> r.ciphertextBlob(stored).encryptionContext(CONTEXT))
            .plaintext()
            .asByteArray());
    assertThrows(
        InvalidCiphertextException.class,
        () ->
            kms.decrypt(
                r -> r.ciphertextBlob(stored).encryptionContext(Map.of("tenant_id", "ten_2"))));
  }

  @AwsEnginesTest
  void disabledTenantKey_cannotDecrypt(KmsClient kms) {
    String cmk = kms.createKey(r -> r.description("offboarded tenant")).keyMetadata().keyId();
    SdkBytes blob =
        kms.encrypt(
                r ->
                    r.keyId(cmk).plaintext(SdkBytes.fromUtf8String("k")).encryptionContext(CONTEXT))
            .ciphertextBlob();

    kms.disableKey(r -> r.keyId(cmk));

    assertThrows(
        DisabledException.class,
        () -> kms.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(CONTEXT)));
  }

  @AwsEnginesTest
  void eachTest_startsWithoutTables(AwsEngines aws, DynamoDbClient dynamoDb) {
    assertEquals(List.of(), aws.tableNames());
    aws.createTable(VAULT);
    assertEquals(List.of("qs-vault"), dynamoDb.listTables().tableNames());
  }

  @AwsEnginesTest
  void environment_pointsSdkClientsAtTheEngines(AwsEngines aws) {
    Map<String, String> env = aws.environment();

    assertEquals("us-east-1", env.get("AWS_REGION"));
    assertEquals(aws.kmsEndpoint().toString(), env.get("AWS_ENDPOINT_URL_KMS"));
    assertTrue(env.containsKey("AWS_ACCESS_KEY_ID") && env.containsKey("AWS_SECRET_ACCESS_KEY"));
    assertEquals(
        aws.dynamoDbEndpoint().map(Object::toString).orElse(null),
        env.get("AWS_ENDPOINT_URL_DYNAMODB"));
  }
}
