package io.quantaseal.crypto.vault;

import io.quantaseal.crypto.CryptoException;

/** A master key could not be used: disabled, unknown, wrong encryption context, or unreachable. */
public final class KeyUnavailableException extends CryptoException {
  private static final long serialVersionUID = 1L;

  public KeyUnavailableException(String message) {
    super(message);
  }

  public KeyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
