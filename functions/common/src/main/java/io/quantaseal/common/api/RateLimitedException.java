package io.quantaseal.common.api;

import java.util.Map;

/** 429: throttled; {@code Retry-After} says when to try again. */
public final class RateLimitedException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public RateLimitedException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public int status() {
    return 429;
  }

  @Override
  public String code() {
    return "rate_limited";
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", Long.toString(retryAfterSeconds));
  }
}
