/** `qs.siem`: createSiemDestination, listSiemDestinations, getSiemDestination, deleteSiemDestination. */
import { segment, type ClientContext } from "../context.js";
import { jsonBody } from "../http/transport.js";
import type { IdempotentRequestOptions, RequestOptions } from "../models/common.js";
import {
  readListSiemDestinations,
  readSiemDestination,
  type CreateSiemDestinationInput,
  type ListSiemDestinationsOutput,
  type SiemDestination,
} from "../models/siem.js";
import { body, WireReader } from "../models/wire.js";
import { paginate, type ListInput } from "../pagination.js";

const DESTINATIONS = "/api/v2/siem/destinations";

export class SiemOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /** Sends QuantaSeal's metrics, audit trail or alerts to a Datadog integration (createSiemDestination). */
  async createDestination(input: CreateSiemDestinationInput, options: IdempotentRequestOptions = {}): Promise<SiemDestination> {
    const answer = await this.#context.transport.send({
      method: "POST",
      path: DESTINATIONS,
      body: body({
        system_type: input.systemType,
        integration_id: input.integrationId,
        streams: input.streams === undefined ? undefined : [...input.streams],
      }),
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    });
    return readSiemDestination(new WireReader("createSiemDestination", answer.requestId), jsonBody(answer));
  }

  /** One page of the tenant's SIEM destinations (listSiemDestinations). */
  async listDestinations(input: ListInput = {}, options: RequestOptions = {}): Promise<ListSiemDestinationsOutput> {
    const answer = await this.#context.transport.send({
      method: "GET",
      path: DESTINATIONS,
      query: { limit: input.limit, cursor: input.cursor },
      signal: options.signal,
    });
    return readListSiemDestinations(new WireReader("listSiemDestinations", answer.requestId), jsonBody(answer));
  }

  /** Every SIEM destination, page after page. */
  listAllDestinations(input: Omit<ListInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<SiemDestination, void, undefined> {
    return paginate(async (cursor) => {
      const page = await this.listDestinations(cursor === undefined ? input : { ...input, cursor }, options);
      return { items: page.destinations, nextCursor: page.nextCursor };
    });
  }

  /** One SIEM destination (getSiemDestination). */
  async getDestination(destinationId: string, options: RequestOptions = {}): Promise<SiemDestination> {
    const answer = await this.#context.transport.send({
      method: "GET",
      path: `${DESTINATIONS}/${segment(destinationId)}`,
      signal: options.signal,
    });
    return readSiemDestination(new WireReader("getSiemDestination", answer.requestId), jsonBody(answer));
  }

  /** Stops sending to a SIEM destination (deleteSiemDestination). */
  async deleteDestination(destinationId: string, options: RequestOptions = {}): Promise<void> {
    await this.#context.transport.send({
      method: "DELETE",
      path: `${DESTINATIONS}/${segment(destinationId)}`,
      signal: options.signal,
    });
  }
}
