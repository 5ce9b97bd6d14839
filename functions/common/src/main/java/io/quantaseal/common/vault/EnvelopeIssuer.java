package io.quantaseal.common.vault;

import io.quantaseal.common.api.Caller;
import io.quantaseal.common.api.ClientKeyNotUsableException;
import io.quantaseal.common.api.ClientKeyRevokedException;
import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.ids.Ids;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.common.store.UseThrottle;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeRecipient;
import io.quantaseal.crypto.envelope.EnvelopeSealer;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import io.quantaseal.crypto.vault.CredentialBinding;
import io.quantaseal.crypto.vault.CredentialSealer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Answers with a HybridCryptoEnvelope (docs/envelope.md) to a client key the calling API key may
 * use (docs/vault.md, "Who receives envelopes"): one that this API key registered — the one named
 * in {@code rkid}, or without {@code rkid} the one it registered last. A key registered by another
 * API key of the tenant, or by none (records from before keys were bound), is never used. The
 * tenant's envelope MAC key is unsealed from the vault for the purpose.
 */
public final class EnvelopeIssuer {
  /** Credential type under which envelope MAC keys are sealed. */
  public static final String MAC_KEY_TYPE = "envelope_mac_key";

  private final ClientKeyRepository clientKeys;
  private final TenantVaultKeys vaultKeys;
  private final CredentialSealer sealer;
  private final ServerSigningKeys signingKeys;
  private final SecureRandom random;
  private final Clock clock;
  private final UseThrottle uses = new UseThrottle();

  public EnvelopeIssuer(
      ClientKeyRepository clientKeys,
      TenantVaultKeys vaultKeys,
      CredentialSealer sealer,
      ServerSigningKeys signingKeys,
      SecureRandom random,
      Clock clock) {
    this.clientKeys = clientKeys;
    this.vaultKeys = vaultKeys;
    this.sealer = sealer;
    this.signingKeys = signingKeys;
    this.random = random;
    this.clock = clock;
  }

  public static CredentialBinding macKeyBinding(String tenantId, String hkid) {
    return new CredentialBinding(tenantId, hkid, 1, MAC_KEY_TYPE);
  }

  /**
   * Stores a client key of {@code tenantId} bound to {@code apiKeyId}: {@code encapsulationKey} as
   * {@code rkid}, and {@code macKey} as {@code hkid}, sealed to the tenant's vault key like a
   * credential (the caller keeps and wipes {@code macKey}).
   */
  public ClientKeyRecord register(
      String tenantId,
      String rkid,
      MlKemEncapsulationKey encapsulationKey,
      String hkid,
      SecretBytes macKey,
      String apiKeyId) {
    TenantRecord tenant = vaultKeys.tenant(tenantId);
    byte[] sealed =
        sealer.seal(
            macKeyBinding(tenantId, hkid),
            vaultKeys.publicKey(tenant),
            tenant.kmsKeyId(),
            macKey.copyBytes());
    ClientKeyRecord record =
        new ClientKeyRecord(
            tenantId,
            rkid,
            encapsulationKey.toBytes(),
            hkid,
            sealed,
            clock.instant(),
            Optional.of(apiKeyId));
    clientKeys.create(record);
    return record;
  }

  /**
   * The client key an answer to {@code caller} is sealed to: {@code rkid} if the caller registered
   * it, else (no {@code rkid}) the client key the caller registered last.
   *
   * @throws ClientKeyNotUsableException if {@code rkid} is not a key the caller registered (the
   *     same whether it is another API key's or does not exist)
   * @throws ClientKeyRevokedException if {@code rkid} is a key the caller registered and revoked
   * @throws InvalidRequestException if there is no {@code rkid} and the caller registered none (or
   *     revoked every one)
   */
  public ClientKeyRecord recipient(Caller caller, Optional<String> rkid) {
    if (rkid.isPresent()) {
      if (!Ids.looksLike(Ids.CLIENT_KEY, rkid.get())) {
        throw new ClientKeyNotUsableException();
      }
      ClientKeyRecord named =
          clientKeys
              .find(caller.tenantId(), rkid.get())
              .filter(k -> k.registeredBy(caller.apiKeyId()))
              .orElseThrow(ClientKeyNotUsableException::new);
      if (!named.usableBy(caller.apiKeyId())) {
        throw new ClientKeyRevokedException();
      }
      return named;
    }
    return clientKeys
        .newestRegisteredBy(caller.tenantId(), caller.apiKeyId())
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "This API key has registered no client key, so no envelope can be sealed for"
                        + " it: register one with this API key (POST"
                        + " /api/v2/encryption/client-keys, scope client_keys:manage) and name it"
                        + " in 'rkid'."));
  }

  /** Seals {@code plaintext} (wiped afterwards) to {@code ck}, from {@link #recipient}. */
  public HybridCryptoEnvelope issue(ClientKeyRecord ck, String requestId, byte[] plaintext) {
    String tenantId = ck.tenantId();
    TenantRecord tenant = vaultKeys.tenant(tenantId);
    byte[] macKey =
        sealer.open(
            macKeyBinding(tenantId, ck.hkid()),
            vaultKeys.privateKey(tenant),
            tenant.kmsKeyId(),
            ck.macKeySealed());
    try (SecretBytes mac = SecretBytes.wrap(macKey);
        EnvelopeRecipient recipient =
            EnvelopeRecipient.create(
                ck.rkid(), MlKemEncapsulationKey.fromBytes(ck.publicKey()), ck.hkid(), mac)) {
      ServerSigningKeys.Active signer = signingKeys.active();
      HybridCryptoEnvelope envelope =
          EnvelopeSealer.create(signer.skid(), signer.key(), random, clock)
              .seal(recipient, requestId, plaintext);
      Instant now = clock.instant();
      if (uses.due(ck.tenantId() + "/" + ck.rkid(), now)) {
        clientKeys.recordUse(tenantId, ck.rkid(), now, now.minus(UseThrottle.INTERVAL));
      }
      return envelope;
    }
  }
}
