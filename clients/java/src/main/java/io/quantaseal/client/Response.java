package io.quantaseal.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.function.Function;

/** An HTTP answer of the API: a 2xx, or an upstream answer the call asked to receive. */
record Response(int status, HttpHeaders headers, byte[] body) {
  String requestId() {
    return headers.firstValue("X-Request-Id").orElse(null);
  }

  boolean fromUpstream() {
    return headers.firstValue("X-QS-Source").map("upstream"::equalsIgnoreCase).orElse(false);
  }

  boolean idempotentReplayed() {
    return headers.firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
  }

  /** The answer read by {@code reader}; a body that is not what it expects is unexpected. */
  <T> T parse(Function<Fields, T> reader) {
    JsonNode json = Json.parseOrNull(body);
    if (json == null) {
      throw unexpected("the answer is not JSON");
    }
    try {
      return reader.apply(Fields.of(json, "the answer"));
    } catch (Fields.MalformedException e) {
      throw unexpected(e.getMessage());
    }
  }

  UnexpectedResponseException unexpected(String message) {
    return new UnexpectedResponseException(message, status, requestId());
  }
}
