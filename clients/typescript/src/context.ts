/** What every operation namespace shares: the transport, the keys and the opener's settings. */
import { EnvelopeOpener } from "./envelope/opener.js";
import { parseEnvelope, type EnvelopeInput } from "./envelope/envelope.js";
import { ConfigurationError, InvalidEnvelopeError } from "./errors.js";
import { jsonBody, type HttpRequest, type Transport } from "./http/transport.js";
import type { ClientKey } from "./keys/client-key.js";
import type { ServerKeyCache } from "./keys/server-keys.js";
import { WireReader } from "./models/wire.js";
import { paginate, type ListInput } from "./pagination.js";

export interface ClientContext {
  readonly transport: Transport;
  readonly serverKeys: ServerKeyCache;
  readonly clientKey: ClientKey | undefined;
  readonly maxClockSkewSeconds: number;
  readonly clock: () => number;
  readonly newIdempotencyKey: () => string;
}

export function requireClientKey(context: ClientContext, what: string): ClientKey {
  if (context.clientKey === undefined) {
    throw new ConfigurationError(
      `${what} needs a client key: qs.withClientKey(await qs.encryption.createClientKey()) or loadClientKey(path)`,
    );
  }
  return context.clientKey;
}

/**
 * Opens an envelope with the held client key and the service's keys (fetched, or fetched again
 * once for an unknown skid). `expectedRequestId` binds it to the HTTP answer it came in.
 */
export async function openEnvelope(
  context: ClientContext,
  envelope: EnvelopeInput,
  expectedRequestId: string | undefined,
  details: { status?: number; requestId?: string } = {},
): Promise<Uint8Array> {
  const clientKey = requireClientKey(context, "opening an envelope");
  let parsed;
  try {
    parsed = parseEnvelope(envelope);
  } catch {
    throw new InvalidEnvelopeError(details);
  }
  const serverKeys = await context.serverKeys.keysFor(parsed.skid);
  const opener = new EnvelopeOpener({
    clientKeys: [clientKey],
    serverKeys,
    maxClockSkewSeconds: context.maxClockSkewSeconds,
    clock: context.clock,
  });
  try {
    return await opener.open(parsed, { expectedRequestId });
  } catch {
    throw new InvalidEnvelopeError(details);
  }
}

/** `encodeURIComponent` for a path segment (ids are opaque to the SDK). */
export function segment(value: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new ConfigurationError("an id must be a non-empty string");
  }
  return encodeURIComponent(value);
}

/** Opens the envelope of an HTTP answer, bound to it: its rid must equal the answer's X-Request-Id. */
export async function openAnswerEnvelope(
  context: ClientContext,
  answer: { readonly body: string; readonly requestId: string | undefined; readonly status: number },
): Promise<Uint8Array> {
  const details = answer.requestId === undefined ? { status: answer.status } : { status: answer.status, requestId: answer.requestId };
  if (answer.requestId === undefined) {
    requireClientKey(context, "opening an envelope");
    throw new InvalidEnvelopeError(details);
  }
  return openEnvelope(context, answer.body, answer.requestId, details);
}

/** Sends `request` and reads its JSON answer with `read`, naming `operationId` in format errors. */
export async function call<T>(
  context: ClientContext,
  operationId: string,
  request: HttpRequest,
  read: (reader: WireReader, json: unknown) => T,
): Promise<T> {
  const answer = await context.transport.send(request);
  return read(new WireReader(operationId, answer.requestId), jsonBody(answer));
}

/** Every item of a list operation, page after page (the `listAll` of each namespace). */
export function listAll<P extends { readonly nextCursor?: string | undefined }, T>(
  list: (input: ListInput) => Promise<P>,
  items: (page: P) => readonly T[],
  input: Omit<ListInput, "cursor">,
): AsyncGenerator<T, void, undefined> {
  return paginate(async (cursor) => {
    const page = await list(cursor === undefined ? input : { ...input, cursor });
    return { items: items(page), nextCursor: page.nextCursor };
  });
}
