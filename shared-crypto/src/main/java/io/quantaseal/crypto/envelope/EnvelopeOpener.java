package io.quantaseal.crypto.envelope;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.InvalidEnvelopeException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.mac.HmacSha512;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies and decrypts HybridCryptoEnvelopes (docs/envelope.md#verification): parse and check
 * lengths; rebuild H and S; check the ML-DSA-65 signature AND the HMAC-SHA-512 tag, both always
 * computed and joined with a non-short-circuit {@code &}; check {@code iat} against the allowed
 * clock skew; then decapsulate and decrypt.
 *
 * <p>Any failure at any step is one {@link InvalidEnvelopeException} with the same message and no
 * cause. Thread-safe and immutable.
 */
public final class EnvelopeOpener {
  /** docs/envelope.md#verification step 4: the default allowed clock skew. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(300);

  /** The two authenticity checks; an interface so tests can prove both always run. */
  interface AuthenticityChecks {
    boolean signatureValid(String skid, byte[] signed, byte[] sig);

    boolean macValid(String hkid, byte[] signed, byte[] mac);
  }

  private final Map<String, MlKemDecapsulationKey> recipientKeys;
  private final AuthenticityChecks checks;
  private final Clock clock;
  private final long maxSkewSeconds;
  private final int maxCiphertextLength;

  private EnvelopeOpener(
      Map<String, MlKemDecapsulationKey> recipientKeys,
      AuthenticityChecks checks,
      Clock clock,
      long maxSkewSeconds,
      int maxCiphertextLength) {
    this.recipientKeys = Map.copyOf(recipientKeys);
    this.checks = checks;
    this.clock = clock;
    this.maxSkewSeconds = maxSkewSeconds;
    this.maxCiphertextLength = maxCiphertextLength;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies, then decrypts; returns the plaintext, which the caller owns. */
  public byte[] open(String json) {
    return open(EnvelopeJson.parse(json, maxCiphertextLength));
  }

  /** Verifies, then decrypts an already parsed envelope. */
  public byte[] open(HybridCryptoEnvelope envelope) {
    try {
      byte[] plaintext = verifyAndDecrypt(envelope);
      if (plaintext == null) {
        throw new InvalidEnvelopeException();
      }
      return plaintext;
    } catch (RuntimeException e) {
      // One error, one message, no cause: nothing tells which step failed.
      throw new InvalidEnvelopeException();
    }
  }

  /** Null on any failure. */
  private byte[] verifyAndDecrypt(HybridCryptoEnvelope e) {
    byte[] ct = e.ct();
    if (ct.length > maxCiphertextLength) {
      return null;
    }
    // Step 2: rebuild H and S from the received members.
    byte[] header = e.headerBytes();
    byte[] signed = EnvelopeFormat.signedBytes(header, e.kem(), e.iv(), ct);

    // Step 3: both checks, always computed, joined without short-circuit.
    boolean sigOk = checks.signatureValid(e.skid(), signed, e.sig());
    boolean macOk = checks.macValid(e.hkid(), signed, e.mac());
    if (!(sigOk & macOk)) {
      return null;
    }

    // Step 4: freshness.
    long now = clock.instant().getEpochSecond();
    // Both are non-negative, so neither difference can overflow.
    long skew = e.iat() >= now ? e.iat() - now : now - e.iat();
    if (now < 0 || skew > maxSkewSeconds) {
      return null;
    }

    // Step 5: decapsulate, derive K, decrypt with AAD = H.
    MlKemDecapsulationKey dk = recipientKeys.get(e.rkid());
    if (dk == null) {
      return null;
    }
    try (SecretBytes ss = MlKem768.decapsulate(dk, e.kem());
        SecretBytes aesKey = EnvelopeFormat.aesKey(ss, header);
        AesGcm aead = AesGcm.create(aesKey)) {
      return aead.decrypt(e.iv(), ct, header);
    } catch (CryptoException ex) {
      return null;
    }
  }

  /** Same keys and settings, other checks: for tests that observe the checks. */
  EnvelopeOpener withChecks(AuthenticityChecks other) {
    return new EnvelopeOpener(recipientKeys, other, clock, maxSkewSeconds, maxCiphertextLength);
  }

  AuthenticityChecks checks() {
    return checks;
  }

  @Override
  public String toString() {
    return "EnvelopeOpener[rkids=" + recipientKeys.keySet() + "]";
  }

  /** Collects the keys an opener needs: own KEM key(s), server key(s) and MAC key(s). */
  public static final class Builder {
    private final Map<String, MlKemDecapsulationKey> recipientKeys = new HashMap<>();
    private final Map<String, MlDsaPublicKey> serverKeys = new HashMap<>();
    private final Map<String, HmacSha512> macKeys = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    private int maxCiphertextLength = EnvelopeJson.DEFAULT_MAX_CIPHERTEXT_LENGTH;

    private Builder() {}

    /** The caller's own decapsulation key, registered with the service as {@code rkid}. */
    public Builder recipientKey(String rkid, MlKemDecapsulationKey key) {
      recipientKeys.put(Objects.requireNonNull(rkid), Objects.requireNonNull(key));
      return this;
    }

    /** A service signing key, as listed by {@code GET /api/v2/encryption/server-keys}. */
    public Builder serverKey(String skid, MlDsaPublicKey key) {
      serverKeys.put(Objects.requireNonNull(skid), Objects.requireNonNull(key));
      return this;
    }

    /** The tenant's envelope MAC key (64 bytes); copied. */
    public Builder macKey(String hkid, SecretBytes key) {
      if (key.length() != HmacSha512.KEY_LENGTH) {
        throw new CryptoException("envelope MAC key must be 64 bytes");
      }
      macKeys.put(Objects.requireNonNull(hkid), HmacSha512.create(key));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder maxClockSkew(Duration skew) {
      if (skew.isNegative()) {
        throw new IllegalArgumentException("skew must not be negative");
      }
      this.maxClockSkew = skew;
      return this;
    }

    public Builder maxCiphertextLength(int bytes) {
      if (bytes < EnvelopeJson.TAG_LENGTH) {
        throw new IllegalArgumentException("max ciphertext length below the tag length");
      }
      this.maxCiphertextLength = bytes;
      return this;
    }

    public EnvelopeOpener build() {
      Map<String, MlDsaPublicKey> servers = Map.copyOf(serverKeys);
      Map<String, HmacSha512> macs = Map.copyOf(macKeys);
      AuthenticityChecks checks =
          new AuthenticityChecks() {
            @Override
            public boolean signatureValid(String skid, byte[] signed, byte[] sig) {
              MlDsaPublicKey pk = servers.get(skid);
              return pk != null
                  && MlDsa65.verify(pk, signed, EnvelopeFormat.SIGNATURE_CONTEXT, sig);
            }

            @Override
            public boolean macValid(String hkid, byte[] signed, byte[] mac) {
              HmacSha512 hmac = macs.get(hkid);
              return hmac != null && hmac.verify(mac, signed);
            }
          };
      return new EnvelopeOpener(
          recipientKeys, checks, clock, maxClockSkew.getSeconds(), maxCiphertextLength);
    }
  }
}
