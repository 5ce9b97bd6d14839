package io.quantaseal.common.vault;

import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import io.quantaseal.crypto.vault.Keyring;
import java.util.Map;

/**
 * A tenant's vault ML-KEM-768 key: the public part from the tenant record, the private part
 * decrypted through the (caching) keyring from its KMS-encrypted seed.
 */
public final class TenantVaultKeys {
  /** Encryption context of the wrapped vault key seed. */
  public static Map<String, String> seedContext(String tenantId) {
    return Map.of("quantaseal:tenant", tenantId, "quantaseal:purpose", "vault-kem-key");
  }

  private final TenantRepository tenants;
  private final Keyring keyring;

  public TenantVaultKeys(TenantRepository tenants, Keyring keyring) {
    this.tenants = tenants;
    this.keyring = keyring;
  }

  public TenantRecord tenant(String tenantId) {
    return tenants.find(tenantId).orElseThrow(() -> new NotFoundException("No such tenant."));
  }

  public MlKemEncapsulationKey publicKey(TenantRecord t) {
    return MlKemEncapsulationKey.fromBytes(t.vaultPublicKey());
  }

  public MlKemDecapsulationKey privateKey(TenantRecord t) {
    try (SecretBytes seed =
        keyring.decrypt(t.kmsKeyId(), t.vaultSeedWrapped(), seedContext(t.tenantId()))) {
      return MlKemDecapsulationKey.fromSeed(seed);
    }
  }
}
