package io.quantaseal.client;

/**
 * Root of every exception the QuantaSeal Java client throws (unchecked, like the AWS SDK v2's):
 *
 * <ul>
 *   <li>{@link QuantaSealApiException}: the API answered an error ({@code status}, {@code code},
 *       {@code message}, {@code requestId} of the contract's error body);
 *   <li>{@link InvalidEnvelopeException}: an envelope did not open (never says which check failed);
 *   <li>{@link TransportException}: no answer (connection refused, timeout) after the retries;
 *   <li>{@link UnexpectedResponseException}: an answer that is not what docs/openapi.yaml
 *       describes;
 *   <li>{@link ClientKeyFileException}: a {@code quantaseal-client-key/v1} file that does not load;
 *   <li>{@link ConfigurationException}: the client is not set up for the call.
 * </ul>
 *
 * <p>The envelope building blocks ({@link io.quantaseal.client.envelope}) also throw this type for
 * malformed key documents. Messages never carry key material, an API key or plaintext.
 */
public class QuantaSealClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what went wrong (never a secret)
   */
  public QuantaSealClientException(String message) {
    super(message);
  }

  /**
   * An exception with a message and its cause.
   *
   * @param message what went wrong (never a secret)
   * @param cause the failure underneath
   */
  public QuantaSealClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
