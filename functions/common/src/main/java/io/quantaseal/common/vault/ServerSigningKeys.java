package io.quantaseal.common.vault;

import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.SigningKeyRecord;
import io.quantaseal.common.store.SigningKeyRepository;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeOpener;
import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import io.quantaseal.crypto.vault.Keyring;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's ML-DSA-65 envelope signing keys (docs/envelope.md, "Keys"; docs/vault.md, "Server
 * signing keys"): the first is created on first use (seed stored only KMS-encrypted under the
 * service key); an operator rotates to a new one ({@link #rotate()}). Every envelope is signed with
 * the key the pointer names when it is sealed (one consistent read), so a rotation takes effect at
 * once in every container; a key's seed is decrypted once per container.
 *
 * <p>A replaced key is <em>retiring</em> while envelopes it signed may still be verified: until
 * {@link #RETIRING_PERIOD} (the readers' ±300 s skew plus a minute for signatures in flight during
 * the rotation) after it was replaced. Then it is <em>retired</em>: not listed for verification any
 * more, and its seed erased.
 */
public final class ServerSigningKeys {
  /** How long a replaced key still verifies: the envelope skew plus signatures in flight. */
  public static final Duration RETIRING_PERIOD =
      EnvelopeOpener.DEFAULT_MAX_CLOCK_SKEW.plus(Duration.ofMinutes(1));

  /** A loaded signing key. */
  public record Active(String skid, MlDsaPrivateKey key) {
    @Override
    public String toString() {
      return "Active[" + skid + "]";
    }
  }

  /** Where a key is in its life. */
  public enum Status {
    /** Signs new envelopes. */
    ACTIVE,
    /** Replaced; verifies envelopes it signed until they are past their skew. */
    RETIRING,
    /** Past its retiring period: verifies nothing, its seed erased. */
    RETIRED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A key as listed: its record, its status and, once replaced, until when it verifies. */
  public record Published(SigningKeyRecord key, Status status, Optional<Instant> retiringUntil) {}

  private final SigningKeyRepository repository;
  private final Keyring keyring;
  private final String serviceKeyId;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;
  private final Map<String, Active> loaded = new ConcurrentHashMap<>();

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

  /** The key that signs now: the one the pointer names, created if there is none yet. */
  public Active active() {
    Optional<String> skid = repository.activeSkid();
    if (skid.isEmpty()) {
      Active created = generate();
      String winner = repository.createIfNoneActive(record(created, wrap(created)));
      if (winner.equals(created.skid())) {
        loaded.put(created.skid(), created);
        return created;
      }
      skid = Optional.of(winner);
    }
    return loaded.computeIfAbsent(skid.get(), this::load);
  }

  /**
   * Rotates: a new key signs every envelope from now on; the one it replaces is retiring. Returns
   * the new key's record.
   *
   * @throws IllegalStateException if another rotation happened at the same time (nothing changed)
   */
  public SigningKeyRecord rotate() {
    String current = active().skid();
    Active next = generate();
    SigningKeyRecord record = record(next, wrap(next));
    if (!repository.rotate(record, current, clock.instant())) {
      throw new IllegalStateException("another rotation happened at the same time; run it again");
    }
    loaded.put(next.skid(), next);
    return record;
  }

  /**
   * Every key with its status, oldest first; retired ones only if {@code includeRetired}. A retired
   * key whose seed is still stored has it erased here.
   */
  public List<Published> published(boolean includeRetired) {
    String active = active().skid();
    Instant now = clock.instant();
    List<Published> out = new ArrayList<>();
    for (SigningKeyRecord k : repository.all()) {
      Optional<Instant> until = k.retiredAt().map(t -> t.plus(RETIRING_PERIOD));
      Status status =
          k.skid().equals(active)
              ? Status.ACTIVE
              : until.isPresent() && now.isAfter(until.get()) ? Status.RETIRED : Status.RETIRING;
      if (status == Status.RETIRED) {
        if (k.seedWrapped().length > 0) {
          repository.eraseSeed(k.skid());
        }
        loaded.remove(k.skid());
        if (!includeRetired) {
          continue;
        }
      }
      out.add(new Published(k, status, until));
    }
    return out;
  }

  private Active generate() {
    return new Active(ids.next(Ids.SIGNING_KEY), MlDsa65.generateKeyPair(random));
  }

  private byte[] wrap(Active a) {
    try (SecretBytes seed = a.key().seed()) {
      return keyring.encrypt(serviceKeyId, seed, context(a.skid()));
    }
  }

  private SigningKeyRecord record(Active a, byte[] wrapped) {
    return new SigningKeyRecord(
        a.skid(), a.key().publicKey().toBytes(), wrapped, clock.instant(), Optional.empty());
  }

  private Active load(String skid) {
    SigningKeyRecord r =
        repository
            .find(skid)
            .orElseThrow(() -> new IllegalStateException("active signing key record missing"));
    try (SecretBytes seed = keyring.decrypt(serviceKeyId, r.seedWrapped(), context(r.skid()))) {
      return new Active(r.skid(), MlDsaPrivateKey.fromSeed(seed));
    }
  }
}
