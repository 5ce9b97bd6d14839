package io.quantaseal.crypto.envelope;

/**
 * One case of {@code docs/vectors/envelope-v1-conformance.json} (docs/envelope.md, "Conformance"):
 * the holder's three keys and their ids, the clock, the envelope exactly as received, and what must
 * come of it.
 *
 * @param recipientSeed the holder's ML-KEM-768 seed d || z (64 bytes)
 * @param serverPublicKey the ML-DSA-65 public key the holder knows as {@code skid} (1952 bytes)
 * @param macKey the envelope MAC key the holder knows as {@code hkid} (64 bytes)
 * @param now the clock, in Unix seconds, that {@code iat} is checked against
 * @param envelope the envelope's JSON text, byte for byte as received (possibly not JSON at all)
 * @param plaintext what a valid envelope opens to; null for an invalid one
 * @param rejection which step of the production opener refuses the case ({@link Rejection#NONE} for
 *     a valid case); not written to the file, checked by the tests
 */
public record ConformanceCase(
    String name,
    byte[] recipientSeed,
    String rkid,
    byte[] serverPublicKey,
    String skid,
    byte[] macKey,
    String hkid,
    long now,
    String envelope,
    byte[] plaintext,
    Rejection rejection) {

  /** The step of docs/envelope.md#verification that refuses an envelope. */
  public enum Rejection {
    /** A valid envelope: it opens. */
    NONE,
    /** Step 1: not a well-formed envelope (JSON, members, types, base64url, lengths, ids). */
    PARSE,
    /** Step 3: the ML-DSA-65 signature fails (or names an unknown skid); the MAC is right. */
    SIGNATURE,
    /** Step 3: the HMAC-SHA-512 tag fails (or names an unknown hkid); the signature is right. */
    MAC,
    /** Step 3: both fail. */
    SIGNATURE_AND_MAC,
    /** Step 4: authentic, but iat is outside the allowed clock skew. */
    CLOCK,
    /** Step 5: authentic and fresh, but it does not decrypt (or names an unknown rkid). */
    DECRYPTION
  }

  public boolean valid() {
    return rejection == Rejection.NONE;
  }

  @Override
  public String toString() {
    return name;
  }
}
