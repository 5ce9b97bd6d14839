/**
 * A loopback HTTP server (127.0.0.1, a free port) that plays QuantaSeal for the SDK's own tests:
 * a handler answers each request, and every request is recorded as received.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The body as JSON (undefined when empty or not JSON). */
  readonly json: unknown;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON. */
  readonly body?: string | object;
  /** Drop the connection without answering. */
  readonly destroy?: boolean;
  /** Answer after this many ms. */
  readonly delayMs?: number;
}

export type Handler = (request: Received, index: number) => Reply | Promise<Reply>;

let counter = 0;

/** A request id of the documented shape. */
export function requestId(): string {
  counter += 1;
  return `req_00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`;
}

export class FakeService {
  readonly received: Received[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(handler: Handler): Promise<FakeService> {
    const state: { service?: FakeService } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const body = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = body === "" ? undefined : JSON.parse(body);
        } catch {
          json = undefined;
        }
        const received: Received = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body, json };
        const index = state.service!.received.push(received) - 1;
        void Promise.resolve(handler(received, index)).then(async (reply) => {
          if (reply.delayMs !== undefined) {
            await new Promise((r) => setTimeout(r, reply.delayMs));
          }
          if (reply.destroy === true) {
            req.socket.destroy();
            return;
          }
          const text = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
          res.writeHead(reply.status, { "Content-Type": "application/json", ...reply.headers });
          res.end(text);
        }, (error: unknown) => {
          res.writeHead(599);
          res.end(String(error));
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    state.service = new FakeService(server, `http://127.0.0.1:${port}`);
    return state.service;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => {
      resolve();
    }));
  }
}

/** The service's error body. */
export function errorReply(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  const id = requestId();
  return { status, headers: { "X-Request-Id": id, ...headers }, body: { error: { code, message, request_id: id } } };
}

export const API_KEY = `qs_test_${"A".repeat(43)}`;
