// A tiny stand-in for the replay mock, for runner tests: it serves a few routes under
// `/__example/<slug>/…` the way the mock does, and answers anything else with the mock's
// unmatched-request error, so runners can be tested before and apart from harness/mock.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNMATCHED_ERROR_TYPE } from '../../../harness/run/protocol.ts';

export interface SeenRequest {
  example: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

/** A route answers a parsed request with a JSON body (status 200 unless given). */
export type Route = (request: SeenRequest) => { status?: number; body: unknown; delayMs?: number };

export interface MockServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  /** The same server on a Unix socket, for sandboxes (see harness/run/sandbox). */
  socket: string;
  /** The base URL a runner gets for one example. */
  baseUrl(example: string): string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startMockServer(routes: Record<string, Route>): Promise<MockServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => void handle(req, res));
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/__example\/([^/]+)(\/.*)$/.exec(url.pathname);
    const text = Buffer.concat(chunks).toString('utf8');
    const seen: SeenRequest = {
      example: match ? decodeURIComponent(match[1]) : '',
      method: req.method ?? 'GET',
      path: match ? match[2] : url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? safeJson(text) : undefined,
      authorization: req.headers.authorization,
    };
    requests.push(seen);
    const route = match ? routes[seen.path] : undefined;
    const answer = route
      ? route(seen)
      : {
          status: 404,
          body: { error: { type: UNMATCHED_ERROR_TYPE, message: `no recorded request matches ${seen.method} ${seen.path} for example ${seen.example || '(none)'}` } },
        };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const socketDir = await mkdtemp(join(tmpdir(), 'doc-harness-mock-'));
  const socket = join(socketDir, 'mock.sock');
  const socketServer = net.createServer((connection) => server.emit('connection', connection));
  await new Promise<void>((resolve) => socketServer.listen(socket, resolve));
  return {
    origin,
    port,
    socket,
    baseUrl: (example) => `${origin}/__example/${encodeURIComponent(example)}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        socketServer.close();
        server.close(() => void rm(socketDir, { recursive: true, force: true }).then(() => resolve()));
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Routes shaped like the Seam API, shared by the runner tests and the benchmark. */
export const seamRoutes: Record<string, Route> = {
  '/devices/get': (r) => ({
    body: {
      device: { device_id: String(params(r).device_id), display_name: 'Front Door', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true } },
      ok: true,
    },
  }),
  '/devices/list': () => ({
    body: {
      devices: [
        { device_id: 'd-1', display_name: 'Front Door' },
        { device_id: 'd-2', display_name: 'Back Door' },
      ],
      pagination: { has_next_page: false, next_page_cursor: null, next_page_url: null },
      ok: true,
    },
  }),
  '/access_codes/delete': () => ({ body: { ok: true } }),
  '/thermostats/heat': (r) => ({
    body: {
      action_attempt: { action_attempt_id: 'aa-1', action_type: 'SET_HEAT', status: 'pending', result: null, error: null },
      ok: true,
      echo: params(r),
    },
  }),
};

/** A request's parameters, from its JSON body or its query string (clients differ). */
export function params(r: SeenRequest): Record<string, unknown> {
  const body = r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {};
  const { _strict: _, ...query } = r.query;
  return { ...query, ...body };
}
