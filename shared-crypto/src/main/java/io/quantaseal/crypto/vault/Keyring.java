package io.quantaseal.crypto.vault;

import io.quantaseal.crypto.SecretBytes;
import java.util.Map;

/**
 * Wraps keys under a tenant's (or the service's) master key: AWS KMS in production ({@code
 * AwsKmsKeyring} in functions-common), {@link LocalKeyring} for local runs. The encryption context
 * is authenticated: decrypting under another context fails.
 *
 * <p>Every failure (disabled or unknown key, wrong context, tampered blob, unreachable service) is
 * a {@link KeyUnavailableException}.
 */
public interface Keyring {
  /** A fresh 32-byte data key, in clear and wrapped (KMS GenerateDataKey). */
  DataKey generateDataKey(String keyId, Map<String, String> encryptionContext);

  /** Wraps a small secret (up to 4 KiB) directly (KMS Encrypt). */
  byte[] encrypt(String keyId, SecretBytes plaintext, Map<String, String> encryptionContext);

  /** Unwraps what {@link #generateDataKey} or {@link #encrypt} produced (KMS Decrypt). */
  SecretBytes decrypt(String keyId, byte[] ciphertext, Map<String, String> encryptionContext);
}
