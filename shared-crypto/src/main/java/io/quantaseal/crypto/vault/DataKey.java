package io.quantaseal.crypto.vault;

import io.quantaseal.crypto.SecretBytes;

/** A data key in clear (close it after use) and as wrapped by the master key. */
public final class DataKey implements AutoCloseable {
  private final SecretBytes plaintext;
  private final byte[] wrapped;

  public DataKey(SecretBytes plaintext, byte[] wrapped) {
    this.plaintext = plaintext;
    this.wrapped = wrapped.clone();
  }

  public SecretBytes plaintext() {
    return plaintext;
  }

  public byte[] wrapped() {
    return wrapped.clone();
  }

  @Override
  public void close() {
    plaintext.close();
  }

  @Override
  public String toString() {
    return "DataKey[redacted]";
  }
}
