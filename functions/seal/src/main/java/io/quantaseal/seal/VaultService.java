package io.quantaseal.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.ClientKeyNotUsableException;
import io.quantaseal.common.api.IdempotencyConflictException;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.api.PayloadTooLargeException;
import io.quantaseal.common.api.ResourceInUseException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.json.JsonFields;
import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.store.IntegrationRecord;
import io.quantaseal.common.store.IntegrationRepository;
import io.quantaseal.common.store.VaultEntryRecord;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.common.store.VaultVersionRecord;
import io.quantaseal.common.vault.CredentialType;
import io.quantaseal.common.vault.CredentialValues;
import io.quantaseal.common.vault.CredentialVault;
import io.quantaseal.common.vault.EnvelopeAnswer;
import io.quantaseal.common.vault.EnvelopeIssuer;
import io.quantaseal.common.vault.EnvelopeReplays;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.vault.CachingKeyring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The vault endpoints (docs/api.md#vault): seal, unseal (envelope; needs {@code vault:unseal}),
 * list, get (metadata only), rotate, retire a version, delete (crypto-erase). Values are validated
 * per credential type, never echoed, never logged.
 */
public final class VaultService {
  /** Largest seal or rotate body. */
  public static final int MAX_BODY_CHARS = 64 * 1024;

  private static final int MAX_NAME = 128;

  private final VaultEntryRepository entries;
  private final CredentialVault vault;
  private final EnvelopeIssuer envelopes;
  private final EnvelopeReplays envelopeReplays;
  private final IntegrationRepository integrations;
  private final IdempotentRequests idempotency;
  private final AuditLog audit;
  private final CachingKeyring keyCache;
  private final Ids ids;
  private final Pagination pagination;

  /**
   * @param envelopeReplays seals a replayed unseal's kept answer to the replaying caller
   * @param integrations to refuse deleting an entry an integration uses
   * @param keyCache cleared when a version or an entry is gone, so no decrypted key outlives it
   */
  public VaultService(
      VaultEntryRepository entries,
      CredentialVault vault,
      EnvelopeIssuer envelopes,
      EnvelopeReplays envelopeReplays,
      IntegrationRepository integrations,
      IdempotentRequests idempotency,
      AuditLog audit,
      CachingKeyring keyCache,
      Ids ids,
      Pagination pagination) {
    this.entries = entries;
    this.vault = vault;
    this.envelopes = envelopes;
    this.envelopeReplays = envelopeReplays;
    this.integrations = integrations;
    this.idempotency = idempotency;
    this.audit = audit;
    this.keyCache = keyCache;
    this.ids = ids;
    this.pagination = pagination;
  }

  // POST /api/v2/vault/seal
  public ApiResponse seal(ApiRequest request) {
    Caller caller = request.caller();
    return idempotency.run(
        request,
        true,
        () -> {
          ObjectNode body = parse(request);
          JsonFields.allowOnly(
              body, "the request", Set.of("credential_type", "name", "value", "values"));
          CredentialType type =
              CredentialType.fromId(JsonFields.requiredString(body, "credential_type", 64));
          Optional<String> name = JsonFields.optionalString(body, "name", MAX_NAME);
          Map<String, String> values = values(type, body);
          String entryId = ids.next(Ids.VAULT_ENTRY);
          VaultEntryRecord entry = vault.create(caller.tenantId(), entryId, name, type, values);
          audit(request, AuditActions.VAULT_SEAL, entryId)
              .detail("credential_type", type.id())
              .detail("version", 1)
              .write();
          return ApiResponse.json(201, summary(entry));
        });
  }

  /**
   * POST /api/v2/vault/unseal, with or without {@code Idempotency-Key}. A replay (same key, same
   * body) gets the first answer's plaintext, kept sealed at rest, in a freshly sealed envelope (new
   * {@code iat}, its own request id), after the same checks as a first call: the scope, and a
   * client key the replaying API key may use (EnvelopeReplays). Every replay is audited as an
   * unseal.
   */
  public ApiResponse unseal(ApiRequest request) {
    return idempotency.run(
        request,
        () -> unsealOnce(request),
        envelopeReplays.policy(
            new EnvelopeReplays.ReplayRecipients() {
              @Override
              public ClientKeyRecord recipient(ApiRequest replay) {
                ObjectNode body = parse(replay);
                String entryId = JsonFields.requiredString(body, "vault_entry_id", 64);
                requireUnsealScope(replay, entryId);
                return unsealRecipient(
                    replay, entryId, JsonFields.optionalString(body, "rkid", 64));
              }

              @Override
              public void replayed(ApiRequest replay, HybridCryptoEnvelope envelope) {
                String entryId = Json.parseObject(replay.body()).path("vault_entry_id").asText();
                audit(replay, AuditActions.VAULT_UNSEAL, entryId)
                    .detail("rkid", envelope.rkid())
                    .detail("replayed", true)
                    .securityAlert(AuditActions.ALERT_UNSEAL)
                    .write();
              }
            }));
  }

  private EnvelopeAnswer unsealOnce(ApiRequest request) {
    ObjectNode body = parse(request);
    JsonFields.allowOnly(body, "the request", Set.of("vault_entry_id", "rkid"));
    String entryId = JsonFields.requiredString(body, "vault_entry_id", 64);
    Optional<String> rkid = JsonFields.optionalString(body, "rkid", 64);
    requireUnsealScope(request, entryId);
    VaultEntryRecord entry = entry(request, AuditActions.VAULT_UNSEAL, entryId);
    ClientKeyRecord recipient = unsealRecipient(request, entryId, rkid);
    CredentialValues values = vault.open(entry);
    Map<String, Object> plaintext = new LinkedHashMap<>();
    plaintext.put("vault_entry_id", entry.entryId());
    plaintext.put("credential_type", entry.credentialType());
    plaintext.put("version", entry.currentVersion());
    plaintext.put("values", values.reveal());
    audit(request, AuditActions.VAULT_UNSEAL, entryId)
        .detail("version", entry.currentVersion())
        .detail("rkid", recipient.rkid())
        .securityAlert(AuditActions.ALERT_UNSEAL)
        .write();
    return new EnvelopeAnswer(
        200, Map.of("Content-Type", "application/json"), Json.writeBytes(plaintext), recipient);
  }

  /** Unseal needs {@code vault:unseal}; a caller without it is refused and audited. */
  private void requireUnsealScope(ApiRequest request, String entryId) {
    if (!request.caller().hasScope(Caller.SCOPE_VAULT_UNSEAL)) {
      audit(request, AuditActions.VAULT_UNSEAL, AuditLog.safeTarget(entryId))
          .outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_MISSING_SCOPE)
          .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
          .write();
      throw new OperationNotAllowedException(
          "This API key lacks the vault:unseal scope; unseal is denied by default.");
    }
  }

  /** The client key an unseal's envelope goes to; a refused {@code rkid} is audited. */
  private ClientKeyRecord unsealRecipient(
      ApiRequest request, String entryId, Optional<String> rkid) {
    try {
      return envelopes.recipient(request.caller(), rkid);
    } catch (ClientKeyNotUsableException e) {
      audit(request, AuditActions.VAULT_UNSEAL, AuditLog.safeTarget(entryId))
          .outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_CLIENT_KEY_NOT_USABLE)
          .detail("rkid", AuditLog.safeTarget(rkid.orElse("")))
          .securityAlert(AuditActions.ALERT_AUTH_FAILURE)
          .write();
      throw e;
    }
  }

  // GET /api/v2/vault/entries
  public ApiResponse list(ApiRequest request) {
    Page<VaultEntryRecord> page =
        entries.page(request.caller().tenantId(), pagination.read(request, LIST));
    List<Map<String, Object>> out = new ArrayList<>();
    for (VaultEntryRecord e : page.items()) {
      out.add(summary(e));
    }
    return ApiResponse.json(200, pagination.body(request, LIST, "entries", page, out));
  }

  /** The entry list's name in its cursors. */
  static final String LIST = "vault_entries";

  // GET /api/v2/vault/entries/{id}
  public ApiResponse get(ApiRequest request) {
    VaultEntryRecord e = entry(request, AuditActions.VAULT_READ, pathId(request));
    Map<String, Object> out = summary(e);
    out.put("versions", versions(e));
    return ApiResponse.json(200, out);
  }

  // POST /api/v2/vault/entries/{id}/rotate
  public ApiResponse rotate(ApiRequest request) {
    Caller caller = request.caller();
    String entryId = pathId(request);
    return idempotency.run(
        request,
        true,
        () -> {
          ObjectNode body = parse(request);
          JsonFields.allowOnly(body, "the request", Set.of("value", "values"));
          VaultEntryRecord current = entry(request, AuditActions.VAULT_ROTATE, entryId);
          Map<String, String> values =
              values(CredentialType.fromId(current.credentialType()), body);
          VaultEntryRecord rotated =
              vault
                  .rotate(current, values)
                  .orElseThrow(
                      () ->
                          new IdempotencyConflictException(
                              "The entry was rotated concurrently; read it and retry."));
          audit(request, AuditActions.VAULT_ROTATE, entryId)
              .detail("version", rotated.currentVersion())
              .write();
          Map<String, Object> out = summary(rotated);
          out.put("versions", versions(rotated));
          return ApiResponse.json(200, out);
        });
  }

  // DELETE /api/v2/vault/entries/{id}/versions/{version}
  public ApiResponse retireVersion(ApiRequest request) {
    Caller caller = request.caller();
    VaultEntryRecord e = entry(request, AuditActions.VAULT_RETIRE_VERSION, pathId(request));
    int version;
    try {
      version = Integer.parseInt(request.pathParameter("version").orElse(""));
    } catch (NumberFormatException ex) {
      throw new InvalidRequestException("The version must be a number.");
    }
    if (version == e.currentVersion()) {
      throw new InvalidRequestException(
          "The current version cannot be retired; rotate first or delete the entry.");
    }
    if (entries.version(caller.tenantId(), e.entryId(), version).isEmpty()) {
      audit(request, AuditActions.VAULT_RETIRE_VERSION, e.entryId())
          .deniedNotFound("vault_version", e.entryId())
          .detail("version", version)
          .write();
      throw new NotFoundException("No such version.");
    }
    entries.deleteVersion(caller.tenantId(), e.entryId(), version);
    keyCache.clear();
    audit(request, AuditActions.VAULT_RETIRE_VERSION, e.entryId())
        .detail("version", version)
        .write();
    return ApiResponse.empty(204);
  }

  // DELETE /api/v2/vault/entries/{id}[?force=true]
  public ApiResponse delete(ApiRequest request) {
    Caller caller = request.caller();
    VaultEntryRecord e = entry(request, AuditActions.VAULT_DELETE, pathId(request));
    boolean force = request.queryParameter("force").map("true"::equals).orElse(false);
    List<IntegrationRecord> users = integrations.usingCredential(caller.tenantId(), e.entryId());
    if (!users.isEmpty() && !force) {
      audit(request, AuditActions.VAULT_DELETE, e.entryId())
          .outcome(AuditRecord.DENIED)
          .detail("reason", "in_use")
          .write();
      throw new ResourceInUseException(
          "The entry is used by "
              + users.size()
              + " integration(s) ("
              + String.join(", ", users.stream().map(IntegrationRecord::integrationId).toList())
              + "); delete them first or pass force=true.");
    }
    entries.delete(caller.tenantId(), e.entryId());
    keyCache.clear();
    audit(request, AuditActions.VAULT_DELETE, e.entryId())
        .detail("forced", force && !users.isEmpty())
        .write();
    return ApiResponse.empty(204);
  }

  /** The caller's entry {@code entryId}; anything else is 404, audited under {@code action}. */
  private VaultEntryRecord entry(ApiRequest request, String action, String entryId) {
    String tenant = request.caller().tenantId();
    return audit
        .lookup(
            request,
            action,
            "vault_entry",
            Ids.VAULT_ENTRY,
            entryId,
            id -> entries.find(tenant, id))
        .orElseThrow(() -> new NotFoundException("No such vault entry."));
  }

  private static String pathId(ApiRequest request) {
    return request.pathParameter("id").orElseThrow(() -> new NotFoundException("No such entry."));
  }

  private static ObjectNode parse(ApiRequest request) {
    if (request.body() != null && request.body().length() > MAX_BODY_CHARS) {
      throw new PayloadTooLargeException(
          "Vault requests are limited to " + MAX_BODY_CHARS + " characters.");
    }
    return Json.parseObject(request.body());
  }

  private static Map<String, String> values(CredentialType type, JsonNode body) {
    Optional<String> value =
        JsonFields.optionalString(body, "value", CredentialType.MAX_VALUE_LENGTH + 1);
    Optional<ObjectNode> obj = JsonFields.optionalObject(body, "values");
    Optional<Map<String, String>> values = Optional.empty();
    if (obj.isPresent()) {
      Map<String, String> m = new LinkedHashMap<>();
      var fields = obj.get().fields();
      while (fields.hasNext()) {
        var f = fields.next();
        if (!f.getValue().isTextual()) {
          throw new InvalidRequestException("Field 'values." + f.getKey() + "' must be a string.");
        }
        m.put(f.getKey(), f.getValue().textValue());
      }
      values = Optional.of(m);
    }
    if (value.isPresent() && value.get().length() > CredentialType.MAX_VALUE_LENGTH) {
      throw new PayloadTooLargeException(
          "Field 'value' is over " + CredentialType.MAX_VALUE_LENGTH + " characters.");
    }
    return type.validate(value, values);
  }

  private List<Map<String, Object>> versions(VaultEntryRecord e) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (VaultVersionRecord v : entries.versions(e.tenantId(), e.entryId())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", v.version());
      m.put("created_at", v.createdAt().toString());
      m.put("current", v.version() == e.currentVersion());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> summary(VaultEntryRecord e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("vault_entry_id", e.entryId());
    e.name().ifPresent(n -> m.put("name", n));
    m.put("credential_type", e.credentialType());
    m.put("version", e.currentVersion());
    m.put("created_at", e.createdAt().toString());
    m.put("rotated_at", e.rotatedAt().toString());
    return m;
  }

  private AuditLog.Entry audit(ApiRequest request, String action, String target) {
    return audit
        .record(request.caller().tenantId(), action, request.requestId())
        .actor(request.caller().apiKeyId())
        .target(target);
  }
}
