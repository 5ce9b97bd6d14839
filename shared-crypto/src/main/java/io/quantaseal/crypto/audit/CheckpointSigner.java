package io.quantaseal.crypto.audit;

import io.quantaseal.crypto.signature.MlDsa65;
import io.quantaseal.crypto.signature.MlDsaPrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Makes and signs checkpoints with one server key: ML-DSA-65 over JCS(body), context {@value
 * SignedCheckpoint#CONTEXT}, hedged (FIPS 204 with fresh randomness) in production.
 *
 * <p>The service's scheduled step calls {@link #next} once a period is closed, with the tenant's
 * latest checkpoint and the period's records. Rotation: a new signer with a new {@code skid}; old
 * checkpoints keep naming the key that signed them, and verifiers keep the old public key.
 */
public final class CheckpointSigner {
  private final String skid;
  private final MlDsaPrivateKey key;
  private final SecureRandom random;

  public CheckpointSigner(String skid, MlDsaPrivateKey key, SecureRandom random) {
    if (skid == null || skid.isEmpty()) {
      throw new IllegalArgumentException("skid must not be empty");
    }
    this.skid = skid;
    this.key = key;
    this.random = random;
  }

  public String skid() {
    return skid;
  }

  /**
   * The signed checkpoint of [{@code start}, {@code end}) for {@code tenantId}, following {@code
   * previous} (empty for the tenant's first): see {@link CheckpointBody#forPeriod}.
   */
  public SignedCheckpoint next(
      Optional<CheckpointBody> previous,
      String tenantId,
      Instant start,
      Instant end,
      List<AuditRecord> records) {
    return sign(CheckpointBody.forPeriod(previous, tenantId, start, end, records, skid));
  }

  /** Signs {@code body}, which must name this signer's {@code skid}. */
  public SignedCheckpoint sign(CheckpointBody body) {
    requireOwnSkid(body);
    return SignedCheckpoint.of(
        body, MlDsa65.sign(key, body.canonicalBytes(), SignedCheckpoint.context(), random));
  }

  /**
   * Deterministic signing (rnd = 32 zero bytes): the same body gives the same signature. Only for
   * known-answer vectors; production signing is hedged ({@link #sign}).
   */
  public SignedCheckpoint signDeterministically(CheckpointBody body) {
    requireOwnSkid(body);
    return SignedCheckpoint.of(
        body,
        MlDsa65.signDeterministically(key, body.canonicalBytes(), SignedCheckpoint.context()));
  }

  private void requireOwnSkid(CheckpointBody body) {
    if (!body.skid().equals(skid)) {
      throw new IllegalArgumentException("the body names another signing key");
    }
  }

  @Override
  public String toString() {
    return "CheckpointSigner[skid=" + skid + "]";
  }
}
