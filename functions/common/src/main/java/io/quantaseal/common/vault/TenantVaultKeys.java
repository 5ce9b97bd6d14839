package io.quantaseal.common.vault;

import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.TenantRepository;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.kem.MlKemDecapsulationKey;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import io.quantaseal.crypto.vault.Keyring;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant's vault ML-KEM-768 key: the public part from the tenant record, the private part
 * decrypted through the keyring from its KMS-encrypted seed.
 *
 * <p>The expanded decapsulation key is kept per container under the same bounds as decrypted keys
 * (docs/vault.md, "The key cache"): at most {@code ttl} and {@code maxEntries}; a changed wrapped
 * seed is a different entry. With a zero TTL nothing is kept.
 */
public final class TenantVaultKeys {
  /** Encryption context of the wrapped vault key seed. */
  public static Map<String, String> seedContext(String tenantId) {
    return Map.of("quantaseal:tenant", tenantId, "quantaseal:purpose", "vault-kem-key");
  }

  private record Cached(byte[] wrappedSeed, MlKemDecapsulationKey key, long expiresAt) {}

  private final TenantRepository tenants;
  private final Keyring keyring;
  private final long ttlMillis;
  private final int maxEntries;
  private final Clock clock;
  private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true);

  public TenantVaultKeys(
      TenantRepository tenants, Keyring keyring, Duration ttl, int maxEntries, Clock clock) {
    this.tenants = tenants;
    this.keyring = keyring;
    this.ttlMillis = ttl.toMillis();
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  public TenantRecord tenant(String tenantId) {
    return tenants.find(tenantId).orElseThrow(() -> new NotFoundException("No such tenant."));
  }

  public MlKemEncapsulationKey publicKey(TenantRecord t) {
    return MlKemEncapsulationKey.fromBytes(t.vaultPublicKey());
  }

  public MlKemDecapsulationKey privateKey(TenantRecord t) {
    long now = clock.millis();
    if (ttlMillis > 0) {
      synchronized (cache) {
        Cached c = cache.get(t.tenantId());
        if (c != null
            && c.expiresAt() > now
            && Arrays.equals(c.wrappedSeed(), t.vaultSeedWrapped())) {
          return c.key();
        }
      }
    }
    MlKemDecapsulationKey key;
    try (SecretBytes seed =
        keyring.decrypt(t.kmsKeyId(), t.vaultSeedWrapped(), seedContext(t.tenantId()))) {
      key = MlKemDecapsulationKey.fromSeed(seed);
    }
    if (ttlMillis > 0) {
      synchronized (cache) {
        cache.put(t.tenantId(), new Cached(t.vaultSeedWrapped(), key, now + ttlMillis));
        cache.entrySet().removeIf(e -> e.getValue().expiresAt() <= now);
        while (cache.size() > maxEntries) {
          cache.remove(cache.keySet().iterator().next());
        }
      }
    }
    return key;
  }

  /** Forgets every expanded key. */
  public void clear() {
    synchronized (cache) {
      cache.clear();
    }
  }
}
