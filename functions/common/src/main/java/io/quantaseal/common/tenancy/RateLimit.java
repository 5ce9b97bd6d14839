package io.quantaseal.common.tenancy;

/**
 * A tenant's request rate limit, as an API Gateway usage plan's throttle says it (docs/deploy.md,
 * "Per-tenant rate limits"): a token bucket of {@code burst} requests refilled at {@code
 * requestsPerSecond}.
 *
 * @param requestsPerSecond steady rate, more than 0
 * @param burst bucket size, at least 1
 */
public record RateLimit(double requestsPerSecond, int burst) {
  public RateLimit {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("the rate must be a positive number of requests/s");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("the burst must be at least 1");
    }
  }
}
