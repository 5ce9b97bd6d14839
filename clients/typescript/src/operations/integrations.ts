/** `qs.integrations`: createIntegration, listIntegrations, getIntegration, updateIntegration, deleteIntegration. */
import { call, listAll, segment, type ClientContext } from "../context.js";
import type { IdempotentRequestOptions, RequestOptions } from "../models/common.js";
import {
  integrationBody,
  readIntegration,
  readListIntegrations,
  type CreateIntegrationInput,
  type DeleteIntegrationInput,
  type Integration,
  type ListIntegrationsOutput,
  type UpdateIntegrationInput,
} from "../models/integrations.js";
import { body } from "../models/wire.js";
import type { ListInput } from "../pagination.js";

const INTEGRATIONS = "/api/v2/integrations";

export class IntegrationOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Creates a Datadog integration (createIntegration). The sealed key is validated with Datadog
   * first: 422 credential_rejected when Datadog refuses it. `allowedOperations` default none.
   */
  async create(input: CreateIntegrationInput, options: IdempotentRequestOptions = {}): Promise<Integration> {
    const request = { method: "POST" as const, path: INTEGRATIONS, body: body(integrationBody(input)), idempotencyKey: options.idempotencyKey, signal: options.signal };
    return call(this.#context, "createIntegration", request, readIntegration);
  }

  /** One page of the tenant's integrations (listIntegrations). */
  async list(input: ListInput = {}, options: RequestOptions = {}): Promise<ListIntegrationsOutput> {
    const request = { method: "GET" as const, path: INTEGRATIONS, query: { limit: input.limit, cursor: input.cursor }, signal: options.signal };
    return call(this.#context, "listIntegrations", request, readListIntegrations);
  }

  /** Every integration, page after page. */
  listAll(input: Omit<ListInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<Integration, void, undefined> {
    return listAll((page) => this.list(page, options), (page) => page.integrations, input);
  }

  /** One integration (getIntegration). */
  async get(integrationId: string, options: RequestOptions = {}): Promise<Integration> {
    const request = { method: "GET" as const, path: `${INTEGRATIONS}/${segment(integrationId)}`, signal: options.signal };
    return call(this.#context, "getIntegration", request, readIntegration);
  }

  /** Changes only the fields given (updateIntegration); a new credential or site is validated again. */
  async update(integrationId: string, input: UpdateIntegrationInput, options: RequestOptions = {}): Promise<Integration> {
    const request = { method: "PATCH" as const, path: `${INTEGRATIONS}/${segment(integrationId)}`, body: body(integrationBody(input)), signal: options.signal };
    return call(this.#context, "updateIntegration", request, readIntegration);
  }

  /** Removes an integration (deleteIntegration); 409 resource_in_use while a SIEM destination uses it, unless `force`. */
  async delete(integrationId: string, input: DeleteIntegrationInput = {}, options: RequestOptions = {}): Promise<void> {
    await this.#context.transport.send({
      method: "DELETE",
      path: `${INTEGRATIONS}/${segment(integrationId)}`,
      query: { force: input.force === undefined ? undefined : String(input.force) },
      signal: options.signal,
    });
  }
}
