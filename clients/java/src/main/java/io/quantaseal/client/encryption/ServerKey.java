package io.quantaseal.client.encryption;

import java.time.Instant;

/**
 * An ML-DSA-65 public key of the service that envelopes name in {@code skid} (docs/openapi.yaml
 * {@code ServerKey}).
 *
 * @param skid its id ({@code sk_…})
 * @param alg its algorithm, {@code ML-DSA-65}
 * @param publicKey the 1952-byte public key, unpadded base64url
 * @param createdAt when it was made
 * @param status whether it signs new envelopes or only verifies older ones
 */
public record ServerKey(
    String skid, String alg, String publicKey, Instant createdAt, ServerKeyStatus status) {}
