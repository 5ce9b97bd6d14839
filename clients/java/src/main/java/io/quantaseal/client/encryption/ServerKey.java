package io.quantaseal.client.encryption;

import java.time.Instant;
import java.util.Optional;

/**
 * An ML-DSA-65 public key of the service that envelopes name in {@code skid} (docs/openapi.yaml
 * {@code ServerKey}).
 *
 * @param skid its id ({@code sk_…})
 * @param alg its algorithm, {@code ML-DSA-65}
 * @param publicKey the 1952-byte public key, unpadded base64url
 * @param createdAt when it was made
 * @param status whether it signs new envelopes, only verifies older ones, or neither
 * @param retiredAt when a rotation replaced it (empty for the active key)
 * @param verifiesUntil the last moment an envelope it signed can verify ({@code retired_at} + 360
 *     s), for a key that is not active
 */
public record ServerKey(
    String skid,
    String alg,
    String publicKey,
    Instant createdAt,
    ServerKeyStatus status,
    Optional<Instant> retiredAt,
    Optional<Instant> verifiesUntil) {}
