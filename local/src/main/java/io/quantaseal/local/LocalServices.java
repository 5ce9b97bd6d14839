package io.quantaseal.local;

import io.quantaseal.common.config.EnvironmentNames;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.store.ApiKeyRecord;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.TableDefinitions;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.common.tenancy.TenantProvisioning;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.crypto.vault.LocalKeyring;
import io.quantaseal.local.engines.EmbeddedDynamoDb;
import io.quantaseal.local.engines.LoopbackDynamoDb;
import io.quantaseal.operator.OperatorCommands;
import io.quantaseal.operator.ToolKeyring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The engines behind a local run and what every function's composition root is built on there: the
 * configuration, the DynamoDB client and the keyring (the local one, or KMS at an endpoint).
 *
 * <ul>
 *   <li>DynamoDB: DynamoDB Local embedded in this JVM, in memory (default) or in {@code
 *       <data-dir>/dynamodb} ({@code persist}); either also served over HTTP on 127.0.0.1 ({@code
 *       dynamoDbPort}) for other processes; or an external endpoint ({@code
 *       AWS_ENDPOINT_URL_DYNAMODB}).
 *   <li>Keys: the LOCAL keyring (FOR LOCAL USE ONLY: a 32-byte master key generated at start, or
 *       read from {@code <data-dir>/local-master-key}), unless a KMS endpoint is configured ({@code
 *       AWS_ENDPOINT_URL_KMS}, e.g. moto): then AWS KMS, with a service key and one key per tenant
 *       created through the operator commands.
 * </ul>
 */
public final class LocalServices implements AutoCloseable {
  /** Where a persisted local master key lives, under the data directory. */
  public static final String MASTER_KEY_FILE = "local-master-key";

  /** Alias of the service key created in a configured KMS. */
  public static final String SERVICE_KEY_ALIAS = "alias/quantaseal/service/local";

  /** How to start. */
  public record Options(
      Path dataDir,
      boolean persist,
      Optional<URI> kmsEndpoint,
      Optional<URI> dynamoDbEndpoint,
      OptionalInt dynamoDbPort,
      Optional<String> datadogBaseUrl,
      LocalQueues.Request queues,
      Map<String, String> functionEnvironment) {

    /** Defaults, with the endpoints of the environment (AWS_ENDPOINT_URL_KMS / _DYNAMODB). */
    public static Options defaults(Path dataDir) {
      return new Options(
          dataDir,
          false,
          env("AWS_ENDPOINT_URL_KMS").map(URI::create),
          env("AWS_ENDPOINT_URL_DYNAMODB").map(URI::create),
          OptionalInt.empty(),
          env(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE),
          LocalQueues.Request.none(),
          Map.of());
    }

    public Options withPersist(boolean p) {
      return new Options(
          dataDir,
          p,
          kmsEndpoint,
          dynamoDbEndpoint,
          dynamoDbPort,
          datadogBaseUrl,
          queues,
          functionEnvironment);
    }

    public Options withKmsEndpoint(Optional<URI> e) {
      return new Options(
          dataDir,
          persist,
          e,
          dynamoDbEndpoint,
          dynamoDbPort,
          datadogBaseUrl,
          queues,
          functionEnvironment);
    }

    public Options withDynamoDbPort(OptionalInt p) {
      return new Options(
          dataDir,
          persist,
          kmsEndpoint,
          dynamoDbEndpoint,
          p,
          datadogBaseUrl,
          queues,
          functionEnvironment);
    }

    public Options withDatadogBaseUrl(Optional<String> u) {
      return new Options(
          dataDir,
          persist,
          kmsEndpoint,
          dynamoDbEndpoint,
          dynamoDbPort,
          u,
          queues,
          functionEnvironment);
    }

    /** The template's queues to create (and the variables that name them). */
    public Options withQueues(LocalQueues.Request q) {
      return new Options(
          dataDir,
          persist,
          kmsEndpoint,
          dynamoDbEndpoint,
          dynamoDbPort,
          datadogBaseUrl,
          q,
          functionEnvironment);
    }

    /** Variables the functions see over this process's environment (e.g. the metrics lag). */
    public Options withFunctionEnvironment(Map<String, String> vars) {
      return new Options(
          dataDir,
          persist,
          kmsEndpoint,
          dynamoDbEndpoint,
          dynamoDbPort,
          datadogBaseUrl,
          queues,
          Map.copyOf(vars));
    }
  }

  private final QuantaSealConfig config;
  private final DynamoDbClient dynamo;
  private final Keyring keyring;
  private final SecureRandom random;
  private final Clock clock = Clock.systemUTC();
  private final Optional<KmsClient> kms;
  private final List<AutoCloseable> closeables;
  private final String dynamoDescription;
  private final String keyringDescription;
  private final Optional<URI> dynamoDbHttpEndpoint;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Optional<String> masterKeyBase64;
  private final DynamoDbStreamsClient streams;
  private final LocalQueues queues;
  private final Map<String, String> functionEnvironment;

