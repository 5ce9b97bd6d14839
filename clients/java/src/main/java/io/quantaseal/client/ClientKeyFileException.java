package io.quantaseal.client;

/**
 * A client-key document that is not a valid {@code quantaseal-client-key/v1} (docs/clients.md, "The
 * client-key file"), or a key file that cannot be read or written. The message names the member at
 * fault, never its value.
 */
public final class ClientKeyFileException extends QuantaSealClientException {
  private static final long serialVersionUID = 1L;

  /**
   * A client-key file error.
   *
   * @param message what is wrong (never a key)
   */
  public ClientKeyFileException(String message) {
    super(message);
  }

  /**
   * A client-key file that could not be read or written.
   *
   * @param message what failed
   * @param cause the I/O failure
   */
  public ClientKeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
