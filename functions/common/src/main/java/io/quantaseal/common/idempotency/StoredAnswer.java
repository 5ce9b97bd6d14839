package io.quantaseal.common.idempotency;

import java.util.Map;

/**
 * What a completed idempotent call keeps for its replays: the status and headers, and either the
 * body in clear (answers that hold no secret) or the answer's plaintext sealed at rest under the
 * tenant's vault keys (answers carried in an envelope, which a replay seals afresh).
 */
public sealed interface StoredAnswer permits StoredAnswer.Clear, StoredAnswer.Sealed {
  int status();

  Map<String, String> headers();

  /** A body that holds no secret, replayed as it was. */
  record Clear(int status, Map<String, String> headers, String body) implements StoredAnswer {
    public Clear {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * An envelope's plaintext, sealed like a credential (CredentialSealer) under the binding {@code
   * (tenant, slot, 1, idempotent_answer)}: never in clear at rest.
   */
  record Sealed(int status, Map<String, String> headers, byte[] sealedPlaintext)
      implements StoredAnswer {
    public Sealed {
      headers = Map.copyOf(headers);
      sealedPlaintext = sealedPlaintext.clone();
    }

    @Override
    public byte[] sealedPlaintext() {
      return sealedPlaintext.clone();
    }

    @Override
    public String toString() {
      return "StoredAnswer.Sealed[" + status + ", " + sealedPlaintext.length + " bytes]";
    }
  }
}
