package io.quantaseal.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * An immutable DynamoDB table shape for tests: keys, global secondary indexes, stream and TTL,
 * always on-demand billing (as in the SAM template). Build it once, share it between tests:
 *
 * <pre>{@code
 * static final TableDefinition VAULT =
 *     TableDefinition.builder("qs-vault")
 *         .partitionKey("pk", ScalarAttributeType.S)
 *         .sortKey("sk", ScalarAttributeType.S)
 *         .globalIndex("gsi1", "gsi1pk", ScalarAttributeType.S, "gsi1sk", ScalarAttributeType.S)
 *         .stream(StreamViewType.NEW_AND_OLD_IMAGES)
 *         .timeToLive("expires_at")
 *         .build();
 * }</pre>
 */
public final class TableDefinition {

  /** A global secondary index: name, keys, projection ALL. */
  public record GlobalIndex(String name, Key partitionKey, Optional<Key> sortKey) {
    public GlobalIndex {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(partitionKey, "partitionKey");
      Objects.requireNonNull(sortKey, "sortKey");
    }
  }

  /** A key attribute: name and scalar type. */
  public record Key(String name, ScalarAttributeType type) {
    public Key {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  private final String tableName;
  private final Key partitionKey;
  private final Optional<Key> sortKey;
  private final List<GlobalIndex> globalIndexes;
  private final Optional<StreamViewType> stream;
  private final Optional<String> timeToLiveAttribute;

  private TableDefinition(Builder b) {
    this.tableName = b.tableName;
    this.partitionKey = Objects.requireNonNull(b.partitionKey, "partitionKey is required");
    this.sortKey = Optional.ofNullable(b.sortKey);
    this.globalIndexes = List.copyOf(b.globalIndexes);
    this.stream = Optional.ofNullable(b.stream);
    this.timeToLiveAttribute = Optional.ofNullable(b.timeToLiveAttribute);
  }

  /** Starts a definition of the table {@code tableName}. */
  public static Builder builder(String tableName) {
    return new Builder(tableName);
  }

  /** The common case: a table keyed by {@code pk} (S) and, if given, {@code sk} (S). */
  public static TableDefinition of(String tableName, String partitionKey, String sortKey) {
    Builder b = builder(tableName).partitionKey(partitionKey, ScalarAttributeType.S);
    if (sortKey != null) {
      b.sortKey(sortKey, ScalarAttributeType.S);
    }
    return b.build();
  }

  public String tableName() {
    return tableName;
  }

  public Key partitionKey() {
    return partitionKey;
  }

  public Optional<Key> sortKey() {
    return sortKey;
  }

  public List<GlobalIndex> globalIndexes() {
    return globalIndexes;
  }

  public Optional<StreamViewType> stream() {
    return stream;
  }

  public Optional<String> timeToLiveAttribute() {
    return timeToLiveAttribute;
  }

  /** The CreateTable call for this definition (TTL needs a separate UpdateTimeToLive). */
  public CreateTableRequest toCreateTableRequest() {
    Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
    addAttribute(attributes, partitionKey);
    sortKey.ifPresent(k -> addAttribute(attributes, k));
    List<GlobalSecondaryIndex> gsis = new ArrayList<>();
    for (GlobalIndex gsi : globalIndexes) {
      addAttribute(attributes, gsi.partitionKey());
      gsi.sortKey().ifPresent(k -> addAttribute(attributes, k));
      gsis.add(
          GlobalSecondaryIndex.builder()
              .indexName(gsi.name())
              .keySchema(keySchema(gsi.partitionKey(), gsi.sortKey()))
              .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
              .build());
    }
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(tableName)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(keySchema(partitionKey, sortKey))
            .attributeDefinitions(
                attributes.entrySet().stream()
                    .map(
                        e ->
                            AttributeDefinition.builder()
                                .attributeName(e.getKey())
                                .attributeType(e.getValue())
                                .build())
                    .toList());
    if (!gsis.isEmpty()) {
      request.globalSecondaryIndexes(gsis);
    }
    stream.ifPresent(
        view ->
            request.streamSpecification(
                StreamSpecification.builder().streamEnabled(true).streamViewType(view).build()));
    return request.build();
  }

  private static void addAttribute(Map<String, ScalarAttributeType> attributes, Key key) {
    ScalarAttributeType previous = attributes.putIfAbsent(key.name(), key.type());
    if (previous != null && previous != key.type()) {
      throw new IllegalArgumentException(
          "Attribute " + key.name() + " declared as both " + previous + " and " + key.type());
    }
  }

  private static List<KeySchemaElement> keySchema(Key hash, Optional<Key> range) {
    List<KeySchemaElement> schema = new ArrayList<>();
    schema.add(KeySchemaElement.builder().attributeName(hash.name()).keyType(KeyType.HASH).build());
    range.ifPresent(
        k ->
            schema.add(
                KeySchemaElement.builder().attributeName(k.name()).keyType(KeyType.RANGE).build()));
    return schema;
  }

  @Override
  public String toString() {
    return "TableDefinition[" + tableName + "]";
  }

  /** Builds a {@link TableDefinition}. */
  public static final class Builder {
    private final String tableName;
    private Key partitionKey;
    private Key sortKey;
    private final List<GlobalIndex> globalIndexes = new ArrayList<>();
    private StreamViewType stream;
    private String timeToLiveAttribute;

    private Builder(String tableName) {
      this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    public Builder partitionKey(String name, ScalarAttributeType type) {
      this.partitionKey = new Key(name, type);
      return this;
    }

    public Builder sortKey(String name, ScalarAttributeType type) {
      this.sortKey = new Key(name, type);
      return this;
    }

    /** A GSI with a partition key only, projection ALL. */
    public Builder globalIndex(String indexName, String pkName, ScalarAttributeType pkType) {
      globalIndexes.add(new GlobalIndex(indexName, new Key(pkName, pkType), Optional.empty()));
      return this;
    }

    /** A GSI with partition and sort key, projection ALL. */
    public Builder globalIndex(
        String indexName,
        String pkName,
        ScalarAttributeType pkType,
        String skName,
        ScalarAttributeType skType) {
      globalIndexes.add(
          new GlobalIndex(
              indexName, new Key(pkName, pkType), Optional.of(new Key(skName, skType))));
      return this;
    }

    /** Enables the table's stream with this view type. */
    public Builder stream(StreamViewType viewType) {
      this.stream = viewType;
      return this;
    }

    /** Enables TTL on this attribute (epoch seconds). */
    public Builder timeToLive(String attributeName) {
      this.timeToLiveAttribute = attributeName;
      return this;
    }

    public TableDefinition build() {
      return new TableDefinition(this);
    }
  }
}
