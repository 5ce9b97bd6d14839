package io.quantaseal.common.vault;

import io.quantaseal.common.api.InvalidRequestException;
import io.quantaseal.common.api.NotFoundException;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.store.ClientKeyRepository;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.crypto.SecretBytes;
import io.quantaseal.crypto.envelope.EnvelopeRecipient;
import io.quantaseal.crypto.envelope.EnvelopeSealer;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.kem.MlKemEncapsulationKey;
import io.quantaseal.crypto.vault.CredentialBinding;
import io.quantaseal.crypto.vault.CredentialSealer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Answers with a HybridCryptoEnvelope (ENVELOPE.md) to one of the tenant's registered client keys:
 * the named {@code rkid}, or the most recently registered one. The tenant's envelope MAC key is
 * unsealed from the vault for the purpose.
 */
public final class EnvelopeIssuer {
  /** Credential type under which envelope MAC keys are sealed. */
  public static final String MAC_KEY_TYPE = "envelope_mac_key";

  private final ClientKeyRepository clientKeys;
  private final TenantVaultKeys tenantKeys;
  private final CredentialSealer sealer;
  private final ServerSigningKeys signingKeys;
  private final SecureRandom random;
  private final Clock clock;

  public EnvelopeIssuer(
      ClientKeyRepository clientKeys,
      TenantVaultKeys tenantKeys,
      CredentialSealer sealer,
      ServerSigningKeys signingKeys,
      SecureRandom random,
      Clock clock) {
    this.clientKeys = clientKeys;
    this.tenantKeys = tenantKeys;
    this.sealer = sealer;
    this.signingKeys = signingKeys;
    this.random = random;
    this.clock = clock;
  }

  public static CredentialBinding macKeyBinding(String tenantId, String hkid) {
    return new CredentialBinding(tenantId, hkid, 1, MAC_KEY_TYPE);
  }

  /** Seals {@code plaintext} (wiped afterwards) for the tenant. */
  public HybridCryptoEnvelope issue(
      String tenantId, Optional<String> rkid, String requestId, byte[] plaintext) {
    ClientKeyRecord ck =
        rkid.isPresent()
            ? clientKeys
                .find(tenantId, rkid.get())
                .orElseThrow(() -> new NotFoundException("No such client key."))
            : clientKeys
                .newest(tenantId)
                .orElseThrow(
                    () ->
                        new InvalidRequestException(
                            "Register a client key (POST /api/v2/encryption/client-keys) before"
                                + " asking for envelopes."));
    TenantRecord tenant = tenantKeys.tenant(tenantId);
    byte[] macKey =
        sealer.open(
            macKeyBinding(tenantId, ck.hkid()),
            tenantKeys.privateKey(tenant),
            tenant.kmsKeyId(),
            ck.macKeySealed());
    try (SecretBytes mac = SecretBytes.wrap(macKey);
        EnvelopeRecipient recipient =
            EnvelopeRecipient.create(
                ck.rkid(), MlKemEncapsulationKey.fromBytes(ck.publicKey()), ck.hkid(), mac)) {
      ServerSigningKeys.Active signer = signingKeys.active();
      return EnvelopeSealer.create(signer.skid(), signer.key(), random, clock)
          .seal(recipient, requestId, plaintext);
    }
  }
}
