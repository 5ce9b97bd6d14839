package io.quantaseal.common.vault;

import io.quantaseal.common.api.ApiRequest;
import io.quantaseal.common.api.ApiResponse;
import io.quantaseal.common.idempotency.ReplayPolicy;
import io.quantaseal.common.idempotency.ReplaySlot;
import io.quantaseal.common.idempotency.StoredAnswer;
import io.quantaseal.common.store.ClientKeyRecord;
import io.quantaseal.common.store.TenantRecord;
import io.quantaseal.crypto.envelope.HybridCryptoEnvelope;
import io.quantaseal.crypto.vault.CredentialBinding;
import io.quantaseal.crypto.vault.CredentialSealer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotent answers carried in envelopes (unseal, proxy): the first call's envelope is sealed to
 * its client key for its request id; its plaintext is kept sealed at rest like a credential (the
 * tenant's vault ML-KEM key, then a data key of the tenant's KMS key, bound to the tenant and the
 * idempotency slot); a replay opens it and seals a fresh envelope (new {@code iat}, the replay's
 * own request id) to the client key the replaying caller may use, so that it opens at any time
 * within the idempotency window (docs/vault.md, "Replays").
 */
public final class EnvelopeReplays {
  /** Credential type under which idempotent answers are sealed at rest. */
  public static final String ANSWER_TYPE = "idempotent_answer";

  private final EnvelopeIssuer envelopes;
  private final TenantVaultKeys vaultKeys;
  private final CredentialSealer sealer;

  public EnvelopeReplays(
      EnvelopeIssuer envelopes, TenantVaultKeys vaultKeys, CredentialSealer sealer) {
    this.envelopes = envelopes;
    this.vaultKeys = vaultKeys;
    this.sealer = sealer;
  }

  /** Who receives a replay's envelope, as the route decides it. */
  public interface ReplayRecipients {
    /**
     * The client key a replay's envelope is sealed to, checked as a first call's would be (scope,
     * client key usable by the replaying API key): a revoked key or a missing scope is never
     * bypassed by a replay. Refusals throw the route's own errors, audited by the route.
     */
    ClientKeyRecord recipient(ApiRequest replay);

    /** After a replay's envelope is sealed (e.g. to audit a credential shown again). */
    default void replayed(ApiRequest replay, HybridCryptoEnvelope envelope) {}
  }

  /** The policy of one route whose replays go to {@code recipients}. */
  public ReplayPolicy<EnvelopeAnswer> policy(ReplayRecipients recipients) {
    return new ReplayPolicy<>() {
      @Override
      public ApiResponse respond(ApiRequest request, EnvelopeAnswer answer) {
        return response(answer.status(), answer.headers(), seal(answer, request));
      }

      @Override
      public Optional<StoredAnswer> store(
          ApiRequest request, ReplaySlot slot, EnvelopeAnswer answer, ApiResponse sent) {
        TenantRecord tenant = vaultKeys.tenant(slot.tenantId());
        byte[] sealed =
            sealer.seal(
                binding(slot),
                vaultKeys.publicKey(tenant),
                tenant.kmsKeyId(),
                answer.plaintext().clone());
        return Optional.of(new StoredAnswer.Sealed(answer.status(), answer.headers(), sealed));
      }

      @Override
      public void release(EnvelopeAnswer answer) {
        answer.wipe();
      }

      @Override
      public ApiResponse replay(ApiRequest request, ReplaySlot slot, StoredAnswer stored) {
        if (!(stored instanceof StoredAnswer.Sealed sealed)) {
          // Kept before answers were sealed at rest: the envelope as it was.
          StoredAnswer.Clear clear = (StoredAnswer.Clear) stored;
          return ApiResponse.raw(clear.status(), clear.headers(), clear.body());
        }
        ClientKeyRecord recipient = recipients.recipient(request);
        TenantRecord tenant = vaultKeys.tenant(slot.tenantId());
        byte[] plaintext =
            sealer.open(
                binding(slot),
                vaultKeys.privateKey(tenant),
                tenant.kmsKeyId(),
                sealed.sealedPlaintext());
        try {
          HybridCryptoEnvelope envelope =
              envelopes.issue(recipient, request.requestId(), plaintext);
          recipients.replayed(request, envelope);
          return response(sealed.status(), sealed.headers(), envelope);
        } finally {
          Arrays.fill(plaintext, (byte) 0);
        }
      }
    };
  }

  /** The envelope of a first call (the plaintext is kept until stored, then released). */
  private HybridCryptoEnvelope seal(EnvelopeAnswer answer, ApiRequest request) {
    return envelopes.issue(answer.recipient(), request.requestId(), answer.plaintext().clone());
  }

  private static ApiResponse response(
      int status, Map<String, String> headers, HybridCryptoEnvelope envelope) {
    return ApiResponse.raw(status, headers, envelope.toJson());
  }

  static CredentialBinding binding(ReplaySlot slot) {
    return new CredentialBinding(slot.tenantId(), slot.bindingId(), 1, ANSWER_TYPE);
  }
}
