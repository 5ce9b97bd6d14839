package io.quantaseal.local;

import io.quantaseal.common.tenancy.RateLimit;
import io.quantaseal.common.tenancy.UsageKeys;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What API Gateway's usage plans do, for the local gateway (docs/deploy.md, "Per-tenant rate
 * limits"): a token bucket per usage-plan key (the {@code usageIdentifierKey} the authorizer
 * returns, one per tenant), sized by the tenant's own limit (set by {@code quantaseal-operator
 * set-rate-limit}, kept on the tenant record) or else the template's default usage plan throttle. A
 * request with no token left is refused; the gateway answers it as API Gateway does (the template's
 * THROTTLED response: 429 {@code rate_limited}, {@code Retry-After}).
 */
final class TenantThrottle {
  private final Function<String, Optional<RateLimit>> tenantLimits;
  private final Optional<RateLimit> defaultLimit;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TenantThrottle(
      Function<String, Optional<RateLimit>> tenantLimits,
      Optional<RateLimit> defaultLimit,
      LongSupplier nanoTime) {
    this.tenantLimits = tenantLimits;
    this.defaultLimit = defaultLimit;
    this.nanoTime = nanoTime;
  }

  /** Takes a token for {@code usageKey}; false when its bucket is empty (throttled). */
  boolean tryAcquire(String usageKey) {
    Optional<RateLimit> limit =
        UsageKeys.tenantOf(usageKey).flatMap(tenantLimits).or(() -> defaultLimit);
    if (limit.isEmpty()) {
      return true;
    }
    return buckets
        .computeIfAbsent(usageKey, k -> new Bucket())
        .take(limit.get(), nanoTime.getAsLong());
  }

  /** One key's tokens; the limit is read at each request, so a change applies at once. */
  private static final class Bucket {
    private double tokens = Double.NaN;
    private long last;

    synchronized boolean take(RateLimit limit, long now) {
      if (Double.isNaN(tokens)) {
        tokens = limit.burst();
      } else {
        double refill = (now - last) / 1e9 * limit.requestsPerSecond();
        tokens = Math.min(limit.burst(), tokens + refill);
      }
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }
}
