package io.quantaseal.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.siem.SiemDestination;
import io.quantaseal.common.siem.SiemDestinationRepository;
import io.quantaseal.common.siem.SiemStream;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.vault.CredentialType;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.common.vault.EnvelopeIssuer;
import io.quantaseal.common.vault.SealingKeys;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tenant the sample events of {@code events/} act for, and what they name: its API key, vault
 * entries (with their versions), integrations, client key and SIEM destination, as {@code
 * sample-tenant.json} (beside this class) describes them. {@code run-local invoke} seeds whatever
 * of it is missing before it invokes a function, so every sample event runs on a fresh data
 * directory (events/README.md lists what each one answers). Fixed, public test values: local runs
 * only.
 */
public final class SampleTenant {
  /** The resource this class reads. */
  static final String RESOURCE = "sample-tenant.json";

  /** A vault entry and the values of each of its versions, oldest first. */
  public record Entry(
      String entryId,
      Optional<String> name,
      CredentialType type,
      List<Map<String, String>> versions) {
    public Entry {
      versions = List.copyOf(versions);
    }
  }

  /** An integration of a Datadog site (its credential validated at the entry's newest version). */
  public record Integration(
      String integrationId,
      Optional<String> name,
      String credentialId,
      String site,
      List<String> allowedOperations) {}

  /**
   * A client key, bound to {@code apiKeyId}: its ML-KEM-768 key pair from {@code seed} (d‖z) and
   * its envelope MAC key. The object in the JSON file is also a key file and a registration for
   * {@code run-local open-envelope} (it holds {@code seed}, {@code rkid}, {@code hkid} and {@code
   * hmac_key}).
   */
  public record ClientKey(
      String rkid, String hkid, String apiKeyId, byte[] seed, byte[] macKey, JsonNode json) {}

  /** A SIEM destination. */
  public record Destination(String destinationId, String integrationId, List<SiemStream> streams) {}

  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  private final String tenantId;
  private final String tenantName;
  private final String apiKeyId;
  private final String apiKey;
  private final Set<String> scopes;
  private final List<Entry> entries;
  private final List<Integration> integrations;
  private final List<ClientKey> clientKeys;
  private final List<Destination> destinations;

  private SampleTenant(JsonNode root) {
    JsonNode tenant = root.required("tenant");
    tenantId = text(tenant, "tenant_id");
    tenantName = text(tenant, "name");
    JsonNode key = root.required("api_key");
    apiKeyId = text(key, "api_key_id");
    apiKey = text(key, "api_key");
    scopes = new LinkedHashSet<>(strings(key.required("scopes")));
    entries = new ArrayList<>();
    for (JsonNode e : root.required("vault_entries")) {
      CredentialType type = CredentialType.fromId(text(e, "credential_type"));
      List<Map<String, String>> versions = new ArrayList<>();
      for (JsonNode v : e.required("versions")) {
        versions.add(type.validate(optionalText(v, "value"), optionalMap(v, "values")));
      }
      entries.add(new Entry(text(e, "vault_entry_id"), optionalText(e, "name"), type, versions));
    }
    integrations = new ArrayList<>();
    for (JsonNode i : root.required("integrations")) {
      integrations.add(
          new Integration(
              text(i, "integration_id"),
              optionalText(i, "name"),
              text(i, "credential_id"),
              text(i, "site"),
              strings(i.required("allowed_operations"))));
    }
    clientKeys = new ArrayList<>();
    for (JsonNode k : root.required("client_keys")) {
      clientKeys.add(
          new ClientKey(
              text(k, "rkid"),
              text(k, "hkid"),
              text(k, "api_key_id"),
              B64URL.decode(text(k, "seed")),
              B64URL.decode(text(k, "hmac_key")),
              k));
    }
    destinations = new ArrayList<>();
    for (JsonNode d : root.required("siem_destinations")) {
      destinations.add(
          new Destination(
              text(d, "destination_id"),
              text(d, "integration_id"),
              strings(d.required("streams")).stream().map(SiemStream::parse).toList()));
    }
  }