  private LocalServices(
      QuantaSealConfig config,
      DynamoDbClient dynamo,
      Keyring keyring,
      SecureRandom random,
      Optional<KmsClient> kms,
      List<AutoCloseable> closeables,
      String dynamoDescription,
      String keyringDescription,
      Optional<URI> dynamoDbHttpEndpoint,
      Region region,
      AwsCredentialsProvider credentials,
      Optional<String> masterKeyBase64,
      DynamoDbStreamsClient streams,
      LocalQueues queues,
      Map<String, String> functionEnvironment) {
    this.streams = streams;
    this.queues = queues;
    this.functionEnvironment = functionEnvironment;
    this.config = config;
    this.dynamo = dynamo;
    this.keyring = keyring;
    this.random = random;
    this.kms = kms;
    this.closeables = closeables;
    this.dynamoDescription = dynamoDescription;
    this.keyringDescription = keyringDescription;
    this.dynamoDbHttpEndpoint = dynamoDbHttpEndpoint;
    this.region = region;
    this.credentials = credentials;
    this.masterKeyBase64 = masterKeyBase64;
  }

  /** Starts the engines, creates the tables, builds the context. */
  public static LocalServices start(Options o) {
    List<AutoCloseable> closeables = new ArrayList<>();
    Region region =
        env("AWS_REGION")
            .or(() -> env("AWS_DEFAULT_REGION"))
            .map(Region::of)
            .orElse(Region.US_EAST_1);
    AwsCredentialsProvider credentials =
        env("AWS_ACCESS_KEY_ID").isPresent()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    SecureRandom random = new SecureRandom();
    try {
      // DynamoDB
      DynamoDbClient dynamo;
      DynamoDbStreamsClient streams;
      String dynamoDescription;
      Optional<URI> httpEndpoint = Optional.empty();
      if (o.dynamoDbEndpoint().isPresent()) {
        dynamo = client(DynamoDbClient.builder(), o.dynamoDbEndpoint().get(), region, credentials);
        closeables.add(dynamo);
        streams =
            client(
                DynamoDbStreamsClient.builder(), o.dynamoDbEndpoint().get(), region, credentials);
        closeables.add(streams);
        httpEndpoint = o.dynamoDbEndpoint();
        dynamoDescription = "external endpoint " + o.dynamoDbEndpoint().get();
      } else if (o.dynamoDbPort().isPresent()) {
        Optional<Path> kept =
            o.persist() ? Optional.of(o.dataDir().resolve("dynamodb")) : Optional.empty();
        LoopbackDynamoDb loopback = LoopbackDynamoDb.start(o.dynamoDbPort().getAsInt(), kept);
        closeables.add(loopback);
        dynamo = loopback.newClient();
        closeables.add(dynamo);
        streams = client(DynamoDbStreamsClient.builder(), loopback.endpoint(), region, credentials);
        closeables.add(streams);
        httpEndpoint = Optional.of(loopback.endpoint());
        dynamoDescription =
            "DynamoDB Local in process, "
                + kept.map(d -> "kept in " + d).orElse("in memory")
                + ", also at "
                + loopback.endpoint()
                + " (HTTP)";
      } else {
        AmazonDynamoDBLocal engine =
            o.persist()
                ? EmbeddedDynamoDb.inDirectory(o.dataDir().resolve("dynamodb"))
                : EmbeddedDynamoDb.inMemory();
        closeables.add(engine::shutdownNow);
        dynamo = engine.dynamoDbClient();
        streams = engine.dynamoDbStreamsClient();
        dynamoDescription =
            o.persist()
                ? "DynamoDB Local in process, kept in " + o.dataDir().resolve("dynamodb")
                : "DynamoDB Local in process, in memory";
      }

      // Keys
      Keyring keyring;
      String keyringDescription;
      String serviceKeyId;
      Optional<KmsClient> kms = Optional.empty();
      Optional<String> masterKey = Optional.empty();
      if (o.kmsEndpoint().isPresent()) {
        KmsClient k = client(KmsClient.builder(), o.kmsEndpoint().get(), region, credentials);
        closeables.add(k);
        kms = Optional.of(k);
        keyring = new AwsKmsKeyring(k);
        serviceKeyId = serviceKey(k);
        keyringDescription =
            "AWS KMS at " + o.kmsEndpoint().get() + " (service key " + serviceKeyId + ")";
      } else {
        Path file = o.dataDir().resolve(MASTER_KEY_FILE);
        String b64;
        if (Files.isRegularFile(file)) {
          b64 = Files.readString(file, StandardCharsets.US_ASCII).trim();
          keyringDescription = "LOCAL keyring (for local use only), master key from " + file;
        } else {
          byte[] key = new byte[32];
          random.nextBytes(key);
          b64 = Base64.getEncoder().encodeToString(key);
          java.util.Arrays.fill(key, (byte) 0);
          if (o.persist()) {
            writePrivate(file, b64);
            keyringDescription =
                "LOCAL keyring (for local use only), master key created in " + file;
          } else {
            keyringDescription =
                "LOCAL keyring (for local use only), master key generated at start";
          }
        }
        masterKey = Optional.of(b64);
        try (SecretBytes master = SecretBytes.wrap(Base64.getDecoder().decode(b64))) {
          keyring = LocalKeyring.create(master, random);
        }
        serviceKeyId = "local/quantaseal-service";
      }

      // SQS: the template's queues, in moto (or at AWS_ENDPOINT_URL_SQS)
      LocalQueues queues = LocalQueues.start(o.queues(), region, credentials);
      closeables.add(queues);

      Map<String, String> env = new HashMap<>();
      env.put(EnvironmentNames.SERVICE_KMS_KEY_ID, serviceKeyId);
      env.put(EnvironmentNames.STAGE, "local");
      o.datadogBaseUrl().ifPresent(u -> env.put(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE, u));
      // QS_SIEM_DLQ_URL: the caller's queue if set, else the local queue the template names
      env.putAll(queues.environment());
      env(EnvironmentNames.SIEM_DLQ_URL).ifPresent(u -> env.put(EnvironmentNames.SIEM_DLQ_URL, u));
      Map<String, String> functionEnv = new HashMap<>(System.getenv());
      functionEnv.putAll(o.functionEnvironment());
      QuantaSealConfig config = QuantaSealConfig.from(env);
      createTables(dynamo, config);
      return new LocalServices(
          config,
          dynamo,
          keyring,
          random,
          kms,
          closeables,
          dynamoDescription,
          keyringDescription,
          httpEndpoint,
          region,
          credentials,
          masterKey,
          streams,
          queues,
          Map.copyOf(functionEnv));
    } catch (IOException e) {
      closeAll(closeables);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  /** The three tables as template.yaml declares them, with TTL on the vault table. */
  public static void createTables(DynamoDbClient dynamo, QuantaSealConfig config) {
    TableDefinitions.createMissing(dynamo, config);
    try {
      dynamo.updateTimeToLive(
          r ->
              r.tableName(config.vaultTable())
                  .timeToLiveSpecification(s -> s.attributeName("expires_at").enabled(true)));
    } catch (DynamoDbException alreadyEnabled) {
      // TTL is already on (a persisted database): nothing to do
    }
  }

  /** The configuration the functions of this run are built with. */
  public QuantaSealConfig config() {
    return config;
  }

  /** The run's DynamoDB client. */
  public DynamoDbClient dynamoDb() {
    return dynamo;
  }

  /**
   * The run's keyring, injected into every function's composition root: the local keyring, or AWS
   * KMS at {@code --kms-endpoint}.
   */
  public Keyring keyring() {
    return keyring;
  }

  /** Creates a tenant (with its own KMS key when KMS is configured). */
  public TenantRecord createTenant(String name) {
    return operator().createTenant(name, Optional.empty());
  }

  /** The tenant {@code tenantId}, created (under that id) if missing. */
  public TenantRecord tenant(String tenantId, String name) {
    return new TenantRepository(dynamo, config.vaultTable())
        .find(tenantId)
        .orElseGet(() -> operator().createTenant(name, Optional.empty(), tenantId));
  }

  private OperatorCommands operator() {
    return new OperatorCommands(config, dynamo, keyring, kms);
  }

  /** A tenant whose name is {@code name}, if the (persisted) database already has one. */
  public Optional<TenantRecord> findTenantByName(String name) {
    return new TenantRepository(dynamo, config.vaultTable())
        .all().stream().filter(t -> name.equals(t.name())).findFirst();
  }

  /** Issues a new {@code qs_test_} key. */
  public TenantProvisioning.IssuedApiKey issueApiKey(String tenantId, Set<String> scopes) {
    return TenantProvisioning.create(dynamo, config, keyring, random, clock)
        .issueApiKey(tenantId, false, scopes);
  }

  /**
   * Registers a given clear key (the sample key of {@code events/}) under {@code apiKeyId}, unless
   * a key with that hash exists.
   */
  public void importApiKey(String tenantId, String apiKeyId, String clearKey, Set<String> scopes) {
    String hash = ApiKeys.hash(clearKey);
    ApiKeyRepository apiKeys =
        new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable());
    if (apiKeys.findByHash(hash).isPresent()) {
      return;
    }
    apiKeys.create(
        new ApiKeyRecord(
            hash,
            apiKeyId,
            tenantId,
            scopes,
            ApiKeys.displayPrefix(clearKey),
            clock.instant(),
            Optional.empty()));
  }

  /**
   * An SQS client for the SIEM push: the local queues' endpoint, else AWS_ENDPOINT_URL_SQS, else
   * AWS (its dead-letter queue is only used when QS_SIEM_DLQ_URL is set).
   */
  public SqsClient sqs() {
    Optional<URI> endpoint =
        queues.endpoint().or(() -> env("AWS_ENDPOINT_URL_SQS").map(URI::create));
    SqsClient sqs =
        endpoint.isPresent()
            ? client(SqsClient.builder(), endpoint.get(), region, credentials)
            : SqsClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    closeables.add(sqs);
    return sqs;
  }

  /** DynamoDB Streams of the same database (the event sources read the audit table's stream). */
  public DynamoDbStreamsClient streams() {
    return streams;
  }

  /** The template's queues, when they were asked for. */
  public LocalQueues queues() {
    return queues;
  }

  /**
   * The environment another process needs to use this run's engines as the functions do (the
   * operator, {@code replay-dlq}): tables, stage, keyring (with the local master key, a local-only
   * secret: the env file is written 0600), region and credentials, the endpoints that are reachable
   * over HTTP (DynamoDB only with {@code --dynamodb-port}), the DLQ and the Datadog override.
   */
  public Map<String, String> environment() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    var c = config;
    m.put(EnvironmentNames.VAULT_TABLE, c.vaultTable());
    m.put(EnvironmentNames.API_KEYS_TABLE, c.apiKeysTable());
    m.put(EnvironmentNames.AUDIT_TABLE, c.auditTable());
    m.put(EnvironmentNames.STAGE, c.stage());
    m.put(ToolKeyring.KEYRING, kms.isPresent() ? "kms" : "local");
    m.put(EnvironmentNames.SERVICE_KMS_KEY_ID, c.serviceKmsKeyId());
    masterKeyBase64.ifPresent(k -> m.put(ToolKeyring.LOCAL_MASTER_KEY, k));
    m.put("AWS_REGION", region.id());
    if (env("AWS_ACCESS_KEY_ID").isEmpty()) {
      m.put("AWS_ACCESS_KEY_ID", "local");
      m.put("AWS_SECRET_ACCESS_KEY", "local");
    }
    dynamoDbHttpEndpoint.ifPresent(u -> m.put("AWS_ENDPOINT_URL_DYNAMODB", u.toString()));
    env("AWS_ENDPOINT_URL_KMS").ifPresent(u -> m.put("AWS_ENDPOINT_URL_KMS", u));
    queues
        .endpoint()
        .map(URI::toString)
        .or(() -> env("AWS_ENDPOINT_URL_SQS"))
        .ifPresent(u -> m.put("AWS_ENDPOINT_URL_SQS", u));
    c.siemDlqUrl().ifPresent(u -> m.put(EnvironmentNames.SIEM_DLQ_URL, u));
    c.datadogBaseUrlOverride().ifPresent(u -> m.put(EnvironmentNames.DATADOG_BASE_URL_OVERRIDE, u));
    return m;
  }

  /** What the functions read as their environment: this process's, plus the runner's settings. */
  public Map<String, String> functionEnvironment() {
    return functionEnvironment;
  }

  public String dynamoDescription() {
    return dynamoDescription;
  }

  public String keyringDescription() {
    return keyringDescription;
  }

  @Override
  public void close() {
    closeAll(closeables);
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        // best effort
      }
    }
    closeables.clear();
  }

  private static String serviceKey(KmsClient kms) {
    for (AliasListEntry a : kms.listAliasesPaginator(r -> {}).aliases()) {
      if (SERVICE_KEY_ALIAS.equals(a.aliasName()) && a.targetKeyId() != null) {
        return kms.describeKey(r -> r.keyId(a.targetKeyId())).keyMetadata().arn();
      }
    }
    String arn =
        kms.createKey(r -> r.description("QuantaSeal local service key")).keyMetadata().arn();
    kms.createAlias(r -> r.aliasName(SERVICE_KEY_ALIAS).targetKeyId(arn));
    return arn;
  }

  private static <
          B extends
              software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
                  & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>,
          C>
      C client(B builder, URI endpoint, Region region, AwsCredentialsProvider credentials) {
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content + "\n", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file system's defaults apply
    }
  }

  static Optional<String> env(String name) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }
}
