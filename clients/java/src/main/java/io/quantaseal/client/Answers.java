package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantaseal.client.encryption.ClientKeyRegistration;
import io.quantaseal.client.encryption.ClientKeyStatus;
import io.quantaseal.client.encryption.ListedClientKey;
import io.quantaseal.client.encryption.ServerKey;
import io.quantaseal.client.encryption.ServerKeyStatus;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.integrations.Integration;
import io.quantaseal.client.integrations.IntegrationConfig;
import io.quantaseal.client.integrations.IntegrationStatus;
import io.quantaseal.client.proxy.ProxyAnswer;
import io.quantaseal.client.proxy.UpstreamResponse;
import io.quantaseal.client.siem.SiemDeliveryStatus;
import io.quantaseal.client.siem.SiemDestination;
import io.quantaseal.client.siem.SiemDestinationStatus;
import io.quantaseal.client.siem.SiemDestinationTestResult;
import io.quantaseal.client.siem.SiemStream;
import io.quantaseal.client.tenant.ApiKey;
import io.quantaseal.client.tenant.ApiKeyStatus;
import io.quantaseal.client.tenant.AuditCheckpoint;
import io.quantaseal.client.tenant.AuditOutcome;
import io.quantaseal.client.tenant.AuditRecord;
import io.quantaseal.client.tenant.CreatedApiKey;
import io.quantaseal.client.tenant.CurrentApiKey;
import io.quantaseal.client.tenant.Scope;
import io.quantaseal.client.vault.CredentialType;
import io.quantaseal.client.vault.UnsealedCredential;
import io.quantaseal.client.vault.VaultEntry;
import io.quantaseal.client.vault.VaultEntryDetail;
import io.quantaseal.client.vault.VaultEntryVersion;
import io.quantaseal.crypto.SecretBytes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The answers of docs/openapi.yaml, read into the client's records: one place for each schema. */
final class Answers {
  private Answers() {}

  static <T> Page<T> page(Fields f, String member, Function<Fields, T> item) {
    return new Page<>(f.objects(member).stream().map(item).toList(), f.optString("next_cursor"));
  }

  static VaultEntry vaultEntry(Fields f) {
    return new VaultEntry(
        f.string("vault_entry_id"),
        f.optString("name"),
        f.enumValue("credential_type", CredentialType::fromWireName),
        f.integer("version"),
        f.instant("created_at"),
        f.instant("rotated_at"));
  }

  static VaultEntryDetail vaultEntryDetail(Fields f) {
    return new VaultEntryDetail(
        f.string("vault_entry_id"),
        f.optString("name"),
        f.enumValue("credential_type", CredentialType::fromWireName),
        f.integer("version"),
        f.instant("created_at"),
        f.instant("rotated_at"),
        f.objects("versions").stream()
            .map(
                v ->
                    new VaultEntryVersion(
                        v.integer("version"), v.instant("created_at"), v.bool("current")))
            .toList());
  }

  static UnsealedCredential unsealed(Fields f, String requestId) {
    return new UnsealedCredential(
        f.string("vault_entry_id"),
        f.enumValue("credential_type", CredentialType::fromWireName),
        f.integer("version"),
        f.stringMap("values"),
        requestId);
  }

  static ClientKeyRegistration clientKeyRegistration(Fields f) {
    byte[] key = Json.unb64url(f.string("hmac_key"));
    if (key == null || key.length != ClientKey.MAC_KEY_LENGTH) {
      throw new Fields.MalformedException("the answer: 'hmac_key' is not 64 bytes of base64url");
    }
    return new ClientKeyRegistration(
        f.string("rkid"), f.string("hkid"), SecretBytes.wrap(key), f.instant("created_at"));
  }

  static List<ServerKey> serverKeys(Fields f) {
    return f.objects("keys").stream()
        .map(
            k ->
                new ServerKey(
                    k.string("skid"),
                    k.string("alg"),
                    k.string("public_key"),
                    k.instant("created_at"),
                    k.enumValue("status", ServerKeyStatus::fromWireName),
                    k.optInstant("retired_at"),
                    k.optInstant("verifies_until")))
        .toList();
  }

  static ListedClientKey listedClientKey(Fields f) {
    return new ListedClientKey(
        f.string("rkid"),
        f.string("hkid"),
        f.optString("api_key_id"),
        f.instant("created_at"),
        f.optInstant("last_used_at"),
        f.optInstant("revoked_at"),
        f.enumValue("status", ClientKeyStatus::fromWireName));
  }

