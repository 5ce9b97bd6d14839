package io.quantaseal.common.store;

import io.quantaseal.common.config.QuantaSealConfig;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The three tables, as template.yaml declares them, for local runs and tests: the vault table
 * ({@code pk}, {@code sk}), the API-keys table ({@code key_hash}) and the audit table ({@code pk},
 * {@code sk}, with a NEW_IMAGE stream).
 */
public final class TableDefinitions {
  private TableDefinitions() {}

  public static List<CreateTableRequest> all(QuantaSealConfig config) {
    return List.of(
        pkSk(config.vaultTable(), false),
        CreateTableRequest.builder()
            .tableName(config.apiKeysTable())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(attr("key_hash"))
            .keySchema(key("key_hash", KeyType.HASH))
            .build(),
        pkSk(config.auditTable(), true));
  }

  /** Creates the tables that do not exist yet. */
  public static void createMissing(DynamoDbClient dynamo, QuantaSealConfig config) {
    List<String> existing = dynamo.listTables().tableNames();
    for (CreateTableRequest r : all(config)) {
      if (!existing.contains(r.tableName())) {
        try {
          dynamo.createTable(r);
        } catch (ResourceInUseException e) {
          // created concurrently
        }
      }
    }
  }

  private static CreateTableRequest pkSk(String name, boolean stream) {
    CreateTableRequest.Builder b =
        CreateTableRequest.builder()
            .tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(attr("pk"), attr("sk"))
            .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
    if (stream) {
      b.streamSpecification(
          StreamSpecification.builder()
              .streamEnabled(true)
              .streamViewType(StreamViewType.NEW_IMAGE)
              .build());
    }
    return b.build();
  }

  private static AttributeDefinition attr(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
