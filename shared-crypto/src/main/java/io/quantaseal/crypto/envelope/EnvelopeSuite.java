package io.quantaseal.crypto.envelope;

import java.util.Optional;

/** The cipher suites a HybridCryptoEnvelope can name (docs/envelope.md#construction). */
public enum EnvelopeSuite {
  /** ML-KEM-768, HKDF-SHA-512, AES-256-GCM, ML-DSA-65 and HMAC-SHA-512: the only suite of v1. */
  QS1_MLKEM768_HKDFSHA512_A256GCM_MLDSA65_HS512("QS1-MLKEM768-HKDFSHA512-A256GCM-MLDSA65-HS512");

  private final String id;

  EnvelopeSuite(String id) {
    this.id = id;
  }

  /** The suite's wire id, as it appears in the {@code suite} member and in H. */
  public String id() {
    return id;
  }

  public static Optional<EnvelopeSuite> fromId(String id) {
    for (EnvelopeSuite s : values()) {
      if (s.id.equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
