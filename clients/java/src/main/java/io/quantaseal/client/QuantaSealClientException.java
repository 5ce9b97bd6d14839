package io.quantaseal.client;

/**
 * Root of the failures raised by the QuantaSeal client itself, such as a malformed server-keys
 * document or an incomplete configuration. Unchecked, like the AWS SDK v2.
 *
 * <p>A response envelope that does not verify or decrypt is reported by the crypto layer's one
 * uniform error, {@link io.quantaseal.crypto.InvalidEnvelopeException}, which says nothing about
 * which check failed. Messages never carry key material or plaintext.
 */
public class QuantaSealClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QuantaSealClientException(String message) {
    super(message);
  }
}
