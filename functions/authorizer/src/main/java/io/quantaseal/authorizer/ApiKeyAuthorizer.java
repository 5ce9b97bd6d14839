package io.quantaseal.authorizer;

import io.quantaseal.common.api.Caller;
import io.quantaseal.common.audit.AuditActions;
import io.quantaseal.common.audit.AuditLog;
import io.quantaseal.common.audit.AuditRecord;
import io.quantaseal.common.store.ApiKeyRecord;
import io.quantaseal.common.store.ApiKeyRepository;
import io.quantaseal.common.store.UseThrottle;
import io.quantaseal.common.tenancy.ApiKeys;
import io.quantaseal.crypto.internal.Bytes;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Decides on an {@code X-API-Key} (docs/api.md#authentication): missing or malformed → {@link
 * Decision.Missing} (401 {@code missing_api_key}); unknown, revoked or expired → {@link
 * Decision.Invalid} (403 {@code invalid_api_key}); otherwise the caller.
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

  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthorizer.class);
  private static final byte[] NO_MATCH = new byte[64];

  private final ApiKeyRepository apiKeys;
  private final AuditLog audit;
  private final Clock clock;
  private final UseThrottle uses = new UseThrottle();

  public ApiKeyAuthorizer(ApiKeyRepository apiKeys, AuditLog audit, Clock clock) {
    this.apiKeys = apiKeys;
    this.audit = audit;
    this.clock = clock;
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
    Instant now = clock.instant();
    if (found.isEmpty() || !hashMatches || !found.get().activeAt(now)) {
      String tenant = found.map(ApiKeyRecord::tenantId).orElse(AuditLog.NO_TENANT);
      audit
          .record(tenant, AuditActions.AUTH_FAILURE, requestId)
          .actor(found.map(ApiKeyRecord::apiKeyId).orElse(null))
          .outcome(AuditRecord.DENIED)
          .detail("reason", reason(found))
          .detail("source_ip", sourceIp)
          .securityAlert(AuditActions.ALERT_AUTH_FAILURE)
          .write();
      return new Decision.Invalid();
    }
    ApiKeyRecord k = found.get();
    // "Last used" (GET /api/v2/api-keys): one conditional write per key per minute at most.
    // A failure to record it never fails the authentication.
    if (uses.due(k.apiKeyId(), now)) {
      try {
        apiKeys.recordUse(k.tenantId(), k.apiKeyId(), now, now.minus(UseThrottle.INTERVAL));
      } catch (SdkException e) {
        LOG.warn("could not record the last use of {}: {}", k.apiKeyId(), e.getClass().getName());
      }
    }
    return new Decision.Allow(new Caller(k.tenantId(), k.apiKeyId(), k.scopes()));
  }

  private static String reason(Optional<ApiKeyRecord> found) {
    if (found.isEmpty()) {
      return "unknown_api_key";
    }
    return found.get().revokedAt().isPresent() ? "revoked_api_key" : "expired_api_key";
  }
}
