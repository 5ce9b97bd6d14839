/** Requests and answers of integrations (docs/openapi.yaml, tag `integrations`). */
import { WireReader, frozen } from "./wire.js";

export type DatadogSite =
  | "datadoghq.com"
  | "us3.datadoghq.com"
  | "us5.datadoghq.com"
  | "datadoghq.eu"
  | "uk1.datadoghq.com"
  | "ap1.datadoghq.com"
  | "ap2.datadoghq.com"
  | "ddog-gov.com"
  | "us2.ddog-gov.com";

export type DatadogOperation = "send_event" | "send_metric" | "send_log";

export interface DatadogConfig {
  readonly site: DatadogSite;
}

/** `POST /api/v2/integrations` (createIntegration). */
export interface CreateIntegrationInput {
  readonly systemType: "datadog";
  readonly name?: string;
  /** A vault entry of credential type `api_key` (its key is validated with Datadog first). */
  readonly credentialId: string;
  readonly config: DatadogConfig;
  /** Default none: every operation is denied until listed. */
  readonly allowedOperations?: readonly DatadogOperation[];
}

/** `PATCH /api/v2/integrations/{id}` (updateIntegration): only the fields given change. */
export interface UpdateIntegrationInput {
  readonly systemType?: "datadog";
  readonly name?: string;
  readonly credentialId?: string;
  readonly config?: DatadogConfig;
  readonly allowedOperations?: readonly DatadogOperation[];
}

/** `DELETE /api/v2/integrations/{id}` (deleteIntegration). */
export interface DeleteIntegrationInput {
  /** Delete even while SIEM destinations use it. */
  readonly force?: boolean;
}

export interface Integration {
  /** `int_…` */
  readonly integrationId: string;
  readonly systemType: "datadog";
  readonly name?: string;
  readonly credentialId: string;
  readonly config: DatadogConfig;
  readonly allowedOperations: readonly DatadogOperation[];
  readonly status: "healthy" | "unhealthy";
  /** Why, when unhealthy, e.g. `credential_rejected` or `credential_deleted`. */
  readonly unhealthyReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** `GET /api/v2/integrations` (listIntegrations). */
export interface ListIntegrationsOutput {
  readonly integrations: readonly Integration[];
  readonly nextCursor?: string;
}

export function integrationBody(input: CreateIntegrationInput | UpdateIntegrationInput): Record<string, unknown> {
  return {
    system_type: input.systemType,
    name: input.name,
    credential_id: input.credentialId,
    config: input.config === undefined ? undefined : { site: input.config.site },
    allowed_operations: input.allowedOperations === undefined ? undefined : [...input.allowedOperations],
  };
}

export function readIntegration(r: WireReader, value: unknown): Integration {
  const o = r.object(value, "an integration");
  const config = r.object(o["config"], '"config"');
  return frozen({
    integrationId: r.string(o, "integration_id"),
    systemType: r.string(o, "system_type") as "datadog",
    name: r.optionalString(o, "name"),
    credentialId: r.string(o, "credential_id"),
    config: frozen({ site: r.string(config, "site") as DatadogSite }),
    allowedOperations: r.strings(o, "allowed_operations") as readonly DatadogOperation[],
    status: r.string(o, "status") as Integration["status"],
    unhealthyReason: r.optionalString(o, "unhealthy_reason"),
    createdAt: r.string(o, "created_at"),
    updatedAt: r.string(o, "updated_at"),
  }) as Integration;
}

export function readListIntegrations(r: WireReader, value: unknown): ListIntegrationsOutput {
  const o = r.object(value);
  return frozen({
    integrations: r.list(o, "integrations", (i) => readIntegration(r, i)),
    nextCursor: r.optionalString(o, "next_cursor"),
  }) as ListIntegrationsOutput;
}
