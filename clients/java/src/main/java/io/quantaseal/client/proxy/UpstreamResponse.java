package io.quantaseal.client.proxy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What Datadog answered (docs/openapi.yaml {@code UpstreamResponse}), from the verified, decrypted
 * envelope.
 *
 * @param status Datadog's HTTP status (also the status of the proxy's answer)
 * @param body Datadog's answer: its JSON when it was JSON, else its text as a JSON string
 * @param latencyMs how long Datadog took, in milliseconds
 */
public record UpstreamResponse(int status, JsonNode body, long latencyMs) {
  /**
   * Whether Datadog accepted the call.
   *
   * @return true for a 2xx status
   */
  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
