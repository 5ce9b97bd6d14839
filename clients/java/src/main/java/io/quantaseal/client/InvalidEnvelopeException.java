package io.quantaseal.client;

/**
 * An envelope that does not open: malformed, tampered with, for another client key, outside the
 * clock skew, signed by an unknown key, or not the answer to this request. Deliberately silent
 * about which check failed (docs/envelope.md, "Verification"): its message is always {@value
 * #MESSAGE} and it has no cause.
 */
public final class InvalidEnvelopeException extends QuantaSealClientException {
  private static final long serialVersionUID = 1L;

  /** The one message of every invalid envelope. */
  public static final String MESSAGE = "invalid envelope";

  /** The invalid-envelope error. */
  public InvalidEnvelopeException() {
    super(MESSAGE);
  }
}
