package io.quantaseal.crypto.vault;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.aead.AesGcm;
import io.quantaseal.crypto.internal.Bytes;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

/**
 * FOR LOCAL RUNS ONLY: a keyring whose master key is a 32-byte AES-256-GCM key held in memory. It
 * stands in for AWS KMS when QuantaSeal runs on a developer's machine without a KMS endpoint. It
 * gives none of KMS's guarantees (HSM custody, IAM policies, CloudTrail, disabling).
 *
 * <p>Wrapped blobs are {@code iv || ciphertext || tag}; the key id and the encryption context are
 * the associated data, so a blob only opens under the same id and context.
 */
public final class LocalKeyring implements Keyring {
  private static final int DATA_KEY_LENGTH = 32;

  private final AesGcm master;
  private final SecureRandom random;

  private LocalKeyring(AesGcm master, SecureRandom random) {
    this.master = master;
    this.random = random;
  }

  public static LocalKeyring create(SecretBytes masterKey, SecureRandom random) {
    if (masterKey.length() != AesGcm.KEY_LENGTH) {
      throw new CryptoException("local master key must be 32 bytes");
    }
    return new LocalKeyring(AesGcm.create(masterKey), random);
  }

  @Override
  public DataKey generateDataKey(String keyId, Map<String, String> context) {
    SecretBytes key = SecretBytes.random(DATA_KEY_LENGTH, random);
    return new DataKey(key, encrypt(keyId, key, context));
  }

  @Override
  public byte[] encrypt(String keyId, SecretBytes plaintext, Map<String, String> context) {
    return master.encryptWithRandomIv(plaintext.reveal(), aad(keyId, context), random);
  }

  @Override
  public SecretBytes decrypt(String keyId, byte[] ciphertext, Map<String, String> context) {
    try {
      return SecretBytes.wrap(master.decryptWithPrefixedIv(ciphertext, aad(keyId, context)));
    } catch (CryptoException e) {
      throw new CryptoException("wrapped key does not open under this key and context");
    }
  }

  private static byte[] aad(String keyId, Map<String, String> context) {
    TreeMap<String, String> sorted = new TreeMap<>(context);
    byte[][] parts = new byte[1 + 2 * sorted.size()][];
    int i = 0;
    parts[i++] = Bytes.utf8(keyId);
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      parts[i++] = Bytes.utf8(e.getKey());
      parts[i++] = Bytes.utf8(e.getValue());
    }
    return Bytes.lengthPrefixed(parts);
  }

  @Override
  public String toString() {
    return "LocalKeyring[for local use only]";
  }
}