  static ApiKey apiKey(Fields f) {
    return new ApiKey(
        f.string("api_key_id"),
        f.optString("name"),
        f.string("display_prefix"),
        f.enums("scopes", Scope::fromWireName),
        f.instant("created_at"),
        f.optInstant("last_used_at"),
        f.optInstant("expires_at"),
        f.optInstant("revoked_at"),
        f.enumValue("status", ApiKeyStatus::fromWireName));
  }

  static AuditCheckpoint auditCheckpoint(Fields f) {
    Fields b = f.object("body");
    return new AuditCheckpoint(
        b.integer("v"),
        b.string("tenant_id"),
        b.longInteger("seq"),
        b.string("period_start"),
        b.string("period_end"),
        b.longInteger("count"),
        b.string("root"),
        b.string("prev"),
        b.string("skid"),
        f.string("sig"),
        b.raw());
  }

  static CurrentApiKey currentApiKey(Fields f) {
    return new CurrentApiKey(f.string("tenant_id"), apiKey(f));
  }

  static CreatedApiKey createdApiKey(Fields f) {
    return new CreatedApiKey(apiKey(f), f.string("api_key"));
  }

  static AuditRecord auditRecord(Fields f) {
    String time = f.string("time");
    f.instant("time"); // must be an RFC 3339 instant
    JsonNode resource = f.raw().get("resource");
    Optional<String> resourceId =
        resource != null && resource.isObject()
            ? Fields.of(resource, "resource").optString("id")
            : Optional.empty();
    return new AuditRecord(
        f.string("audit_id"),
        f.string("tenant_id"),
        time,
        f.string("action"),
        f.enumValue("outcome", AuditOutcome::fromWireName),
        f.string("request_id"),
        f.string("actor"),
        resourceId,
        f.raw().has("details") ? f.stringMap("details") : Map.of(),
        f.optString("security_alert"));
  }

  static Integration integration(Fields f) {
    return new Integration(
        f.string("integration_id"),
        f.string("system_type"),
        f.optString("name"),
        f.string("credential_id"),
        new IntegrationConfig(f.object("config").string("site")),
        f.enums("allowed_operations", DatadogOperation::fromWireName),
        f.enumValue("status", IntegrationStatus::fromWireName),
        f.optString("unhealthy_reason"),
        f.instant("created_at"),
        f.instant("updated_at"));
  }

  static ProxyAnswer proxyAnswer(Fields f, Response r) {
    Fields up = f.object("upstream");
    return new ProxyAnswer(
        f.string("integration_id"),
        f.enumValue("operation", DatadogOperation::fromWireName),
        new UpstreamResponse(up.integer("status"), up.value("body"), up.longInteger("latency_ms")),
        f.string("audit_id"),
        r.requestId(),
        r.status(),
        r.idempotentReplayed());
  }

  static SiemDestination siemDestination(Fields f) {
    return new SiemDestination(
        f.string("destination_id"),
        f.string("system_type"),
        f.string("integration_id"),
        f.enums("streams", SiemStream::fromWireName),
        f.instant("created_at"),
        f.enumValue("status", SiemDestinationStatus::fromWireName),
        f.optString("stopped_reason"),
        f.optInstant("stopped_at"),
        f.raw().hasNonNull("delivery")
            ? Optional.of(delivery(f.object("delivery")))
            : Optional.empty());
  }

  static SiemDeliveryStatus delivery(Fields f) {
    return new SiemDeliveryStatus(
        f.optInstant("last_delivery_at"),
        f.optString("last_error"),
        f.optInstant("last_error_at"),
        f.longInteger("delivered_count"),
        f.longInteger("failed_count"),
        f.longInteger("dead_letter_depth"));
  }

  static SiemDestinationTestResult siemTestResult(Fields f) {
    Fields dd = f.object("datadog");
    return new SiemDestinationTestResult(
        f.string("destination_id"),
        f.enumValue("operation", DatadogOperation::fromWireName),
        f.instant("sent_at"),
        f.bool("delivered"),
        new UpstreamResponse(dd.integer("status"), dd.value("body"), dd.longInteger("latency_ms")),
        f.optString("error"));
  }
}
