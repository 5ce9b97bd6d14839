package io.quantaseal.common;

import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.aws.AwsClients;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.keys.AwsKmsKeyring;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.common.vault.EnvelopeIssuer;
import io.quantaseal.common.vault.EnvelopeReplays;
import io.quantaseal.common.vault.ServerSigningKeys;
import io.quantaseal.common.vault.TenantVaultKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.vault.CachingKeyring;
import io.quantaseal.crypto.vault.CredentialSealer;
import io.quantaseal.crypto.vault.Keyring;
import io.quantaseal.crypto.vault.LocalKeyring;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The composition root: builds every repository and service once from the configuration, the
 * DynamoDB client and the keyring. Handlers build one per container (no-arg constructor); tests and
 * the local runner pass their own clients, keyring, randomness and clock.
 */
public final class ServiceContext {
  private final QuantaSealConfig config;
  private final DynamoDbClient dynamo;
  private final Keyring keyring;
  private final CachingKeyring cachingKeyring;
  private final SecureRandom random;
  private final Clock clock;
  private final Ids ids;
  private final TenantRepository tenants;
  private final ApiKeyRepository apiKeys;
  private final VaultEntryRepository entries;
  private final ClientKeyRepository clientKeys;
  private final SigningKeyRepository signingKeyRepository;
  private final IntegrationRepository integrations;
  private final SiemDestinationRepository siemDestinations;
  private final AuditLog audit;
  private final IdempotentRequests idempotency;
  private final TenantVaultKeys tenantKeys;
  private final CredentialSealer sealer;
  private final CredentialVault vault;
  private final ServerSigningKeys signingKeys;
  private final EnvelopeIssuer envelopes;
  private final EnvelopeReplays envelopeReplays;

  public ServiceContext(
      QuantaSealConfig config,
      DynamoDbClient dynamo,
      Keyring keyring,
      SecureRandom random,
      Clock clock) {
    this.config = config;
    this.dynamo = dynamo;
    this.keyring = keyring;
    this.cachingKeyring =
        new CachingKeyring(keyring, config.keyCacheTtl(), config.keyCacheMaxEntries(), clock);
    this.random = random;
    this.clock = clock;
    this.ids = new Ids(random);
    this.tenants = new TenantRepository(dynamo, config.vaultTable());
    this.apiKeys = new ApiKeyRepository(dynamo, config.apiKeysTable(), config.vaultTable());
    this.entries = new VaultEntryRepository(dynamo, config.vaultTable());
    this.clientKeys = new ClientKeyRepository(dynamo, config.vaultTable());
    this.signingKeyRepository = new SigningKeyRepository(dynamo, config.vaultTable());
    this.integrations = new IntegrationRepository(dynamo, config.vaultTable());
    this.siemDestinations = new SiemDestinationRepository(dynamo, config.vaultTable());
    this.audit = new AuditLog(dynamo, config.auditTable(), ids, clock);
    this.idempotency = new IdempotentRequests(dynamo, config.vaultTable(), clock);
    this.tenantKeys =
        new TenantVaultKeys(
            tenants, cachingKeyring, config.keyCacheTtl(), config.keyCacheMaxEntries(), clock);
    this.sealer = new CredentialSealer(cachingKeyring, random);
    this.vault = new CredentialVault(entries, tenantKeys, sealer, clock);
    this.signingKeys =
        new ServerSigningKeys(
            signingKeyRepository, cachingKeyring, config.serviceKmsKeyId(), ids, random, clock);
    this.envelopes = new EnvelopeIssuer(clientKeys, tenantKeys, sealer, signingKeys, random, clock);
    this.envelopeReplays = new EnvelopeReplays(envelopes, tenantKeys, sealer);
  }

  /** Per container, from the environment: AWS clients, and KMS (or, locally, the local keyring). */
  public static ServiceContext fromEnvironment() {
    QuantaSealConfig config = QuantaSealConfig.fromEnvironment();
    return new ServiceContext(
        config, AwsClients.dynamoDb(), keyringFor(config), new SecureRandom(), Clock.systemUTC());
  }

  /**
   * From an explicit environment (the command-line tools' {@code --env-file} over their own): the
   * same names as {@link #fromEnvironment()}, clients built from them ({@link AwsClients}).
   */
  public static ServiceContext fromEnvironment(java.util.Map<String, String> env) {
    QuantaSealConfig config = QuantaSealConfig.from(env);
    Keyring keyring =
        "local".equals(config.keyring())
            ? keyringFor(config)
            : new AwsKmsKeyring(AwsClients.kms(env));
    return new ServiceContext(
        config, AwsClients.dynamoDb(env), keyring, new SecureRandom(), Clock.systemUTC());
  }

  /** KMS, unless the configuration asks for the local keyring (local runs only). */
  public static Keyring keyringFor(QuantaSealConfig config) {
    if ("local".equals(config.keyring())) {
      byte[] master =
          Base64.getDecoder()
              .decode(
                  config
                      .localMasterKey()
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "QS_KEYRING=local needs QS_LOCAL_MASTER_KEY")));
      try (SecretBytes key = SecretBytes.wrap(master)) {
        return LocalKeyring.create(key, new SecureRandom());
      }
    }
    return new AwsKmsKeyring(AwsClients.kms());
  }

  public QuantaSealConfig config() {
    return config;
  }

  public DynamoDbClient dynamo() {
    return dynamo;
  }

  /** The raw keyring (KMS): for generating and wrapping; decrypts go through the cache. */
  public Keyring keyring() {
    return keyring;
  }

  public CachingKeyring cachingKeyring() {
    return cachingKeyring;
  }

  public SecureRandom random() {
    return random;
  }

  public Clock clock() {
    return clock;
  }

  public Ids ids() {
    return ids;
  }

  public TenantRepository tenants() {
    return tenants;
  }

  public ApiKeyRepository apiKeys() {
    return apiKeys;
  }

  public VaultEntryRepository entries() {
    return entries;
  }

  public ClientKeyRepository clientKeys() {
    return clientKeys;
  }

  public SigningKeyRepository signingKeyRepository() {
    return signingKeyRepository;
  }

  public IntegrationRepository integrations() {
    return integrations;
  }

  public SiemDestinationRepository siemDestinations() {
    return siemDestinations;
  }

  public AuditLog audit() {
    return audit;
  }

  public IdempotentRequests idempotency() {
    return idempotency;
  }

  public TenantVaultKeys tenantKeys() {
    return tenantKeys;
  }

  public CredentialSealer sealer() {
    return sealer;
  }

  public CredentialVault vault() {
    return vault;
  }

  public ServerSigningKeys signingKeys() {
    return signingKeys;
  }

  public EnvelopeIssuer envelopes() {
    return envelopes;
  }

  public EnvelopeReplays envelopeReplays() {
    return envelopeReplays;
  }
}
