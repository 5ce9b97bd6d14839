package io.quantaseal.client.envelope;

import io.quantaseal.client.QuantaSealClientException;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeOpener;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.mac.HmacSha512;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies and decrypts the HybridCryptoEnvelopes that QuantaSeal returns (from the outbound proxy
 * and unseal), for API users. It checks the service's ML-DSA-65 signature AND the tenant's
 * HMAC-SHA-512 tag, both always, then the clock skew, then decapsulates and decrypts
 * (docs/envelope.md#verification). The work is done by shared-crypto's {@link EnvelopeOpener}: one
 * crypto layer.
 *
 * <pre>{@code
 * EnvelopeReader reader =
 *     EnvelopeReader.builder()
 *         .clientKey(registration.rkid(), myMlKemSeed)   // the seed whose public key you registered
 *         .macKey(registration.hkid(), registration.macKey())
 *         .serverKeys(ServerKeys.parse(serverKeysJson)) // GET /api/v2/encryption/server-keys
 *         .build();
 * byte[] answer = reader.open(responseBody);
 * }</pre>
 *
 * <p>Any failure to verify or decrypt is the one {@link InvalidEnvelopeException} ("invalid
 * envelope", no cause), whichever check failed. Immutable and thread-safe.
 */
public final class EnvelopeReader {
  /**
   * Largest response body {@link #open(byte[])} decodes: above any valid envelope (an 8 MiB
   * ciphertext is about 11.2 MB of base64url); the opener then applies its exact limits.
   */
  public static final int MAX_ENVELOPE_BYTES = 16 * 1024 * 1024;

  private final EnvelopeOpener opener;
  private final Set<String> rkids;

  private EnvelopeReader(EnvelopeOpener opener, Set<String> rkids) {
    this.opener = opener;
    this.rkids = Set.copyOf(rkids);
  }

  /**
   * A builder with no keys yet.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies and decrypts an envelope in its JSON form; returns the plaintext, which the caller
   * owns.
   *
   * @param envelopeJson the envelope's JSON text
   * @return the plaintext
   * @throws InvalidEnvelopeException if anything is wrong with the envelope
   */
  public byte[] open(String envelopeJson) {
    return opener.open(envelopeJson);
  }

  /**
   * Verifies and decrypts the envelope of an API answer and binds it to its request: the envelope
   * must name {@code requestId}, the {@code X-Request-Id} of the HTTP answer it came in, as its
   * {@code rid} and {@code rkid} as its recipient (the client key the request named). A valid
   * envelope of another request — replayed, or substituted for this answer within the clock skew —
   * is rejected like any other invalid one (docs/envelope.md, "Binding an answer to its request").
   *
   * @param envelopeJson the envelope's JSON text (the answer's body)
   * @param requestId the answer's {@code X-Request-Id}
   * @param rkid the client key the request named
   * @return the plaintext, which the caller owns
   * @throws InvalidEnvelopeException if anything is wrong with the envelope, or it is not this
   *     answer's
   */
  public byte[] openAnswer(String envelopeJson, String requestId, String rkid) {
    HybridCryptoEnvelope envelope = HybridCryptoEnvelope.parse(envelopeJson);
    // Both compared always, like the envelope's own checks; ids are public, so plain equality.
    boolean bound =
        Objects.equals(envelope.rid(), requestId) & Objects.equals(envelope.rkid(), rkid);
    if (!bound || requestId == null || rkid == null) {
      throw new InvalidEnvelopeException();
    }
    return opener.open(envelope);
  }

  /**
   * Verifies and decrypts an envelope that must be addressed to {@code rkid}, with no HTTP answer
   * to bind it to (docs/clients.md: {@code decrypt(envelope)} checks {@code rkid} alone).
   *
   * @param envelopeJson the envelope's JSON text
   * @param rkid the client key it must name
   * @return the plaintext, which the caller owns
   * @throws InvalidEnvelopeException if anything is wrong with the envelope, or it names another
   *     client key
   */
  public byte[] openFor(String envelopeJson, String rkid) {
    HybridCryptoEnvelope envelope = HybridCryptoEnvelope.parse(envelopeJson);
    if (rkid == null || !rkid.equals(envelope.rkid())) {
      throw new InvalidEnvelopeException();
    }
    return opener.open(envelope);
  }

  /**
   * The same for a response body read as bytes: it must be UTF-8.
   *
   * @param responseBody the body
   * @return the plaintext, which the caller owns
   * @throws InvalidEnvelopeException if the body is not UTF-8 or anything is wrong with the
   *     envelope
   */
  public byte[] open(byte[] responseBody) {
    if (responseBody == null || responseBody.length > MAX_ENVELOPE_BYTES) {
      throw new InvalidEnvelopeException();
    }
    String json;
    try {
      json =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(responseBody))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidEnvelopeException();
    }
    return opener.open(json);
  }

  @Override
  public String toString() {
    return "EnvelopeReader[rkids=" + rkids + "]";
  }

  /** The client's keys and the service's keys; keys are copied in. */
  public static final class Builder {
    private final EnvelopeOpener.Builder opener = EnvelopeOpener.builder();
    private final Set<String> rkids = new HashSet<>();
    private final Set<String> hkids = new HashSet<>();
    private final Set<String> skids = new HashSet<>();

    private Builder() {}

    /**
     * The client's own ML-KEM-768 key, as its 64-byte seed d || z, registered with the service as
     * {@code rkid}. The seed is copied; the caller still owns (and closes) its own.
     *
     * @param rkid the id it was registered as
     * @param mlKemSeed the 64-byte seed
     * @return this builder
     */
    public Builder clientKey(String rkid, SecretBytes mlKemSeed) {
      Objects.requireNonNull(mlKemSeed, "mlKemSeed");
      if (mlKemSeed.length() != MlKemDecapsulationKey.SEED_LENGTH) {
        throw new QuantaSealClientException("an ML-KEM-768 seed is 64 bytes (d || z)");
      }
      return clientKey(rkid, MlKemDecapsulationKey.fromSeed(mlKemSeed));
    }

    /**
     * The client's own ML-KEM-768 key, registered with the service as {@code rkid}.
     *
     * @param rkid the id it was registered as
     * @param key the decapsulation key
     * @return this builder
     */
    public Builder clientKey(String rkid, MlKemDecapsulationKey key) {
      StrictJson.checkId(rkid, "rkid");
      opener.recipientKey(rkid, Objects.requireNonNull(key, "key"));
      rkids.add(rkid);
      return this;
    }

    /**
     * The tenant's 64-byte envelope MAC key, as returned once with {@code hkid}; copied.
     *
     * @param hkid the MAC key's id
     * @param key the MAC key
     * @return this builder
     */
    public Builder macKey(String hkid, SecretBytes key) {
      StrictJson.checkId(hkid, "hkid");
      Objects.requireNonNull(key, "key");
      if (key.length() != HmacSha512.KEY_LENGTH) {
        throw new QuantaSealClientException("an envelope MAC key is 64 bytes");
      }
      opener.macKey(hkid, key);
      hkids.add(hkid);
      return this;
    }

    /**
     * The client key and MAC key of one registration: {@code mlKemSeed} is the seed whose public
     * key was sent to {@code POST /api/v2/encryption/client-keys}.
     *
     * @param registration the answer of the registration
     * @param mlKemSeed the seed whose public key was registered
     * @return this builder
     */
    public Builder registration(ClientKeyRegistration registration, SecretBytes mlKemSeed) {
      clientKey(registration.rkid(), mlKemSeed);
      return macKey(registration.hkid(), registration.macKey());
    }

    /**
     * Every key of {@code GET /api/v2/encryption/server-keys}.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder serverKeys(ServerKeys keys) {
      keys.asMap().forEach(this::serverKey);
      return this;
    }

    /**
     * One server signing key.
     *
     * @param skid its id
     * @param key the ML-DSA-65 public key
     * @return this builder
     */
    public Builder serverKey(String skid, MlDsaPublicKey key) {
      StrictJson.checkId(skid, "skid");
      opener.serverKey(skid, Objects.requireNonNull(key, "key"));
      skids.add(skid);
      return this;
    }

    /**
     * The clock that {@code iat} is checked against; the system clock by default.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      opener.clock(clock);
      return this;
    }

    /**
     * How far {@code iat} may be from now, either way; 300 s by default
     * (docs/envelope.md#strict-parsing).
     *
     * @param skew the allowed skew
     * @return this builder
     */
    public Builder maxClockSkew(Duration skew) {
      opener.maxClockSkew(skew);
      return this;
    }

    /**
     * The reader.
     *
     * @return the reader
     * @throws QuantaSealClientException unless there is at least one client key, MAC key and server
     *     key
     */
    public EnvelopeReader build() {
      if (rkids.isEmpty() || hkids.isEmpty() || skids.isEmpty()) {
        throw new QuantaSealClientException(
            "an EnvelopeReader needs a client key, a MAC key and at least one server key");
      }
      return new EnvelopeReader(opener.build(), rkids);
    }
  }
}
