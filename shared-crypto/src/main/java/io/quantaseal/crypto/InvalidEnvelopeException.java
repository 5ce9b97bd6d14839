package io.quantaseal.crypto;

/**
 * The one error an envelope opener raises, whatever check failed (docs/envelope.md#verification,
 * step 5). Its message is always {@value #MESSAGE} and it never carries a cause, so that neither
 * the message nor a stack trace tells which step rejected the envelope.
 */
public final class InvalidEnvelopeException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public static final String MESSAGE = "invalid envelope";

  public InvalidEnvelopeException() {
    super(MESSAGE);
  }
}
