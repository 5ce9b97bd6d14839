package io.quantaseal.crypto.vault;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.internal.Bytes;
import io.quantaseal.crypto.kdf.HkdfSha512;
import io.quantaseal.crypto.kem.MlKem768;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.kem.MlKemEncapsulation;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals credentials in two layers (docs/vault.md#sealing-a-credential-two-layers):
 *
 * <pre>
 * AD    = lp("quantaseal/vault/v1") || lp(tenant) || lp(entry) || lp(version) || lp(type)
 * PQ    : (ss, kem) = ML-KEM-768.Encaps(tenant vault key)
 *         K1 = HKDF-SHA-512(salt = empty, ss, "quantaseal/vault/v1/pq-aes-256-gcm" || AD, 32)
 *         inner = lp(kem) || lp(iv1) || lp(AES-256-GCM(K1, iv1, plaintext, AD))
 * KMS   : (dk, wrapped) = GenerateDataKey(tenant CMK, context {tenant, entry})
 *         outer = AES-256-GCM(dk, iv2, inner, AD)
 * blob  = "QSV1" || lp(wrapped) || lp(iv2) || lp(outer)
 * </pre>
 *
 * Opening needs both the KMS key (and its context) and the tenant's vault decapsulation key; a blob
 * moved to another tenant, entry, version or type fails in both layers. Every failure to open is
 * one {@link CryptoException} ("credential cannot be opened"), or {@link KeyUnavailableException}
 * when the master key cannot be used at all (e.g. disabled).
 */
public final class CredentialSealer {
  private static final byte[] MAGIC = Bytes.utf8("QSV1");
  private static final byte[] PQ_INFO = Bytes.utf8("quantaseal/vault/v1/pq-aes-256-gcm");
  private static final int MAX_WRAPPED_KEY = 1024;

  private final Keyring keyring;
  private final SecureRandom random;

  public CredentialSealer(Keyring keyring, SecureRandom random) {
    this.keyring = keyring;
    this.random = random;
  }

  /** Seals {@code plaintext} (which is wiped before this returns). */
  public byte[] seal(
      CredentialBinding binding,
      MlKemEncapsulationKey vaultKey,
      String masterKeyId,
      byte[] plaintext) {
    byte[] ad = binding.associatedData();
    byte[] inner;
    try (MlKemEncapsulation kem = MlKem768.encapsulate(vaultKey, random);
        SecretBytes k1 = pqKey(kem.sharedSecret(), ad);
        AesGcm aead = AesGcm.create(k1)) {
      byte[] iv1 = new byte[AesGcm.IV_LENGTH];
      random.nextBytes(iv1);
      inner = Bytes.lengthPrefixed(kem.ciphertext(), iv1, aead.encrypt(iv1, plaintext, ad));
    } finally {
      SecretBytes.wipe(plaintext);
    }
    try (DataKey dataKey = keyring.generateDataKey(masterKeyId, binding.encryptionContext());
        AesGcm outer = AesGcm.create(dataKey.plaintext())) {
      byte[] iv2 = new byte[AesGcm.IV_LENGTH];
      random.nextBytes(iv2);
      return Bytes.concat(
          MAGIC, Bytes.lengthPrefixed(dataKey.wrapped(), iv2, outer.encrypt(iv2, inner, ad)));
    }
  }

  /** Opens a sealed blob; the caller owns (and wipes) the returned plaintext. */
  public byte[] open(
      CredentialBinding binding,
      MlKemDecapsulationKey vaultKey,
      String masterKeyId,
      byte[] sealed) {
    byte[] ad = binding.associatedData();
    byte[][] outerParts = parse(sealed, MAGIC.length, 3);
    if (outerParts[0].length > MAX_WRAPPED_KEY) {
      throw cannotOpen();
    }
    byte[] inner;
    try (SecretBytes dataKey =
            keyring.decrypt(masterKeyId, outerParts[0], binding.encryptionContext());
        AesGcm outer = AesGcm.create(dataKey)) {
      inner = outer.decrypt(outerParts[1], outerParts[2], ad);
    } catch (KeyUnavailableException e) {
      throw e;
    } catch (CryptoException e) {
      throw cannotOpen();
    }
    byte[][] innerParts = parse(inner, 0, 3);
    if (innerParts[0].length != MlKem768.CIPHERTEXT_LENGTH) {
      throw cannotOpen();
    }
    try (SecretBytes ss = MlKem768.decapsulate(vaultKey, innerParts[0]);
        SecretBytes k1 = pqKey(ss, ad);
        AesGcm aead = AesGcm.create(k1)) {
      return aead.decrypt(innerParts[1], innerParts[2], ad);
    } catch (CryptoException e) {
      throw cannotOpen();
    } finally {
      SecretBytes.wipe(inner);
    }
  }

  private static SecretBytes pqKey(SecretBytes sharedSecret, byte[] ad) {
    return HkdfSha512.derive(
        sharedSecret.reveal(), new byte[0], Bytes.concat(PQ_INFO, ad), AesGcm.KEY_LENGTH);
  }

  /** Splits {@code count} length-prefixed parts starting at {@code offset}; nothing may follow. */
  private static byte[][] parse(byte[] blob, int offset, int count) {
    if (blob == null || blob.length < offset) {
      throw cannotOpen();
    }
    if (offset > 0 && !Arrays.equals(Arrays.copyOf(blob, offset), MAGIC)) {
      throw cannotOpen();
    }
    ByteBuffer b = ByteBuffer.wrap(blob, offset, blob.length - offset);
    byte[][] parts = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (b.remaining() < 4) {
        throw cannotOpen();
      }
      int n = b.getInt();
      if (n < 0 || n > b.remaining()) {
        throw cannotOpen();
      }
      parts[i] = new byte[n];
      b.get(parts[i]);
    }
    if (b.hasRemaining()) {
      throw cannotOpen();
    }
    return parts;
  }

  private static CryptoException cannotOpen() {
    return new CryptoException("credential cannot be opened");
  }
}
