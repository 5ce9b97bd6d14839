package io.quantaseal.client.api;

import io.quantaseal.crypto.SecretBytes;

/**
 * A client key registered with the service: the caller's ML-KEM-768 seed (keep it secret) and the
 * MAC key the service returned once. Persist both to read envelopes later; never prints them.
 *
 * @param rkid the service's id for the ML-KEM key
 * @param hkid the service's id for the MAC key
 * @param mlKemSeed the 64-byte seed d || z of the caller's decapsulation key
 * @param macKey the 64-byte envelope MAC key
 */
public record RegisteredClientKey(
    String rkid, String hkid, SecretBytes mlKemSeed, SecretBytes macKey) implements AutoCloseable {
  @Override
  public void close() {
    mlKemSeed.close();
    macKey.close();
  }

  @Override
  public String toString() {
    return "RegisteredClientKey[rkid=" + rkid + ", hkid=" + hkid + ", keys redacted]";
  }
}
