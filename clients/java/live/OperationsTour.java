import io.quantaseal.client.ClientKey;
import io.quantaseal.client.PageRequest;
import io.quantaseal.client.QuantaSealApiException;
import io.quantaseal.client.QuantaSealClient;
import io.quantaseal.client.encryption.ClientKeyStatus;
import io.quantaseal.client.encryption.ListedClientKey;
import io.quantaseal.client.integrations.CreateIntegrationRequest;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.integrations.Integration;
import io.quantaseal.client.integrations.IntegrationConfig;
import io.quantaseal.client.integrations.UpdateIntegrationRequest;
import io.quantaseal.client.proxy.DatadogLog;
import io.quantaseal.client.proxy.DatadogLogBatch;
import io.quantaseal.client.proxy.DatadogMetricPoint;
import io.quantaseal.client.siem.CreateSiemDestinationRequest;
import io.quantaseal.client.siem.SiemDestination;
import io.quantaseal.client.siem.SiemStream;
import io.quantaseal.client.tenant.ApiKey;
import io.quantaseal.client.tenant.AuditQuery;
import io.quantaseal.client.tenant.AuditRecord;
import io.quantaseal.client.tenant.CreateApiKeyRequest;
import io.quantaseal.client.tenant.CreatedApiKey;
import io.quantaseal.client.tenant.Scope;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.RotateRequest;
import io.quantaseal.client.vault.SealRequest;
import io.quantaseal.client.vault.VaultEntry;
import io.quantaseal.client.vault.VaultEntryDetail;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every group of the Java client against a live QuantaSeal (clients/java/ci-test runs it against
 * ./run-local --fake-datadog): the typed answers read from the real service's bodies, not a
 * stand-in's. Reads QS_URL, QS_API_KEY (the run's first key, with admin), QS_UNSEAL_API_KEY (its
 * key with vault:unseal, from ./run-local --unseal-key) and QS_DD_API_KEY; prints
 * each check and exits 0, or names the failed one and exits 1.
 */
