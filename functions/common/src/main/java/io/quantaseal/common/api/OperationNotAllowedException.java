package io.quantaseal.common.api;

/**
 * 403: the operation is not in the integration's allow-list, or the key lacks the scope it needs.
 */
public class OperationNotAllowedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public OperationNotAllowedException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 403;
  }

  @Override
  public String code() {
    return "operation_not_allowed";
  }
}
