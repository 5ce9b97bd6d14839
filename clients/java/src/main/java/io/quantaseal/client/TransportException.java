package io.quantaseal.client;

/**
 * The API could not be reached or did not answer in time, after the retries the call allowed. The
 * message names the method, the path and the kind of failure; never a header or a body.
 */
public final class TransportException extends QuantaSealClientException {
  private static final long serialVersionUID = 1L;

  /**
   * A transport failure.
   *
   * @param message the method, path and kind of failure
   * @param cause the I/O failure underneath
   */
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
