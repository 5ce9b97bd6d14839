package io.quantaseal.datadog;

import io.quantaseal.common.api.ApiException;

/**
 * 502 {@code upstream_unreachable} (the same status and code as {@link
 * io.quantaseal.common.api.UpstreamUnreachableException}): no answer from Datadog (connection
 * refused or reset, timeout) after the retries the time budget allowed. The message names the
 * endpoint and the attempts, never a key or a payload.
 */
public final class DatadogUnreachableException extends ApiException {
  private static final long serialVersionUID = 1L;

  private final int attempts;
  private final long elapsedMs;

  public DatadogUnreachableException(String message, int attempts, long elapsedMs) {
    super(message);
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
  }

  /** Requests that were started. */
  public int attempts() {
    return attempts;
  }

  /** Milliseconds spent trying. */
  public long elapsedMs() {
    return elapsedMs;
  }

  @Override
  public int status() {
    return 502;
  }

  @Override
  public String code() {
    return "upstream_unreachable";
  }
}
