package io.quantaseal.authorizer;

import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.store.ApiKeyRecord;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.crypto.internal.Bytes;
import java.util.Optional;

/**
 * Decides on an {@code X-API-Key} (docs/api.md#authentication): missing or malformed → {@link
 * Decision.Missing} (401 {@code missing_api_key}); unknown or revoked → {@link Decision.Invalid}
 * (403 {@code invalid_api_key}); otherwise the caller.
 *
 * <p>Every well-formed key costs one GetItem by hash and one constant-time compare, whether it
 * exists or not, so timing does not tell a known key from an unknown one. Every failure is audited
 * (under the key's tenant when a revoked key names one).
 */
public final class ApiKeyAuthorizer {
  /** The outcome. */
  public sealed interface Decision permits Decision.Allow, Decision.Missing, Decision.Invalid {
    /** Authenticated. */
    record Allow(Caller caller) implements Decision {}

    /** No key, or not of the documented shape. */
    record Missing() implements Decision {}

    /** Unknown or revoked key. */
    record Invalid() implements Decision {}
  }

  private static final byte[] NO_MATCH = new byte[64];

  private final ApiKeyRepository apiKeys;
  private final AuditLog audit;

  public ApiKeyAuthorizer(ApiKeyRepository apiKeys, AuditLog audit) {
    this.apiKeys = apiKeys;
    this.audit = audit;
  }

  public Decision authorize(Optional<String> apiKey, String requestId, String sourceIp) {
    if (apiKey.isEmpty() || !ApiKeys.wellFormed(apiKey.get().trim())) {
      audit
          .record(AuditLog.NO_TENANT, AuditActions.AUTH_FAILURE, requestId)
          .outcome(AuditRecord.DENIED)
          .detail("reason", apiKey.isEmpty() ? "missing_api_key" : "malformed_api_key")
          .detail("source_ip", sourceIp)
          .securityAlert(AuditActions.ALERT_AUTH_FAILURE)
          .write();
      return new Decision.Missing();
    }
    String hash = ApiKeys.hash(apiKey.get().trim());
    Optional<ApiKeyRecord> found = apiKeys.findByHash(hash);
    // Same work on both paths: compare against the stored hash or a dummy one.
    byte[] stored = Bytes.utf8(found.map(ApiKeyRecord::keyHash).orElse(new String(NO_MATCH)));
    boolean hashMatches = Bytes.constantTimeEquals(stored, Bytes.utf8(hash));
    if (found.isEmpty() || !hashMatches || !found.get().active()) {
      String tenant = found.map(ApiKeyRecord::tenantId).orElse(AuditLog.NO_TENANT);
      audit
          .record(tenant, AuditActions.AUTH_FAILURE, requestId)
          .actor(found.map(ApiKeyRecord::apiKeyId).orElse(null))
          .outcome(AuditRecord.DENIED)
          .detail("reason", found.isPresent() ? "revoked_api_key" : "unknown_api_key")
          .detail("source_ip", sourceIp)
          .securityAlert(AuditActions.ALERT_AUTH_FAILURE)
          .write();
      return new Decision.Invalid();
    }
    ApiKeyRecord k = found.get();
    return new Decision.Allow(new Caller(k.tenantId(), k.apiKeyId(), k.scopes()));
  }
}
