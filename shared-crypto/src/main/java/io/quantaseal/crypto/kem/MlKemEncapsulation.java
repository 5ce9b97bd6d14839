package io.quantaseal.crypto.kem;

import io.quantaseal.crypto.SecretBytes;

/**
 * The result of an encapsulation: the 32-byte shared secret (close it when done) and the 1088-byte
 * ciphertext to send to the holder of the decapsulation key.
 */
public final class MlKemEncapsulation implements AutoCloseable {
  private final SecretBytes sharedSecret;
  private final byte[] ciphertext;

  MlKemEncapsulation(SecretBytes sharedSecret, byte[] ciphertext) {
    this.sharedSecret = sharedSecret;
    this.ciphertext = ciphertext;
  }

  public SecretBytes sharedSecret() {
    return sharedSecret;
  }

  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public void close() {
    sharedSecret.close();
  }

  @Override
  public String toString() {
    return "MlKemEncapsulation[secret redacted, ciphertext " + ciphertext.length + " bytes]";
  }
}
