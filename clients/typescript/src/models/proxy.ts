/** Requests and answers of the outbound proxy (docs/openapi.yaml, tag `proxy`). */
import type { DatadogOperation } from "./integrations.js";
import type { ResponseMetadata } from "./common.js";
import { WireReader, frozen } from "./wire.js";

/** A Datadog event (`send_event`): title ≤ 100 and text ≤ 4000 characters. */
export interface DatadogEventPayload {
  readonly title: string;
  readonly text: string;
  readonly tags?: readonly string[];
  readonly alert_type?: "error" | "warning" | "info" | "success" | "user_update" | "recommendation" | "snapshot";
  readonly priority?: "normal" | "low";
  readonly aggregation_key?: string;
  readonly date_happened?: number;
  readonly [field: string]: unknown;
}

/** One metric point (`send_metric`), or give a whole Datadog v2 series body. */
export interface DatadogMetricPointPayload {
  readonly metric: string;
  readonly value: number;
  readonly type?: "count" | "rate" | "gauge" | "unspecified";
  readonly tags?: readonly string[];
  readonly [field: string]: unknown;
}

/** A Datadog v2 series body (`send_metric`). */
export interface DatadogSeriesPayload {
  readonly series: readonly Readonly<Record<string, unknown>>[];
}

/** One Datadog log (`send_log`); send an array for several (≤ 1000). */
export interface DatadogLogPayload {
  readonly message: string;
  readonly ddsource?: string;
  readonly ddtags?: string;
  readonly service?: string;
  readonly hostname?: string;
  readonly [field: string]: unknown;
}

/** The payload each operation takes. */
export interface ProxyPayloads {
  readonly send_event: DatadogEventPayload;
  readonly send_metric: DatadogMetricPointPayload | DatadogSeriesPayload;
  readonly send_log: DatadogLogPayload | readonly DatadogLogPayload[];
}

/** What Datadog answered, from inside the verified envelope. */
export interface UpstreamAnswer {
  /** Datadog's HTTP status (also the HTTP status of the proxy's answer). */
  readonly status: number;
  /** Datadog's body: its JSON when it was JSON, else its text. */
  readonly body: unknown;
  readonly latencyMs: number;
}

/** The answer of `POST /api/v2/proxy/outbound` (proxyOutbound), verified and decrypted. */
export interface ProxyAnswer {
  readonly integrationId: string;
  readonly operation: DatadogOperation;
  readonly upstream: UpstreamAnswer;
  /** `aud_…`: the audit record of this call. */
  readonly auditId: string;
  readonly $metadata: ResponseMetadata;
}

export function readProxyPlaintext(r: WireReader, value: unknown, metadata: ResponseMetadata): ProxyAnswer {
  const o = r.object(value, "the proxy plaintext");
  const upstream = r.object(o["upstream"], '"upstream"');
  if (!Object.prototype.hasOwnProperty.call(upstream, "body")) {
    r.fail('"upstream.body" is missing');
  }
  return frozen({
    integrationId: r.string(o, "integration_id"),
    operation: r.string(o, "operation") as DatadogOperation,
    upstream: frozen({
      status: r.integer(upstream, "status"),
      body: upstream["body"],
      latencyMs: r.integer(upstream, "latency_ms"),
    }),
    auditId: r.string(o, "audit_id"),
    $metadata: metadata,
  });
}
