package io.quantaseal.crypto.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code docs/vectors/envelope-v1.json} (docs/envelope.md#golden-vectors), decoded:
 * the inputs of a deterministic seal, the expected H and S, and the expected envelope in its JSON
 * form.
 *
 * @param recipientSeed ML-KEM-768 seed d || z (64 bytes)
 * @param signerSeed ML-DSA-65 seed xi (32 bytes)
 * @param macKey the tenant's HMAC-SHA-512 envelope key (64 bytes)
 * @param encapsM the m of ML-KEM.Encaps_internal (32 bytes)
 * @param iv the AES-GCM IV (12 bytes)
 * @param header H
 * @param signed S
 * @param envelope the JSON form, members in the order the file lists them
 */
public record GoldenVector(
    String name,
    byte[] recipientSeed,
    byte[] signerSeed,
    byte[] macKey,
    byte[] encapsM,
    byte[] iv,
    String rid,
    long iat,
    String rkid,
    String skid,
    String hkid,
    byte[] plaintext,
    byte[] header,
    byte[] signed,
    ObjectNode envelope) {

  /** The envelope as compact JSON text, exactly as {@link HybridCryptoEnvelope#toJson()} writes. */
  public String envelopeJson() {
    return envelope.toString();
  }

  @Override
  public String toString() {
    return name;
  }
}
