package io.quantaseal.common.vault;

import io.quantaseal.common.store.ClientKeyRecord;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An answer carried in an envelope, before it is sealed: the HTTP status and headers, the plaintext
 * (docs/envelope.md#plaintext-of-a-proxy-answer; it may hold a credential: wiped by {@link
 * EnvelopeReplays} once sealed) and the client key it is sealed to.
 */
public final class EnvelopeAnswer {
  private final int status;
  private final Map<String, String> headers;
  private final byte[] plaintext;
  private final ClientKeyRecord recipient;

  public EnvelopeAnswer(
      int status, Map<String, String> headers, byte[] plaintext, ClientKeyRecord recipient) {
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
    this.recipient = Objects.requireNonNull(recipient, "recipient");
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The plaintext itself (not a copy): {@link #wipe()} clears it. */
  byte[] plaintext() {
    return plaintext;
  }

  public ClientKeyRecord recipient() {
    return recipient;
  }

  void wipe() {
    Arrays.fill(plaintext, (byte) 0);
  }

  @Override
  public String toString() {
    return "EnvelopeAnswer[" + status + ", to " + recipient.rkid() + "]";
  }
}
