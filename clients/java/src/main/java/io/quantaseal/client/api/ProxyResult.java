package io.quantaseal.client.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The verified, decrypted answer of {@code POST /api/v2/proxy/outbound}.
 *
 * @param status the upstream's HTTP status, mirrored by the service
 * @param requestId the service's request id ({@code X-Request-Id}, also the envelope's rid)
 * @param plaintext {@code
 *     {"integration_id","operation","upstream":{"status","body","latency_ms"},"audit_id"}}
 */
public record ProxyResult(int status, String requestId, JsonNode plaintext) {
  /** The upstream's answer body. */
  public JsonNode upstreamBody() {
    return plaintext.path("upstream").path("body");
  }

  public String auditId() {
    return plaintext.path("audit_id").asText();
  }
}
