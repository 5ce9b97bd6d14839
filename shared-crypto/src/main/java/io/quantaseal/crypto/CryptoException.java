package io.quantaseal.crypto;

/**
 * Root of every failure raised by the QuantaSeal crypto layer.
 *
 * <p>Unchecked, like the AWS SDK v2 and Tink. Messages never carry key material, plaintext or any
 * detail that would help an attacker tell one failed check from another.
 */
public class CryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CryptoException(String message) {
    super(message);
  }

  public CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}
