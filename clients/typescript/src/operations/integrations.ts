/** `qs.integrations`: createIntegration, listIntegrations, getIntegration, updateIntegration, deleteIntegration. */
import { segment, type ClientContext } from "../context.js";
import { jsonBody } from "../http/transport.js";
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
import { body, WireReader } from "../models/wire.js";
import { paginate, type ListInput } from "../pagination.js";

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
    const answer = await this.#context.transport.send({
      method: "POST",
      path: INTEGRATIONS,
      body: body(integrationBody(input)),
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    });
    return readIntegration(new WireReader("createIntegration", answer.requestId), jsonBody(answer));
  }

  /** One page of the tenant's integrations (listIntegrations). */
  async list(input: ListInput = {}, options: RequestOptions = {}): Promise<ListIntegrationsOutput> {
    const answer = await this.#context.transport.send({
      method: "GET",
      path: INTEGRATIONS,
      query: { limit: input.limit, cursor: input.cursor },
      signal: options.signal,
    });
    return readListIntegrations(new WireReader("listIntegrations", answer.requestId), jsonBody(answer));
  }

  /** Every integration, page after page. */
  listAll(input: Omit<ListInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<Integration, void, undefined> {
    return paginate(async (cursor) => {
      const page = await this.list(cursor === undefined ? input : { ...input, cursor }, options);
      return { items: page.integrations, nextCursor: page.nextCursor };
    });
  }

  /** One integration (getIntegration). */
  async get(integrationId: string, options: RequestOptions = {}): Promise<Integration> {
    const answer = await this.#context.transport.send({
      method: "GET",
      path: `${INTEGRATIONS}/${segment(integrationId)}`,
      signal: options.signal,
    });
    return readIntegration(new WireReader("getIntegration", answer.requestId), jsonBody(answer));
  }

  /** Changes only the fields given (updateIntegration); a new credential or site is validated again. */
  async update(integrationId: string, input: UpdateIntegrationInput, options: RequestOptions = {}): Promise<Integration> {
    const answer = await this.#context.transport.send({
      method: "PATCH",
      path: `${INTEGRATIONS}/${segment(integrationId)}`,
      body: body(integrationBody(input)),
      signal: options.signal,
    });
    return readIntegration(new WireReader("updateIntegration", answer.requestId), jsonBody(answer));
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
