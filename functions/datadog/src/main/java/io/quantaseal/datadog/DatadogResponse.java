package io.quantaseal.datadog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Datadog answered: the last attempt's status, body and headers, the time the whole call took
 * (all attempts and waits) and the number of attempts. Any status is an answer; an unreachable
 * Datadog is an {@link DatadogUnreachableException} instead.
 *
 * @param status HTTP status of the last attempt
 * @param body response body as text (UTF-8), possibly empty; cut at {@link
 *     DatadogClient#MAX_RESPONSE_BYTES}
 * @param headers response headers of the last attempt (names case-insensitive)
 * @param latencyMs milliseconds from the first attempt's start to the last answer
 * @param attempts requests sent (1 when the first answer was final)
 */
public record DatadogResponse(
    int status, String body, Map<String, List<String>> headers, long latencyMs, int attempts) {

  public DatadogResponse {
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
    body = body == null ? "" : body;
  }

  /** 2xx. */
  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** 403: Datadog refused the key (wrong key, revoked key, or a key of another site). */
  public boolean credentialRejected() {
    return status == 403;
  }

  /** The first value of a header, if any. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  @Override
  public String toString() {
    return "DatadogResponse[" + status + ", " + latencyMs + "ms, attempts=" + attempts + "]";
  }
}
