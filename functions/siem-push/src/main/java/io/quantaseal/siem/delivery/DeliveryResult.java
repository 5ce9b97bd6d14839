package io.quantaseal.siem.delivery;

/** How one request to Datadog ended, after the shared client's retries. */
public sealed interface DeliveryResult
    permits DeliveryResult.Delivered,
        DeliveryResult.Forbidden,
        DeliveryResult.Refused,
        DeliveryResult.Failed {

  /** Datadog accepted it (2xx). */
  record Delivered(int status, int attempts) implements DeliveryResult {}

  /** 403: Datadog refused the key; the destination must stop. */
  record Forbidden(int attempts) implements DeliveryResult {}

  /** A final 4xx other than 403 (400, 413…): this payload will never be accepted as it is. */
  record Refused(int status, int attempts) implements DeliveryResult {}

  /**
   * Not delivered within the retry budget: 429/5xx to the last attempt, no answer, or no usable
   * key. {@code reason} is short and safe (e.g. {@code http_503}, {@code unreachable}).
   */
  record Failed(String reason, int attempts) implements DeliveryResult {}

  default boolean delivered() {
    return this instanceof Delivered;
  }

  /** A short reason for the dead-letter message ({@code delivered} when delivered). */
  default String reason() {
    if (this instanceof Delivered) {
      return "delivered";
    }
    if (this instanceof Forbidden) {
      return "credential_rejected";
    }
    if (this instanceof Refused r) {
      return "refused_http_" + r.status();
    }
    return ((Failed) this).reason();
  }

  default int attempts() {
    if (this instanceof Delivered d) {
      return d.attempts();
    }
    if (this instanceof Forbidden f) {
      return f.attempts();
    }
    if (this instanceof Refused r) {
      return r.attempts();
    }
    return ((Failed) this).attempts();
  }
}
