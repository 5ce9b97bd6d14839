package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantaseal.client.integrations.DatadogOperation;
import io.quantaseal.client.proxy.ProxyAnswer;
import io.quantaseal.client.proxy.ProxyPayload;
import io.quantaseal.client.proxy.ProxyRequest;
import io.quantaseal.crypto.SecretBytes;

/**
 * {@code client.proxy()}: calls to Datadog with a sealed key; the answer is verified, bound to its
 * request and decrypted (docs/openapi.yaml, tag {@code proxy}).
 */
public final class Proxy extends Resource {
  static final String OUTBOUND = "/api/v2/proxy/outbound";

  Proxy(Context context) {
    super(context);
  }

  /**
   * {@code proxyOutbound}: calls Datadog through the integration and returns Datadog's answer.
   * Whatever Datadog answers (a 4xx or 5xx too) comes back as a {@link ProxyAnswer} ({@code
   * answer.upstream().status()}); errors of QuantaSeal itself throw {@link QuantaSealApiException}
   * (403 {@code operation_not_allowed} when the integration does not allow the operation). An
   * {@code Idempotency-Key} is made unless the request has one, so Datadog is not called twice when
   * the client retries.
   *
   * @param request the integration and the payload
   * @return Datadog's answer
   * @throws ConfigurationException if the client holds no client key
   * @throws InvalidEnvelopeException if the answer's envelope does not open
   */
  public ProxyAnswer outbound(ProxyRequest request) {
    ClientKey key = context.requireClientKey();
    ObjectNode body = Json.object();
    body.put("integration_id", request.integrationId());
    body.put("operation", request.payload().operation().wireName());
    body.set("payload", request.payload().toJson());
    body.put("rkid", key.rkid());
    String idempotencyKey =
        request.idempotencyKey() != null ? request.idempotencyKey() : Transport.newIdempotencyKey();
    Response r =
        context
            .transport()
            .send(Transport.Call.post(OUTBOUND, body, idempotencyKey).acceptingUpstream());
    byte[] plaintext = context.envelopes().openAnswer(key, r);
    try {
      return new Response(r.status(), r.headers(), plaintext).parse(f -> Answers.proxyAnswer(f, r));
    } finally {
      SecretBytes.wipe(plaintext);
    }
  }

  /**
   * {@link #outbound(ProxyRequest)} with a typed payload ({@link
   * io.quantaseal.client.proxy.DatadogEvent}, {@link
   * io.quantaseal.client.proxy.DatadogMetricPoint}, {@link
   * io.quantaseal.client.proxy.DatadogLogBatch}).
   *
   * @param integrationId the integration
   * @param payload what to send
   * @return Datadog's answer
   */
  public ProxyAnswer outbound(String integrationId, ProxyPayload payload) {
    return outbound(ProxyRequest.of(integrationId, payload));
  }

  /**
   * {@link #outbound(ProxyRequest)} with the payload as JSON, as docs/clients.md shows it.
   *
   * @param integrationId the integration
   * @param operation the operation
   * @param payload Datadog's body for it
   * @return Datadog's answer
   */
  public ProxyAnswer outbound(String integrationId, DatadogOperation operation, JsonNode payload) {
    return outbound(ProxyRequest.of(integrationId, ProxyPayload.of(operation, payload)));
  }
}
