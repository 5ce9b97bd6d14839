package io.quantaseal.tenantadmin.apikeys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.LastAdminKeyException;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.api.OperationNotAllowedException;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.idempotency.IdempotentRequests;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.json.Json;
import io.quantaseal.common.json.JsonFields;
import io.quantaseal.common.paging.Page;
import io.quantaseal.common.paging.Pagination;
import io.quantaseal.common.store.ApiKeyRecord;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.tenancy.ApiKeyIssuer;
import io.quantaseal.common.tenancy.ApiKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's own API keys ({@code /api/v2/api-keys}, docs/api.md "API keys"): create (the key shown
 * once), list (never the key or its hash) and revoke. Every operation needs the {@code admin}
 * scope; a new key gets no scope its creator lacks; the tenant's last active admin key cannot be
 * revoked. Every refusal is audited. A revoked key stops working within the authorizer's cache time
 * (60 s, template.yaml {@code ReauthorizeEvery}).
 */
public final class ApiKeyService {
  /** The list's name in its cursors. */
  static final String LIST = "api_keys";

  static final int MAX_NAME = 64;
  static final Duration MAX_LIFETIME = Duration.ofDays(3650);
  private static final int REVOKE_ATTEMPTS = 5;

  private final ApiKeyRepository apiKeys;
  private final ApiKeyIssuer issuer;
  private final AuditLog audit;
  private final IdempotentRequests idempotency;
  private final Pagination pagination;
  private final Clock clock;

  public ApiKeyService(
      ApiKeyRepository apiKeys,
      ApiKeyIssuer issuer,
      AuditLog audit,
      IdempotentRequests idempotency,
      Pagination pagination,
      Clock clock) {
    this.apiKeys = apiKeys;
    this.issuer = issuer;
    this.audit = audit;
    this.idempotency = idempotency;
    this.pagination = pagination;
    this.clock = clock;
  }

  // POST /api/v2/api-keys
  public ApiResponse create(ApiRequest request) {
    Caller caller = requireAdmin(request, AuditActions.API_KEY_CREATE, "");
    // The answer holds the key, shown once: it is never stored for an idempotent replay.
    return idempotency.run(
        request,
        false,
        () -> {
          ObjectNode body = Json.parseObject(request.body());
          JsonFields.allowOnly(body, "the request", Set.of("name", "scopes", "expires_at"));
          String name = name(JsonFields.requiredString(body, "name", MAX_NAME));
          List<String> asked = JsonFields.optionalStringList(body, "scopes", 16, 64);
          Set<String> scopes = new TreeSet<>(asked == null ? List.of() : asked);
          for (String scope : scopes) {
            if (!Caller.SCOPES.contains(scope)) {
              throw new InvalidRequestException(
                  "Unknown scope in 'scopes' (scopes: "
                      + String.join(", ", new TreeSet<>(Caller.SCOPES))
                      + ").");
            }
          }
          Optional<Instant> expiresAt = expiry(JsonFields.optionalString(body, "expires_at", 40));
          Set<String> notHeld = new TreeSet<>(scopes);
          notHeld.removeAll(caller.scopes());
          if (!notHeld.isEmpty()) {
            audit
                .record(caller.tenantId(), AuditActions.API_KEY_CREATE, request.requestId())
                .actor(caller.apiKeyId())
                .outcome(AuditRecord.DENIED)
                .detail("reason", AuditActions.REASON_SCOPE_NOT_HELD)
                .detail("scopes", String.join(" ", notHeld))
                .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
                .write();
            throw new OperationNotAllowedException(
                "A key cannot grant a scope its creator lacks: this API key does not have "
                    + String.join(", ", notHeld)
                    + ".");
          }
          boolean live =
              apiKeys
                  .find(caller.tenantId(), caller.apiKeyId())
                  .map(k -> k.displayPrefix().startsWith(ApiKeys.LIVE_PREFIX))
                  .orElse(true);
          ApiKeyIssuer.IssuedApiKey issued =
              issuer.issue(caller.tenantId(), live, scopes, Optional.of(name), expiresAt);
          audit
              .record(caller.tenantId(), AuditActions.API_KEY_CREATE, request.requestId())
              .actor(caller.apiKeyId())
              .target(issued.apiKeyId())
              .detail("scopes", String.join(" ", scopes))
              .write();
          Map<String, Object> out = summary(issued.record());
          out.put("api_key", issued.apiKey());
          return ApiResponse.json(201, out).withHeader("Cache-Control", "no-store");
        });
  }

  // GET /api/v2/api-keys
  public ApiResponse list(ApiRequest request) {
    Caller caller = requireAdmin(request, AuditActions.API_KEY_LIST, "");
    Page<ApiKeyRecord> page = apiKeys.page(caller.tenantId(), pagination.read(request, LIST));
    List<Map<String, Object>> items = page.items().stream().map(this::summary).toList();
    return ApiResponse.json(200, pagination.body(request, LIST, "api_keys", page, items));
  }

  // GET /api/v2/api-keys/current
  /**
   * The calling key itself, with its tenant: any key may read it (no scope needed), so that a
   * client (the Admin Console) can show what the key may do before it tries. Never the key or its
   * hash; not audited (it reads only what the caller already holds).
   */
  public ApiResponse current(ApiRequest request) {
    Caller caller = request.caller();
    ApiKeyRecord key =
        apiKeys
            .find(caller.tenantId(), caller.apiKeyId())
            .orElseThrow(() -> new NotFoundException("No such API key."));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tenant_id", caller.tenantId());
    out.putAll(summary(key));
    return ApiResponse.json(200, out).withHeader("Cache-Control", "no-store");
  }

