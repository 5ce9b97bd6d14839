package io.quantaseal.common.keys;

import io.quantaseal.crypto.CryptoException;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.vault.DataKey;
import io.quantaseal.crypto.vault.KeyUnavailableException;
import io.quantaseal.crypto.vault.Keyring;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * {@link Keyring} on AWS KMS: GenerateDataKey, Encrypt and Decrypt under a customer managed key,
 * always with an encryption context. Decrypt names the key id, so a blob of one tenant's key is
 * never opened with another's. Every KMS failure becomes {@link KeyUnavailableException}; KMS's own
 * error message is not passed on.
 */
public final class AwsKmsKeyring implements Keyring {
  private final KmsClient kms;
  private final AtomicLong calls = new AtomicLong();

  public AwsKmsKeyring(KmsClient kms) {
    this.kms = kms;
  }

  @Override
  public DataKey generateDataKey(String keyId, Map<String, String> context) {
    calls.incrementAndGet();
    try {
      GenerateDataKeyResponse r =
          kms.generateDataKey(
              b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context));
      byte[] plaintext = r.plaintext().asByteArray();
      return new DataKey(SecretBytes.wrap(plaintext), r.ciphertextBlob().asByteArray());
    } catch (SdkException e) {
      throw unavailable(e);
    }
  }

  @Override
  public byte[] encrypt(String keyId, SecretBytes plaintext, Map<String, String> context) {
    calls.incrementAndGet();
    try {
      return kms.encrypt(
              b ->
                  b.keyId(keyId)
                      .plaintext(SdkBytes.fromByteArray(plaintext.reveal()))
                      .encryptionContext(context))
          .ciphertextBlob()
          .asByteArray();
    } catch (SdkException e) {
      throw unavailable(e);
    }
  }

  @Override
  public SecretBytes decrypt(String keyId, byte[] ciphertext, Map<String, String> context) {
    calls.incrementAndGet();
    try {
      DecryptResponse r =
          kms.decrypt(
              b ->
                  b.keyId(keyId)
                      .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                      .encryptionContext(context));
      return SecretBytes.wrap(r.plaintext().asByteArray());
    } catch (InvalidCiphertextException | IncorrectKeyException e) {
      // The blob does not belong to this key and context: tampered or moved, not a key problem.
      throw new CryptoException("wrapped key does not open under this key and context");
    } catch (SdkException e) {
      throw unavailable(e);
    }
  }

  /** KMS calls made by this container so far (for metrics and benchmarks). */
  public long calls() {
    return calls.get();
  }

  private static KeyUnavailableException unavailable(SdkException e) {
    return new KeyUnavailableException(
        "KMS refused or could not be reached: " + e.getClass().getSimpleName());
  }

  @Override
  public String toString() {
    return "AwsKmsKeyring";
  }
}
