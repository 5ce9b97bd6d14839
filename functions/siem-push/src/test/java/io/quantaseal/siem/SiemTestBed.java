package io.quantaseal.siem;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.lambda.DynamodbStreamEventJson;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.common.vault.CredentialType;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.datadog.DatadogClient;
import io.quantaseal.datadog.DatadogClientBuilder;
import io.quantaseal.fakedatadog.FakeDatadog;
import io.quantaseal.testsupport.LocalEngines;
import io.quantaseal.testsupport.MotoServer;
import io.quantaseal.testsupport.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real engines for one test: its own three tables in DynamoDB Local (so tests do not see each
 * other's items), its own SQS queue and KMS keys in moto, a {@link FakeDatadog}, a clock the test
 * moves, and the SIEM push built on top exactly as the function builds it (only the Datadog base
 * URL and the sleeper differ).
 */
final class SiemTestBed implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  final LocalEngines engines;
  final FakeDatadog dd;
  final MutableClock clock;
  final SqsClient sqs;
  final String queueUrl;
  final QuantaSealConfig config;
  final DynamoDbClient dynamo;
  final AwsKmsKeyring keyring;
  final SecureRandom random = new SecureRandom();
  final Ids ids = new Ids(random);
  final TenantProvisioning provisioning;
  final TenantRepository tenants;
  final VaultEntryRepository entries;
  final IntegrationRepository integrations;
  final AuditLog audit;

  /** Seals and opens entries as the functions do (its own caches). */
  final CredentialVault vault;

  final SiemPushFunction siem;
  final DatadogClient datadog;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  SiemTestBed(LocalEngines engines, Instant start) {
    this(engines, start, s -> s, b -> b);
  }

  SiemTestBed(
      LocalEngines engines,
      Instant start,
      UnaryOperator<SiemSettings> settings,
      UnaryOperator<DatadogClientBuilder> client) {
    this.engines = engines;
    this.dd = FakeDatadog.start();
    this.clock = new MutableClock(start);
    this.sqs =
        SqsClient.builder()
            .endpointOverride(engines.moto().endpoint())
            .region(MotoServer.REGION)
            .credentialsProvider(MotoServer.CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    int n = COUNTER.incrementAndGet();
    this.queueUrl =
        sqs.createQueue(
                r ->
                    r.queueName("qs-siem-dlq-" + n + "-" + System.nanoTime())
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30")))
            .queueUrl();
    String serviceKey = createKey("quantaseal service");
    Map<String, String> env = new HashMap<>();
    env.put(EnvironmentNames.VAULT_TABLE, "qs-vault-" + n);
    env.put(EnvironmentNames.API_KEYS_TABLE, "qs-api-keys-" + n);
    env.put(EnvironmentNames.AUDIT_TABLE, "qs-audit-" + n);
    env.put(EnvironmentNames.SERVICE_KMS_KEY_ID, serviceKey);
    env.put(EnvironmentNames.STAGE, "test");
    env.put(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE, dd.baseUrl().toString());
    env.put(EnvironmentNames.SIEM_DLQ_URL, queueUrl);
    this.config = QuantaSealConfig.from(env);
    TableDefinitions.createMissing(engines.dynamoDbClient(), config);
    this.dynamo = engines.dynamoDbClient();
    this.keyring = new AwsKmsKeyring(engines.kmsClient());
    this.provisioning = TenantProvisioning.create(dynamo, config, keyring, random, clock);
    this.tenants = new TenantRepository(dynamo, config.vaultTable());
    this.entries = new VaultEntryRepository(dynamo, config.vaultTable());
    this.integrations = new IntegrationRepository(dynamo, config.vaultTable());
    this.audit = new AuditLog(dynamo, config.auditTable(), ids, clock);
    this.vault = SealingKeys.create(keyring, tenants, config, random, clock).vault(entries, clock);
    Random jitter = new Random(7);
    this.datadog =
        client
            .apply(
                DatadogClient.builder()
                    .baseUrlOverride(config.datadogBaseUrlOverride().map(java.net.URI::create))
                    .sleeper(sleeps::add)
                    .jitter(jitter::nextDouble)
                    .attemptTimeout(Duration.ofSeconds(5)))
            .build();
    this.siem =
        SiemPushFunction.builder()
            .config(config)
            .settings(settings.apply(SiemSettings.from(config, Map.of())))
            .dynamoDb(dynamo)
            .sqs(sqs)
            .keyring(keyring)
            .datadog(datadog)
            .random(random)
            .clock(clock)
            .build();
  }

  String createKey(String description) {
    return engines.kmsClient().createKey(r -> r.description(description)).keyMetadata().keyId();
  }

  /**
   * A tenant, its Datadog key sealed in the vault, an integration and (if streams) a destination.
   */
  record Seeded(
      String tenantId,
      String ddApiKey,
      String entryId,
      String integrationId,
      Optional<String> destinationId) {}

  Seeded tenant(
      Optional<String> tenantId, List<String> allowedOperations, List<SiemStream> streams) {
    String cmk = createKey("tenant");
    String id = provisioning.createTenant("Tenant", cmk, tenantId).tenantId();
    String ddKey = "dd" + randomHex(15); // 32 hex characters, like a Datadog API key
    dd.addApiKey(ddKey);
    String entryId = ids.next(Ids.VAULT_ENTRY);
    vault.create(
        id, entryId, Optional.of("datadog"), CredentialType.API_KEY, Map.of("api_key", ddKey));
    String integrationId = ids.next(Ids.INTEGRATION);
    Instant now = clock.instant();
    integrations.put(
        new IntegrationRecord(
            id,
            integrationId,
            "datadog",
            Optional.of("datadog eu"),
            entryId,
            "datadoghq.eu",
            allowedOperations,
            Optional.empty(),
            0,
            now,
            now));
    Optional<String> destinationId = Optional.empty();
    if (!streams.isEmpty()) {
      destinationId = Optional.of(ids.next(Ids.SIEM_DESTINATION));
      siem.destinations()
          .repository()
          .create(
              new SiemDestination(
                  id,
                  destinationId.get(),
                  "datadog",
                  integrationId,
                  streams,
                  now,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty()));
    }
    return new Seeded(id, ddKey, entryId, integrationId, destinationId);
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  // ---- the audit stream ------------------------------------------------------------------------

  /**
   * Everything the audit table's stream holds (DynamoDB Local's real stream), as the Lambda event
   * the event source mapping would deliver.
   */
  StreamBatch auditStream() {
    DynamoDbStreamsClient streams = engines.dynamoDbStreamsClient();
    String arn =
        engines
            .dynamoDbClient()
            .describeTable(r -> r.tableName(config.auditTable()))
            .table()
            .latestStreamArn();
    List<ObjectNode> records = new ArrayList<>();
    var shards = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards();
    for (var shard : shards) {
      String it =
          streams
              .getShardIterator(
                  r ->
                      r.streamArn(arn)
                          .shardId(shard.shardId())
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      while (it != null) {
        String current = it;
        var page = streams.getRecords(r -> r.shardIterator(current).limit(1000));
        for (Record rec : page.records()) {
          records.add(DynamodbStreamEventJson.record(rec, arn));
        }
        it = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return event(records);
  }

  /** A stream event for these records, as if the stream delivered their items as inserts. */
  static StreamBatch streamEvent(List<AuditRecord> records) {
    List<ObjectNode> out = new ArrayList<>();
    long seq = 100_000_000_000_000_000L;
    for (AuditRecord r : records) {
      Map<String, AttributeValue> item = AuditLog.toItem(r);
      ObjectNode rec = Json.newObject();
      rec.put("eventID", Long.toHexString(seq));
      rec.put("eventName", "INSERT");
      rec.put("eventVersion", "1.1");
      rec.put("eventSource", "aws:dynamodb");
      rec.put("awsRegion", "us-east-1");
      ObjectNode db = rec.putObject("dynamodb");
      db.put("ApproximateCreationDateTime", r.time().getEpochSecond());
      ObjectNode keys = db.putObject("Keys");
      keys.set("pk", DynamodbStreamEventJson.json(item.get("pk")));
      keys.set("sk", DynamodbStreamEventJson.json(item.get("sk")));
      ObjectNode image = db.putObject("NewImage");
      item.forEach((k, v) -> image.set(k, DynamodbStreamEventJson.json(v)));
      db.put("SequenceNumber", Long.toString(seq++));
      db.put("SizeBytes", 512);
      db.put("StreamViewType", "NEW_IMAGE");
      rec.put(
          "eventSourceARN",
          "arn:aws:dynamodb:us-east-1:123456789012:table/quantaseal-audit/stream/2026-11-26T00:00:00.000");
      out.add(rec);
    }
    return event(out);
  }

  private static StreamBatch event(List<ObjectNode> records) {
    ObjectNode e = Json.newObject();
    ArrayNode arr = e.putArray("Records");
    records.forEach(arr::add);
    return new StreamBatch(e);
  }

  /** A stream event: its JSON (what Lambda passes the function) and the typed event. */
  record StreamBatch(ObjectNode json) {
    DynamodbEvent event() {
      return LambdaEvents.dynamodb(json);
    }

    String sequenceNumber(int i) {
      return json.path("Records").get(i).path("dynamodb").path("SequenceNumber").asText();
    }
  }

  // ---- the dead-letter queue -------------------------------------------------------------------

  /** Every letter in the queue's messages (read, then made visible again at once). */
  List<JsonNode> dlqMessages() {
    List<Message> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int empties = 0;
    while (empties < 2) {
      List<Message> got =
          sqs.receiveMessage(
                  r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(600))
              .messages();
      boolean fresh = false;
      for (Message m : got) {
        if (seen.add(m.messageId())) {
          all.add(m);
          fresh = true;
        }
      }
      empties = fresh ? 0 : empties + 1;
    }
    for (int i = 0; i < all.size(); i += 10) {
      List<Message> chunk = all.subList(i, Math.min(all.size(), i + 10));
      List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
      for (int j = 0; j < chunk.size(); j++) {
        entries.add(
            ChangeMessageVisibilityBatchRequestEntry.builder()
                .id(Integer.toString(j))
                .receiptHandle(chunk.get(j).receiptHandle())
                .visibilityTimeout(0)
                .build());
      }
      sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries));
    }
    List<JsonNode> letters = new ArrayList<>();
    for (Message m : all) {
      Json.parseLenient(m.body()).path("letters").forEach(letters::add);
    }
    return letters;
  }

  /** Messages in the queue, visible or not. */
  int dlqDepth() {
    Map<QueueAttributeName, String> a =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  // ---- what Datadog received -------------------------------------------------------------------

  /** Every log entry received on /api/v2/logs, with the status its request got. */
  List<ReceivedLog> receivedLogs() {
    List<ReceivedLog> out = new ArrayList<>();
    for (FakeDatadog.ReceivedRequest r : dd.requests(FakeDatadog.LOGS)) {
      JsonNode body = r.json();
      if (body.isArray()) {
        for (JsonNode e : body) {
          out.add(new ReceivedLog(e, r));
        }
      } else {
        out.add(new ReceivedLog(body, r));
      }
    }
    return out;
  }

  record ReceivedLog(JsonNode entry, FakeDatadog.ReceivedRequest request) {
    String eventId() {
      return entry.path("quantaseal").path("event_id").asText();
    }
  }

  @Override
  public void close() {
    try {
      sqs.deleteQueue(r -> r.queueUrl(queueUrl));
    } catch (RuntimeException ignored) {
      // moto forgets it with the process anyway
    }
    sqs.close();
    dd.close();
  }
}
