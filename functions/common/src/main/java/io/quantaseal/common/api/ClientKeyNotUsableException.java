package io.quantaseal.common.api;

/**
 * 403 {@code operation_not_allowed}: the request names, in {@code rkid}, a client key that the
 * calling API key may not receive envelopes for. The same answer whether the key is another API
 * key's, of a record that predates binding, or does not exist at all. ({@link
 * ClientKeyRevokedException}: the caller's own key, revoked.)
 */
public class ClientKeyNotUsableException extends OperationNotAllowedException {
  private static final long serialVersionUID = 1L;

  public ClientKeyNotUsableException() {
    this(
        "The client key named in 'rkid' is not one this API key registered; envelopes are sealed"
            + " only to client keys registered with the calling API key.");
  }

  protected ClientKeyNotUsableException(String message) {
    super(message);
  }
}
