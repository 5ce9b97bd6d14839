/** `qs.proxy`: proxyOutbound. */
import { openAnswerEnvelope, requireClientKey, type ClientContext } from "../context.js";
import { wipe } from "../envelope/bytes.js";
import type { IdempotentRequestOptions } from "../models/common.js";
import type { DatadogOperation } from "../models/integrations.js";
import { readProxyPlaintext, type ProxyAnswer, type ProxyPayloads } from "../models/proxy.js";
import { plaintextJson, WireReader } from "../models/wire.js";

export class ProxyOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Calls Datadog through the integration with its sealed key (proxyOutbound). Whatever Datadog
   * answers (2xx, 4xx or 5xx) comes back in an envelope, verified, bound to this request and
   * decrypted: `answer.upstream.status`, `answer.upstream.body`. Errors of QuantaSeal itself
   * (403 operation_not_allowed, 404, 502 upstream_unreachable, …) throw ApiError.
   */
  async outbound<O extends DatadogOperation>(
    integrationId: string,
    operation: O,
    payload: ProxyPayloads[O],
    options: IdempotentRequestOptions = {},
  ): Promise<ProxyAnswer> {
    const clientKey = requireClientKey(this.#context, "proxy.outbound");
    const answer = await this.#context.transport.send({
      method: "POST",
      path: "/api/v2/proxy/outbound",
      body: { integration_id: integrationId, operation, payload, rkid: clientKey.rkid },
      idempotencyKey: options.idempotencyKey ?? this.#context.newIdempotencyKey(),
      upstreamAnswers: true,
      signal: options.signal,
    });
    const plaintext = await openAnswerEnvelope(this.#context, answer);
    const reader = new WireReader("proxyOutbound", answer.requestId);
    try {
      return readProxyPlaintext(reader, plaintextJson(plaintext, reader), {
        requestId: answer.requestId,
        httpStatus: answer.status,
        attempts: answer.attempts,
        idempotentReplayed: answer.replayed,
      });
    } finally {
      wipe(plaintext);
    }
  }
}