  /** The sample tenant of {@code events/}. */
  public static SampleTenant load() {
    try (InputStream in = SampleTenant.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new SampleTenant(LocalJson.mapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String tenantId() {
    return tenantId;
  }

  public String apiKeyId() {
    return apiKeyId;
  }

  /** The clear API key the authorizer samples send ({@code qs_test_…}). */
  public String apiKey() {
    return apiKey;
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  public List<ClientKey> clientKeys() {
    return List.copyOf(clientKeys);
  }

  /**
   * Creates in {@code services} what of the sample tenant is missing (the tenant, its API key, each
   * entry, integration, client key and destination by id); what exists is left as it is, so a
   * persisted data directory keeps what earlier invocations did to it. Nothing is audited: these
   * are fixtures, not API calls.
   */
  public TenantRecord seed(LocalServices services) {
    TenantRecord tenant = services.tenant(tenantId, tenantName);
    services.importApiKey(tenantId, apiKeyId, apiKey, scopes);
    // The fixtures' own view of the run's tables, sealed under the run's keyring.
    QuantaSealConfig config = services.config();
    DynamoDbClient dynamo = services.dynamoDb();
    String table = config.vaultTable();
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    SealingKeys keys =
        SealingKeys.create(
            services.keyring(), new TenantRepository(dynamo, table), config, random, clock);
    VaultEntryRepository entryRecords = new VaultEntryRepository(dynamo, table);
    CredentialVault vault = keys.vault(entryRecords, clock);
    IntegrationRepository integrationRecords = new IntegrationRepository(dynamo, table);
    ClientKeyRepository clientKeyRecords = new ClientKeyRepository(dynamo, table);
    EnvelopeIssuer envelopes =
        keys.envelopes(
            clientKeyRecords,
            keys.signingKeys(
                new SigningKeyRepository(dynamo, table),
                config.serviceKmsKeyId(),
                new Ids(random),
                random,
                clock),
            random,
            clock);
    Map<String, VaultEntryRecord> sealed = new LinkedHashMap<>();
    for (Entry e : entries) {
      VaultEntryRecord record =
          entryRecords.find(tenantId, e.entryId()).orElseGet(() -> create(vault, e));
      sealed.put(e.entryId(), record);
    }
    Instant now = clock.instant();
    for (Integration i : integrations) {
      if (integrationRecords.find(tenantId, i.integrationId()).isPresent()) {
        continue;
      }
      int version =
          Optional.ofNullable(sealed.get(i.credentialId()))
              .map(VaultEntryRecord::currentVersion)
              .orElseThrow(() -> new IllegalStateException(i.credentialId() + " is not seeded"));
      integrationRecords.put(
          new IntegrationRecord(
              tenantId,
              i.integrationId(),
              "datadog",
              i.name(),
              i.credentialId(),
              i.site(),
              i.allowedOperations(),
              Optional.empty(),
              0,
              now,
              now,
              version));
    }
    for (ClientKey k : clientKeys) {
      if (clientKeyRecords.find(tenantId, k.rkid()).isPresent()) {
        continue;
      }
      try (SecretBytes seed = SecretBytes.wrap(k.seed().clone());
          SecretBytes mac = SecretBytes.wrap(k.macKey().clone())) {
        MlKemDecapsulationKey dk = MlKem768.keyPairFromSeed(seed);
        envelopes.register(tenantId, k.rkid(), dk.encapsulationKey(), k.hkid(), mac, k.apiKeyId());
      }
    }
    for (Destination d : destinations) {
      new SiemDestinationRepository(dynamo, table)
          .create(
              new SiemDestination(
                  tenantId,
                  d.destinationId(),
                  "datadog",
                  d.integrationId(),
                  d.streams(),
                  now,
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty()));
    }
    return tenant;
  }

  private VaultEntryRecord create(CredentialVault vault, Entry e) {
    VaultEntryRecord record =
        vault.create(tenantId, e.entryId(), e.name(), e.type(), e.versions().get(0));
    for (Map<String, String> values : e.versions().subList(1, e.versions().size())) {
      VaultEntryRecord current = record;
      record =
          vault
              .rotate(current, values)
              .orElseThrow(() -> new IllegalStateException(e.entryId() + " changed while seeded"));
    }
    return record;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.required(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalStateException(RESOURCE + ": '" + field + "' must be a non-empty string");
    }
    return v.asText();
  }

  private static Optional<String> optionalText(JsonNode n, String field) {
    return n.has(field) ? Optional.of(text(n, field)) : Optional.empty();
  }

  private static Optional<Map<String, String>> optionalMap(JsonNode n, String field) {
    if (!n.has(field)) {
      return Optional.empty();
    }
    Map<String, String> m = new LinkedHashMap<>();
    n.get(field).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
    return Optional.of(m);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }
}
