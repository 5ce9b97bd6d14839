package io.quantaseal.crypto.envelope;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemEncapsulation;
import io.quantaseal.crypto.mac.HmacSha512;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds HybridCryptoEnvelopes (docs/envelope.md#construction): encrypts to the recipient's
 * ML-KEM-768 key and signs with the service's ML-DSA-65 key (hedged) and the tenant's HMAC-SHA-512
 * key.
 *
 * <p>Thread-safe. The shared secret, the AES key and the caller's plaintext buffer are wiped as
 * soon as they have been used.
 */
public final class EnvelopeSealer {
  private final String skid;
  private final MlDsaPrivateKey signingKey;
  private final SecureRandom random;
  private final Clock clock;

  private EnvelopeSealer(
      String skid, MlDsaPrivateKey signingKey, SecureRandom random, Clock clock) {
    this.skid = skid;
    this.signingKey = signingKey;
    this.random = random;
    this.clock = clock;
  }

  public static EnvelopeSealer create(
      String skid, MlDsaPrivateKey signingKey, SecureRandom random, Clock clock) {
    return new EnvelopeSealer(
        Objects.requireNonNull(skid, "skid"),
        Objects.requireNonNull(signingKey, "signingKey"),
        Objects.requireNonNull(random, "random"),
        Objects.requireNonNull(clock, "clock"));
  }

  public String skid() {
    return skid;
  }

  /**
   * Seals {@code plaintext} for {@code recipient}, dated now. The plaintext array is wiped before
   * this returns: pass a buffer you no longer need.
   */
  public HybridCryptoEnvelope seal(EnvelopeRecipient recipient, String rid, byte[] plaintext) {
    long iat = clock.instant().getEpochSecond();
    byte[] iv = new byte[AesGcm.IV_LENGTH];
    random.nextBytes(iv);
    try (MlKemEncapsulation kem = MlKem768.encapsulate(recipient.encapsulationKey(), random)) {
      return build(recipient, rid, iat, plaintext, kem, iv, false);
    }
  }

  /**
   * Deterministic sealing for test vectors only: the caller supplies ML-KEM's {@code m} and the IV,
   * and ML-DSA signs with rnd = 32 zero bytes (docs/envelope.md#golden-vectors).
   */
  HybridCryptoEnvelope sealDeterministically(
      EnvelopeRecipient recipient, String rid, long iat, byte[] plaintext, byte[] m, byte[] iv) {
    if (iv.length != AesGcm.IV_LENGTH) {
      throw new CryptoException("IV must be 12 bytes");
    }
    try (MlKemEncapsulation kem =
        MlKem768.encapsulateDeterministically(recipient.encapsulationKey(), m)) {
      return build(recipient, rid, iat, plaintext, kem, iv.clone(), true);
    }
  }

  private HybridCryptoEnvelope build(
      EnvelopeRecipient recipient,
      String rid,
      long iat,
      byte[] plaintext,
      MlKemEncapsulation kem,
      byte[] iv,
      boolean deterministic) {
    if (iat < 0) {
      throw new CryptoException("iat must not be negative");
    }
    // Never produce an envelope that every conforming opener would reject.
    for (String id : new String[] {rid, recipient.rkid(), skid, recipient.hkid()}) {
      if (!EnvelopeJson.validId(id)) {
        throw new CryptoException("envelope ids must be 1 to 256 UTF-8 bytes of valid Unicode");
      }
    }
    EnvelopeSuite suite = EnvelopeSuite.QS1_MLKEM768_HKDFSHA512_A256GCM_MLDSA65_HS512;
    byte[] header =
        EnvelopeFormat.header(suite, rid, iat, recipient.rkid(), skid, recipient.hkid());
    byte[] kemCiphertext = kem.ciphertext();
    byte[] ct;
    try (SecretBytes aesKey = EnvelopeFormat.aesKey(kem.sharedSecret(), header);
        AesGcm aead = AesGcm.create(aesKey)) {
      ct = aead.encrypt(iv, plaintext, header);
    } finally {
      SecretBytes.wipe(plaintext);
    }
    byte[] signed = EnvelopeFormat.signedBytes(header, kemCiphertext, iv, ct);
    byte[] sig =
        deterministic
            ? MlDsa65.signDeterministically(signingKey, signed, EnvelopeFormat.SIGNATURE_CONTEXT)
            : MlDsa65.sign(signingKey, signed, EnvelopeFormat.SIGNATURE_CONTEXT, random);
    byte[] mac;
    try (HmacSha512 hmac = HmacSha512.create(recipient.macKey())) {
      mac = hmac.compute(signed);
    }
    return new HybridCryptoEnvelope(
        suite, rid, iat, recipient.rkid(), skid, recipient.hkid(), kemCiphertext, iv, ct, sig, mac);
  }

  @Override
  public String toString() {
    return "EnvelopeSealer[skid=" + skid + "]";
  }
}
