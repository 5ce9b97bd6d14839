package io.quantaseal.seal;

import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.PageRequest;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.store.ClientKeyRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listing and revoking client keys ({@code GET /api/v2/encryption/client-keys}, {@code DELETE
 * …/{rkid}}; docs/vault.md "Who receives envelopes"). A client key stays bound to the API key that
 * registered it: with {@code client_keys:manage} a key lists and revokes its own client keys; with
 * {@code admin} it lists and revokes every client key of its tenant (a leaked one included).
 * Revocation is immediate (no cache): no envelope is sealed to a revoked key again; naming it in
 * {@code rkid} is 403 {@code client_key_revoked}, and without {@code rkid} the newest key not
 * revoked is used.
 */
public final class ClientKeysService {
  static final String LIST_ALL = "client_keys";

  private final ClientKeyRepository clientKeys;
  private final AuditLog audit;
  private final Pagination pagination;
  private final Clock clock;

  public ClientKeysService(
      ClientKeyRepository clientKeys, AuditLog audit, Pagination pagination, Clock clock) {
    this.clientKeys = clientKeys;
    this.audit = audit;
    this.pagination = pagination;
    this.clock = clock;
  }

  // GET /api/v2/encryption/client-keys
  public ApiResponse list(ApiRequest request) {
    Caller caller = permitted(request, AuditActions.CLIENT_KEY_LIST, "");
    boolean admin = caller.hasScope(Caller.SCOPE_ADMIN);
    // An admin's cursor and an application key's cursor walk different lists.
    String list = admin ? LIST_ALL : LIST_ALL + ":" + caller.apiKeyId();
    PageRequest asked = pagination.read(request, list);
    Page<ClientKeyRecord> page =
        admin
            ? clientKeys.page(caller.tenantId(), asked)
            : clientKeys.pageRegisteredBy(caller.tenantId(), caller.apiKeyId(), asked);
    List<Map<String, Object>> items =
        page.items().stream().map(ClientKeysService::summary).toList();
    return ApiResponse.json(200, pagination.body(request, list, "client_keys", page, items));
  }

  // DELETE /api/v2/encryption/client-keys/{rkid}
  public ApiResponse revoke(ApiRequest request) {
    String rkid = request.pathParameter("rkid").orElse("");
    Caller caller = permitted(request, AuditActions.CLIENT_KEY_REVOKE, AuditLog.safeTarget(rkid));
    ClientKeyRecord key =
        audit
            .lookup(
                request,
                AuditActions.CLIENT_KEY_REVOKE,
                "client_key",
                Ids.CLIENT_KEY,
                rkid,
                id ->
                    clientKeys
                        .find(caller.tenantId(), id)
                        .filter(
                            k ->
                                caller.hasScope(Caller.SCOPE_ADMIN)
                                    || k.registeredBy(caller.apiKeyId())))
            .orElseThrow(() -> new NotFoundException("No such client key."));
    if (key.revokedAt().isPresent()) {
      return ApiResponse.json(200, summary(key));
    }
    Instant now = clock.instant();
    if (!clientKeys.revoke(caller.tenantId(), key.rkid(), now)) {
      throw new NotFoundException("No such client key.");
    }
    audit
        .record(caller.tenantId(), AuditActions.CLIENT_KEY_REVOKE, request.requestId())
        .actor(caller.apiKeyId())
        .target(key.rkid())
        .detail("hkid", key.hkid())
        .detail("registered_by", key.apiKeyId().orElse(""))
        .write();
    return ApiResponse.json(
        200, summary(clientKeys.find(caller.tenantId(), key.rkid()).orElse(key)));
  }

  /** The caller, if it has {@code client_keys:manage} or {@code admin}; else 403, audited. */
  private Caller permitted(ApiRequest request, String action, String target) {
    Caller caller = request.caller();
    if (!caller.hasScope(Caller.SCOPE_CLIENT_KEYS_MANAGE) && !caller.hasScope(Caller.SCOPE_ADMIN)) {
      audit
          .record(caller.tenantId(), action, request.requestId())
          .actor(caller.apiKeyId())
          .target(target)
          .outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_MISSING_SCOPE)
          .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
          .write();
      throw new OperationNotAllowedException(
          "This API key lacks the client_keys:manage scope (its own client keys) or admin (all of"
              + " the tenant's).");
    }
    return caller;
  }

  /** What a listing shows: ids and times, never a key. */
  static Map<String, Object> summary(ClientKeyRecord k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rkid", k.rkid());
    m.put("hkid", k.hkid());
    m.put("api_key_id", k.apiKeyId().orElse(null));
    m.put("created_at", k.createdAt().toString());
    m.put("last_used_at", k.lastUsedAt().map(Instant::toString).orElse(null));
    m.put("revoked_at", k.revokedAt().map(Instant::toString).orElse(null));
    m.put("status", k.revokedAt().isPresent() ? "revoked" : "active");
    return m;
  }
}
