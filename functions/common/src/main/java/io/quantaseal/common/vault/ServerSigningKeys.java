package io.quantaseal.common.vault;

import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service's ML-DSA-65 envelope signing key: created on first use (seed stored only
 * KMS-encrypted under the service key), then loaded once per container.
 */
public final class ServerSigningKeys {
  /** A loaded signing key. */
  public record Active(String skid, MlDsaPrivateKey key) {
    @Override
    public String toString() {
      return "Active[" + skid + "]";
    }
  }

  private final SigningKeyRepository repository;
  private final Keyring keyring;
  private final String serviceKeyId;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;
  private volatile Active active;

  public ServerSigningKeys(
      SigningKeyRepository repository,
      Keyring keyring,
      String serviceKeyId,
      Ids ids,
      SecureRandom random,
      Clock clock) {
    this.repository = repository;
    this.keyring = keyring;
    this.serviceKeyId = serviceKeyId;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
  }

  static Map<String, String> context(String skid) {
    return Map.of("quantaseal:purpose", "envelope-signing-key", "quantaseal:skid", skid);
  }

  /** The active key, loading or creating it on first use. */
  public Active active() {
    Active a = active;
    if (a != null) {
      return a;
    }
    synchronized (this) {
      if (active == null) {
        active = load();
      }
      return active;
    }
  }

  /** Every signing key's public part, for {@code GET /api/v2/encryption/server-keys}. */
  public List<SigningKeyRecord> published() {
    active();
    return repository.all();
  }

  private Active load() {
    Optional<String> skid = repository.activeSkid();
    if (skid.isEmpty()) {
      String newSkid = ids.next(Ids.SIGNING_KEY);
      MlDsaPrivateKey key = MlDsa65.generateKeyPair(random);
      byte[] wrapped;
      try (SecretBytes seed = key.seed()) {
        wrapped = keyring.encrypt(serviceKeyId, seed, context(newSkid));
      }
      String winner =
          repository.createIfNoneActive(
              new SigningKeyRecord(
                  newSkid, key.publicKey().toBytes(), wrapped, clock.instant(), Optional.empty()));
      if (winner.equals(newSkid)) {
        return new Active(newSkid, key);
      }
      skid = Optional.of(winner);
    }
    SigningKeyRecord r =
        repository
            .find(skid.get())
            .orElseThrow(() -> new IllegalStateException("active signing key record missing"));
    try (SecretBytes seed = keyring.decrypt(serviceKeyId, r.seedWrapped(), context(r.skid()))) {
      return new Active(r.skid(), MlDsaPrivateKey.fromSeed(seed));
    }
  }
}
