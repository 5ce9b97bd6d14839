package io.quantaseal.common.api;

/** 502: the third party timed out or could not be reached after retries. */
public final class UpstreamUnreachableException extends ApiException {
  private static final long serialVersionUID = 1L;

  public UpstreamUnreachableException(String message) {
    super(message);
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
