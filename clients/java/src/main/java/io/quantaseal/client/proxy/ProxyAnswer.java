package io.quantaseal.client.proxy;

import io.quantaseal.client.integrations.DatadogOperation;

/**
 * The answer of {@link io.quantaseal.client.Proxy#outbound}: the envelope's plaintext, verified,
 * bound to its request and decrypted (docs/openapi.yaml {@code ProxyPlaintext}), and what the HTTP
 * answer said about it.
 *
 * @param integrationId the integration that was used
 * @param operation the operation that was sent
 * @param upstream Datadog's answer
 * @param auditId the audit record of the call
 * @param requestId the request id ({@code X-Request-Id}, the envelope's {@code rid})
 * @param httpStatus the status of the proxy's HTTP answer (Datadog's, mirrored)
 * @param idempotentReplayed whether the answer was the stored one of an earlier request with the
 *     same {@code Idempotency-Key}
 */
public record ProxyAnswer(
    String integrationId,
    DatadogOperation operation,
    UpstreamResponse upstream,
    String auditId,
    String requestId,
    int httpStatus,
    boolean idempotentReplayed) {}
