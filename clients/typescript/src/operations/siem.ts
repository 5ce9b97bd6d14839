/**
 * `qs.siem`: createSiemDestination, listSiemDestinations, getSiemDestination,
 * deleteSiemDestination, testSiemDestination.
 */
import { call, listAll, segment, type ClientContext } from "../context.js";
import type { IdempotentRequestOptions, RequestOptions } from "../models/common.js";
import {
  readListSiemDestinations,
  readSiemDestination,
  readSiemDestinationTestResult,
  type CreateSiemDestinationInput,
  type ListSiemDestinationsOutput,
  type SiemDestination,
  type SiemDestinationTestResult,
} from "../models/siem.js";
import { body } from "../models/wire.js";
import type { ListInput } from "../pagination.js";

const DESTINATIONS = "/api/v2/siem/destinations";

export class SiemOperations {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /** Sends QuantaSeal's metrics, audit trail or alerts to a Datadog integration (createSiemDestination). */
  async createDestination(input: CreateSiemDestinationInput, options: IdempotentRequestOptions = {}): Promise<SiemDestination> {
    const request = {
      method: "POST" as const,
      path: DESTINATIONS,
      body: body({
        system_type: input.systemType,
        integration_id: input.integrationId,
        streams: input.streams === undefined ? undefined : [...input.streams],
      }),
      idempotencyKey: options.idempotencyKey,
      signal: options.signal,
    };
    return call(this.#context, "createSiemDestination", request, readSiemDestination);
  }

  /** One page of the tenant's SIEM destinations (listSiemDestinations). */
  async listDestinations(input: ListInput = {}, options: RequestOptions = {}): Promise<ListSiemDestinationsOutput> {
    const request = { method: "GET" as const, path: DESTINATIONS, query: { limit: input.limit, cursor: input.cursor }, signal: options.signal };
    return call(this.#context, "listSiemDestinations", request, readListSiemDestinations);
  }

  /** Every SIEM destination, page after page. */
  listAllDestinations(input: Omit<ListInput, "cursor"> = {}, options: RequestOptions = {}): AsyncGenerator<SiemDestination, void, undefined> {
    return listAll((page) => this.listDestinations(page, options), (page) => page.destinations, input);
  }

  /** One SIEM destination (getSiemDestination). */
  async getDestination(destinationId: string, options: RequestOptions = {}): Promise<SiemDestination> {
    const request = { method: "GET" as const, path: `${DESTINATIONS}/${segment(destinationId)}`, signal: options.signal };
    return call(this.#context, "getSiemDestination", request, readSiemDestination);
  }

  /** Stops sending to a SIEM destination (deleteSiemDestination). */
  async deleteDestination(destinationId: string, options: RequestOptions = {}): Promise<void> {
    await this.#context.transport.send({ method: "DELETE", path: `${DESTINATIONS}/${segment(destinationId)}`, signal: options.signal });
  }

  /**
   * Sends one test item tagged `quantaseal:test` to the destination's Datadog and returns what
   * Datadog answered (testSiemDestination). Not retried: each attempt sends an item. A refused
   * key stops the destination, as a push would.
   */
  async testDestination(destinationId: string, options: RequestOptions = {}): Promise<SiemDestinationTestResult> {
    const request = { method: "POST" as const, path: `${DESTINATIONS}/${segment(destinationId)}/test`, retryable: false, signal: options.signal };
    return call(this.#context, "testSiemDestination", request, readSiemDestinationTestResult);
  }
}