  // DELETE /api/v2/api-keys/{id}
  public ApiResponse revoke(ApiRequest request) {
    String id = request.pathParameter("id").orElse("");
    Caller caller = requireAdmin(request, AuditActions.API_KEY_REVOKE, AuditLog.safeTarget(id));
    for (int attempt = 0; attempt < REVOKE_ATTEMPTS; attempt++) {
      long revocations = apiKeys.revocations(caller.tenantId());
      ApiKeyRecord key =
          audit
              .lookup(
                  request,
                  AuditActions.API_KEY_REVOKE,
                  "api_key",
                  Ids.API_KEY,
                  id,
                  k -> apiKeys.find(caller.tenantId(), k))
              .orElseThrow(() -> new NotFoundException("No such API key."));
      Instant now = clock.instant();
      if (key.revokedAt().isPresent()) {
        return ApiResponse.json(200, summary(key));
      }
      if (key.scopes().contains(Caller.SCOPE_ADMIN) && key.activeAt(now) && !otherAdmin(key, now)) {
        audit
            .record(caller.tenantId(), AuditActions.API_KEY_REVOKE, request.requestId())
            .actor(caller.apiKeyId())
            .target(key.apiKeyId())
            .outcome(AuditRecord.DENIED)
            .detail("reason", AuditActions.REASON_LAST_ADMIN_KEY)
            .write();
        throw new LastAdminKeyException();
      }
      ApiKeyRepository.RevokeResult result =
          apiKeys.revoke(caller.tenantId(), key.apiKeyId(), now, Optional.of(revocations));
      if (result == ApiKeyRepository.RevokeResult.REVOKED) {
        audit
            .record(caller.tenantId(), AuditActions.API_KEY_REVOKE, request.requestId())
            .actor(caller.apiKeyId())
            .target(key.apiKeyId())
            .securityAlert(AuditActions.ALERT_KEY_REVOKED)
            .write();
        return ApiResponse.json(
            200, summary(apiKeys.find(caller.tenantId(), key.apiKeyId()).orElse(key)));
      }
      if (result == ApiKeyRepository.RevokeResult.NOT_FOUND) {
        throw new NotFoundException("No such API key.");
      }
      // CONCURRENT: another revocation ran in between; check the admin rule again.
    }
    throw new IllegalStateException("API key revocation kept racing for " + caller.tenantId());
  }

  private boolean otherAdmin(ApiKeyRecord key, Instant now) {
    return apiKeys.all(key.tenantId()).stream()
        .anyMatch(
            k ->
                !k.apiKeyId().equals(key.apiKeyId())
                    && k.scopes().contains(Caller.SCOPE_ADMIN)
                    && k.activeAt(now));
  }

  /** The caller, if it has {@code admin}; else the refusal is audited and answered 403. */
  private Caller requireAdmin(ApiRequest request, String action, String target) {
    Caller caller = request.caller();
    if (!caller.hasScope(Caller.SCOPE_ADMIN)) {
      audit
          .record(caller.tenantId(), action, request.requestId())
          .actor(caller.apiKeyId())
          .target(target)
          .outcome(AuditRecord.DENIED)
          .detail("reason", AuditActions.REASON_MISSING_SCOPE)
          .securityAlert(AuditActions.ALERT_POLICY_DENIAL)
          .write();
      throw new OperationNotAllowedException(
          "This API key lacks the admin scope, which managing API keys needs.");
    }
    return caller;
  }

  /** What a listing shows of a key: never the key or its hash. */
  Map<String, Object> summary(ApiKeyRecord k) {
    Instant now = clock.instant();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("api_key_id", k.apiKeyId());
    m.put("name", k.name().orElse(null));
    m.put("display_prefix", k.displayPrefix());
    m.put("scopes", k.scopes().stream().sorted().toList());
    m.put("created_at", k.createdAt().toString());
    m.put("last_used_at", k.lastUsedAt().map(Instant::toString).orElse(null));
    m.put("expires_at", k.expiresAt().map(Instant::toString).orElse(null));
    m.put("revoked_at", k.revokedAt().map(Instant::toString).orElse(null));
    m.put("status", k.revokedAt().isPresent() ? "revoked" : k.activeAt(now) ? "active" : "expired");
    return m;
  }

  private static String name(String name) {
    if (name.isBlank() || name.codePoints().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException(
          "Field 'name' must be 1 to " + MAX_NAME + " characters with no control characters.");
    }
    return name;
  }

  private Optional<Instant> expiry(Optional<String> raw) {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Instant t;
    try {
      t = java.time.OffsetDateTime.parse(raw.get()).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "Field 'expires_at' must be an RFC 3339 date-time, e.g. 2027-01-31T00:00:00Z.");
    }
    Instant now = clock.instant();
    if (!t.isAfter(now) || t.isAfter(now.plus(MAX_LIFETIME))) {
      throw new InvalidRequestException(
          "Field 'expires_at' must be in the future and at most 3650 days ahead.");
    }
    return Optional.of(t);
  }
}
