package io.quantaseal.testsupport;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * JUnit 5 extension: one in-process {@link LocalDynamoDb} per test class (shared with its
 * {@code @Nested} classes), stopped after the class. Test constructors, lifecycle and test methods
 * can take a {@link LocalDynamoDb}, {@link DynamoDbClient} or {@link DynamoDbStreamsClient}
 * parameter.
 *
 * <p>Declaratively, with no tables: {@code @ExtendWith(DynamoDbLocalExtension.class)}. With tables
 * that are recreated empty before every test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DynamoDbLocalExtension DDB = DynamoDbLocalExtension.withTables(VAULT, AUDIT);
 * }</pre>
 */
public final class DynamoDbLocalExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);

  private final List<TableDefinition> tables;
  private final boolean resetBeforeEach;

  /** No tables, no automatic reset; for {@code @ExtendWith}. */
  public DynamoDbLocalExtension() {
    this(List.of(), false);
  }

  private DynamoDbLocalExtension(List<TableDefinition> tables, boolean resetBeforeEach) {
    this.tables = List.copyOf(tables);
    this.resetBeforeEach = resetBeforeEach;
  }

  /** Creates these tables and gives every test fresh, empty copies of them. */
  public static DynamoDbLocalExtension withTables(TableDefinition... tables) {
    return new DynamoDbLocalExtension(List.of(tables), true);
  }

  /**
   * The database of the running test class, started on first use (call from within a test or
   * lifecycle method, or a parameter resolver).
   */
  public LocalDynamoDb db(ExtensionContext context) {
    // Store lookups fall back to the enclosing class's store, so @Nested classes reuse it.
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            this,
            key -> {
              LocalDynamoDb db = LocalDynamoDb.start();
              tables.forEach(db::createTable);
              return new Holder(db);
            },
            Holder.class)
        .db();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    db(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (resetBeforeEach) {
      db(context).reset();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalDynamoDb.class
        || type == DynamoDbClient.class
        || type == DynamoDbStreamsClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalDynamoDb db = db(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == LocalDynamoDb.class) {
      return db;
    }
    if (type == DynamoDbClient.class) {
      return db.client();
    }
    if (type == DynamoDbStreamsClient.class) {
      return db.streamsClient();
    }
    throw new ParameterResolutionException("Unsupported parameter " + parameter);
  }

  // JUnit 5.13+ closes AutoCloseable store values when their context ends.
  private record Holder(LocalDynamoDb db) implements AutoCloseable {
    @Override
    public void close() {
      db.close();
    }
  }
}