public final class OperationsTour {
  private OperationsTour() {}

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("tour FAILED: " + what);
      System.exit(1);
    }
    System.out.println("ok: " + what);
  }

  public static void main(String[] args) {
    QuantaSealClient admin = QuantaSealClient.fromEnvironment();
    check(admin.tenant().currentApiKey().key().scopes().contains(Scope.ADMIN), "currentApiKey: the run's key has admin");

    // A key of its own with client_keys:manage, made through the API.
    CreatedApiKey created =
        admin
            .tenant()
            .createApiKey(
                CreateApiKeyRequest.builder("java-tour").scopes(List.of(Scope.CLIENT_KEYS_MANAGE)).build());
    check(created.metadata().scopes().equals(List.of(Scope.CLIENT_KEYS_MANAGE)), "createApiKey: " + created);
    QuantaSealClient base =
        QuantaSealClient.builder(URI.create(System.getenv("QS_URL")), created.apiKey()).build();
    ClientKey key = base.encryption().createClientKey();
    QuantaSealClient qs = base.withClientKey(key);

    VaultEntry entry =
        qs.vault()
            .seal(
                SealRequest.builder(CredentialType.API_KEY)
                    .name("tour")
                    .values(Map.of("api_key", System.getenv("QS_DD_API_KEY")))
                    .build());
    try {
      qs.vault().unseal(entry.vaultEntryId());
      check(false, "unseal without vault:unseal is refused");
    } catch (QuantaSealApiException e) {
      check(e.status() == 403 && e.code().equals("operation_not_allowed"), "unseal without vault:unseal: 403 operation_not_allowed");
    }
    // The run's key with vault:unseal (./run-local --unseal-key) opens what it sealed.
    QuantaSealClient unsealer =
        QuantaSealClient.builder(URI.create(System.getenv("QS_URL")), System.getenv("QS_UNSEAL_API_KEY")).build();
    unsealer = unsealer.withClientKey(unsealer.encryption().createClientKey());
    VaultEntry secret =
        unsealer.vault().seal(SealRequest.builder(CredentialType.BASIC_AUTH).values(Map.of("username", "u", "password", "p")).build());
    check(
        unsealer.vault().unseal(secret.vaultEntryId()).value("password").equals("p"),
        "seal, then unseal opens the envelope to the values");
    unsealer.vault().deleteEntry(secret.vaultEntryId());
    VaultEntryDetail rotated =
        qs.vault()
            .rotateEntry(entry.vaultEntryId(), RotateRequest.ofValue(System.getenv("QS_DD_API_KEY")));
    check(rotated.version() == 2 && rotated.versions().size() == 2, "rotateEntry: version 2, two kept");
    qs.vault().retireVersion(entry.vaultEntryId(), 1);
    check(qs.vault().getEntry(entry.vaultEntryId()).versions().size() == 1, "retireVersion, getEntry");
    List<VaultEntry> entries = new ArrayList<>();
    qs.vault().paginateEntries().forEach(entries::add);
    check(entries.stream().anyMatch(e -> e.vaultEntryId().equals(entry.vaultEntryId())), "paginateEntries");
    check(qs.vault().listEntries(PageRequest.ofSize(1)).items().size() == 1, "listEntries with a limit");

    Integration integ =
        qs.integrations()
            .create(
                CreateIntegrationRequest.builder(entry.vaultEntryId(), IntegrationConfig.site("datadoghq.com"))
                    .name("tour")
                    .allowedOperations(List.of(DatadogOperation.SEND_EVENT))
                    .build());
    Integration updated =
        qs.integrations()
            .update(
                integ.integrationId(),
                UpdateIntegrationRequest.builder()
                    .allowedOperations(
                        List.of(DatadogOperation.SEND_EVENT, DatadogOperation.SEND_LOG, DatadogOperation.SEND_METRIC))
                    .build());
    check(updated.allowedOperations().size() == 3, "integrations create, update");
    check(qs.integrations().get(integ.integrationId()).name().orElse("").equals("tour"), "integrations get");
    check(
        qs.proxy().outbound(integ.integrationId(), DatadogMetricPoint.builder("tour.runs", 1).type("count").build())
                .upstream().ok(),
        "proxy send_metric");
    check(
        qs.proxy().outbound(integ.integrationId(), DatadogLogBatch.of(DatadogLog.of("tour log"))).upstream().ok(),
        "proxy send_log");

    SiemDestination dst =
        qs.siem()
            .createDestination(
                CreateSiemDestinationRequest.builder(integ.integrationId()).streams(List.of(SiemStream.AUDIT)).build());
    check(qs.siem().getDestination(dst.destinationId()).delivery().isPresent(), "SIEM destination with its delivery status");
    check(qs.siem().testDestination(dst.destinationId()).delivered(), "SIEM test send delivered");
    check(qs.siem().listDestinations().items().stream().anyMatch(d -> d.destinationId().equals(dst.destinationId())), "listDestinations");
    qs.siem().deleteDestination(dst.destinationId());
    try {
      qs.vault().deleteEntry(entry.vaultEntryId());
      check(false, "deleteEntry while in use is refused");
    } catch (QuantaSealApiException e) {
      check(e.status() == 409 && e.code().equals("resource_in_use") && e.requestId().isPresent(), "deleteEntry in use: 409 resource_in_use with a request id");
    }
    qs.integrations().delete(integ.integrationId());
    qs.vault().deleteEntry(entry.vaultEntryId());

    List<ListedClientKey> mine = new ArrayList<>();
    qs.encryption().paginateClientKeys().forEach(mine::add);
    check(mine.stream().anyMatch(k -> k.rkid().equals(key.rkid())), "paginateClientKeys lists the new key");
    check(qs.encryption().revokeClientKey(key.rkid()).status() == ClientKeyStatus.REVOKED, "revokeClientKey");
    check(!qs.encryption().listServerKeys().isEmpty(), "listServerKeys");

    List<ApiKey> keys = new ArrayList<>();
    admin.tenant().paginateApiKeys().forEach(keys::add);
    check(keys.stream().anyMatch(k -> k.apiKeyId().equals(created.metadata().apiKeyId())), "paginateApiKeys");
    List<AuditRecord> unseals = new ArrayList<>();
    admin.tenant().paginateAuditRecords(AuditQuery.builder().action("vault.unseal").build()).forEach(unseals::add);
    check(!unseals.isEmpty(), "paginateAuditRecords finds the unseal (" + unseals.size() + ")");
    admin.tenant().paginateAuditCheckpoints(null, null).forEach(c -> {});
    check(true, "paginateAuditCheckpoints reads");
    check(admin.tenant().revokeApiKey(created.metadata().apiKeyId()).revokedAt().isPresent(), "revokeApiKey");
  }
}
