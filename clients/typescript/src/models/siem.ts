/** Requests and answers of SIEM destinations (docs/openapi.yaml, tag `siem`). */
import { WireReader, frozen } from "./wire.js";

export type SiemStream = "metrics" | "audit" | "security_alerts";

export type SiemDestinationStatus =
  | "active"
  | "stopped_credential_rejected"
  | "stopped_integration_unhealthy"
  | "integration_missing"
  | "credential_missing";

/** `POST /api/v2/siem/destinations` (createSiemDestination). */
export interface CreateSiemDestinationInput {
  readonly systemType: "datadog";
  /** The integration must allow what the streams send (metrics: send_metric; audit: send_log; security_alerts: send_event and send_log). */
  readonly integrationId: string;
  /** Default all three. */
  readonly streams?: readonly SiemStream[];
}

export interface SiemDestination {
  /** `dst_…` */
  readonly destinationId: string;
  readonly systemType: "datadog";
  readonly integrationId: string;
  readonly streams: readonly SiemStream[];
  readonly createdAt: string;
  readonly status: SiemDestinationStatus;
  readonly stoppedReason?: string;
  readonly stoppedAt?: string;
}

/** `GET /api/v2/siem/destinations` (listSiemDestinations). */
export interface ListSiemDestinationsOutput {
  readonly destinations: readonly SiemDestination[];
  readonly nextCursor?: string;
}

export function readSiemDestination(r: WireReader, value: unknown): SiemDestination {
  const o = r.object(value, "a destination");
  return frozen({
    destinationId: r.string(o, "destination_id"),
    systemType: r.string(o, "system_type") as "datadog",
    integrationId: r.string(o, "integration_id"),
    streams: r.strings(o, "streams") as readonly SiemStream[],
    createdAt: r.string(o, "created_at"),
    status: r.string(o, "status") as SiemDestinationStatus,
    stoppedReason: r.optionalString(o, "stopped_reason"),
    stoppedAt: r.optionalString(o, "stopped_at"),
  }) as SiemDestination;
}

export function readListSiemDestinations(r: WireReader, value: unknown): ListSiemDestinationsOutput {
  const o = r.object(value);
  return frozen({
    destinations: r.list(o, "destinations", (d) => readSiemDestination(r, d)),
    nextCursor: r.optionalString(o, "next_cursor"),
  }) as ListSiemDestinationsOutput;
}

/** `POST /api/v2/siem/destinations/{id}/test` (testSiemDestination): what Datadog answered. */
export interface SiemDestinationTestResult {
  readonly destinationId: string;
  /** What was sent: an event, else a log, else a metric point, as the integration allows. */
  readonly operation: "send_event" | "send_log" | "send_metric";
  readonly sentAt: string;
  /** Datadog accepted it (2xx). */
  readonly delivered: boolean;
  readonly datadog: {
    readonly status: number;
    /** Datadog's body: JSON when it was JSON, else the text. */
    readonly body: unknown;
    readonly latencyMs: number;
  };
  /** What a refusal means (only when not delivered). */
  readonly error?: string;
}

export function readSiemDestinationTestResult(r: WireReader, value: unknown): SiemDestinationTestResult {
  const o = r.object(value);
  const d = r.object(o["datadog"], '"datadog"');
  return frozen({
    destinationId: r.string(o, "destination_id"),
    operation: r.string(o, "operation") as SiemDestinationTestResult["operation"],
    sentAt: r.string(o, "sent_at"),
    delivered: r.boolean(o, "delivered"),
    datadog: Object.freeze({ status: r.integer(d, "status"), body: d["body"], latencyMs: r.integer(d, "latency_ms") }),
    error: r.optionalString(o, "error"),
  }) as SiemDestinationTestResult;
}
