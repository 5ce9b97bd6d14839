package io.quantaseal.crypto.kem;

import io.quantaseal.crypto.CryptoException;

/**
 * An ML-KEM-768 encapsulation key that is well-formed (FIPS 203 section 7.2) but degenerate:
 * anything encrypted to it could be read without the private key ({@link
 * MlKemEncapsulationKey#fromUntrustedBytes}).
 */
public final class WeakKeyException extends CryptoException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  WeakKeyException(String reason) {
    super("weak ML-KEM-768 encapsulation key: " + reason);
    this.reason = reason;
  }

  /** What is degenerate, e.g. {@code t is zero}; names no key material. */
  public String reason() {
    return reason;
  }
}
