package io.quantaseal.common.vault;

import io.quantaseal.common.config.QuantaSealConfig;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.common.store.VaultEntryRepository;
import io.quantaseal.crypto.vault.CachingKeyring;
import io.quantaseal.crypto.vault.CredentialSealer;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The keys one function seals and opens with, built once per container by its composition root: the
 * keyring behind the decrypted-key cache (docs/vault.md, "The key cache"), each tenant's vault key,
 * and the sealer over both. The vault and the envelope issuer built from one {@code SealingKeys}
 * share its caches.
 *
 * @param keyCache the keyring behind the cache; clearing it forgets every decrypted key
 * @param vaultKeys the tenants' ML-KEM vault keys
 * @param sealer seals and opens credentials under those keys
 */
public record SealingKeys(
    CachingKeyring keyCache, TenantVaultKeys vaultKeys, CredentialSealer sealer) {

  /**
   * Over {@code keyring} (AWS KMS in a deployed function), with the cache bounds of {@code config}.
   */
  public static SealingKeys create(
      Keyring keyring,
      TenantRepository tenants,
      QuantaSealConfig config,
      SecureRandom random,
      Clock clock) {
    CachingKeyring cache =
        new CachingKeyring(keyring, config.keyCacheTtl(), config.keyCacheMaxEntries(), clock);
    return new SealingKeys(
        cache,
        new TenantVaultKeys(
            tenants, cache, config.keyCacheTtl(), config.keyCacheMaxEntries(), clock),
        new CredentialSealer(cache, random));
  }

  /** The vault of sealed credentials in {@code entries}. */
  public CredentialVault vault(VaultEntryRepository entries, Clock clock) {
    return new CredentialVault(entries, vaultKeys, sealer, clock);
  }

  /**
   * The service's envelope signing key, kept in {@code repository} wrapped under {@code
   * serviceKmsKeyId}.
   */
  public ServerSigningKeys signingKeys(
      SigningKeyRepository repository,
      String serviceKmsKeyId,
      Ids ids,
      SecureRandom random,
      Clock clock) {
    return new ServerSigningKeys(repository, keyCache, serviceKmsKeyId, ids, random, clock);
  }

  /** The envelope issuer: client keys from {@code clientKeys}, answers signed by {@code signer}. */
  public EnvelopeIssuer envelopes(
      ClientKeyRepository clientKeys, ServerSigningKeys signer, SecureRandom random, Clock clock) {
    return new EnvelopeIssuer(clientKeys, vaultKeys, sealer, signer, random, clock);
  }

  /** Seals idempotent envelope answers at rest and re-seals them for a replay. */
  public EnvelopeReplays envelopeReplays(EnvelopeIssuer envelopes) {
    return new EnvelopeReplays(envelopes, vaultKeys, sealer);
  }
}
