package io.quantaseal.client.proxy;

import java.util.Objects;

/**
 * A call to Datadog through an integration ({@code POST /api/v2/proxy/outbound}). The client adds
 * the {@code rkid} of the client key it holds.
 *
 * @param integrationId the integration to use
 * @param payload the operation and what to send
 * @param idempotencyKey the {@code Idempotency-Key} to send, or null for one the client makes
 */
public record ProxyRequest(String integrationId, ProxyPayload payload, String idempotencyKey) {
  /**
   * Checks the request.
   *
   * @param integrationId the integration to use
   * @param payload the operation and what to send
   * @param idempotencyKey the {@code Idempotency-Key} to send, or null for one the client makes
   * @throws NullPointerException if the integration or payload is null
   */
  public ProxyRequest {
    Objects.requireNonNull(integrationId, "integrationId");
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * A request with an idempotency key the client makes.
   *
   * @param integrationId the integration
   * @param payload what to send
   * @return the request
   */
  public static ProxyRequest of(String integrationId, ProxyPayload payload) {
    return new ProxyRequest(integrationId, payload, null);
  }
}
