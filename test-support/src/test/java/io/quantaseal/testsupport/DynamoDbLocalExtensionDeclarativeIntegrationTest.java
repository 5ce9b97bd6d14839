package io.quantaseal.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The declarative form: {@code @ExtendWith}, no tables, no automatic reset, injection. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbLocalExtensionDeclarativeIntegrationTest {

  private final LocalDynamoDb db;

  DynamoDbLocalExtensionDeclarativeIntegrationTest(LocalDynamoDb db) {
    this.db = db;
  }

  @BeforeEach
  void cleanSlate() {
    db.deleteAllTables();
  }

  @Test
  void constructorAndMethodInjection_giveTheSameDatabase(DynamoDbClient client) {
    assertSame(db.client(), client);
  }

  @Test
  void createTable_fromDefinition_isListed() {
    db.createTable(TableDefinition.of("qs-audit", "pk", "sk"));

    assertEquals(List.of("qs-audit"), db.tableNames());
  }
}
