package io.quantaseal.client.encryption;

import java.time.Instant;
import java.util.Optional;

/**
 * A registered client key as {@code listClientKeys} and {@code revokeClientKey} show it
 * (docs/openapi.yaml {@code ClientKey}); never a key itself.
 *
 * @param rkid the ML-KEM key's id ({@code ck_…})
 * @param hkid its MAC key's id ({@code hk_…})
 * @param apiKeyId the API key that registered it (only its answers are sealed to it), when known
 * @param createdAt when it was registered
 * @param lastUsedAt when an envelope was last sealed to it (recorded at most once a minute)
 * @param revokedAt when it was revoked, if it was
 * @param status whether envelopes are still sealed to it
 */
public record ListedClientKey(
    String rkid,
    String hkid,
    Optional<String> apiKeyId,
    Instant createdAt,
    Optional<Instant> lastUsedAt,
    Optional<Instant> revokedAt,
    ClientKeyStatus status) {}
