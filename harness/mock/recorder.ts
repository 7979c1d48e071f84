// Record mode: a loopback proxy in front of a live server (the real API with a sandbox key, or a
// local fake). Clients talk to it exactly as to the replay server (same per-example URL); it
// forwards each request, hands the live answer back, and keeps the exchange, normalised and
// scrubbed, as a recording of that example. Credentials pass through to the target and nowhere
// else: request headers are never kept.
import http from 'node:http';
import https from 'node:https';
import type { Json, JsonObject } from '../model.ts';
import type { Profile, RouteInfo } from '../profile.ts';
import { BodyTimeoutError, readBody } from './body.ts';
import type { Definition } from './cassette.ts';
import { listenLoopback, LOOPBACK } from './listen.ts';
import { normalizeRequest, recordedMethod, type NormalizeContext } from './normalize.ts';
import { scrubberFor } from './scrub.ts';
import { CLIENT_HEADER, EXAMPLE_HEADER, splitExamplePath } from './slug.ts';
import { canonicalJson } from '../values/canonical.ts';

export interface RecorderOptions {
  profile: Profile;
  /** The live server: `https://connect.getseam.com`, `http://127.0.0.1:8080`. */
  target: string;
  port?: number;
  bodyTimeoutMs?: number;
  secretPatterns?: RegExp[];
  onRequest?: (line: { exampleId: string | null; method: string; path: string; status: number; recorded: boolean }) => void;
}

export interface Recorder {
  url: string;
  port: number;
  note?: string;
  /** What was recorded so far: example id → its definitions, in order; `''` for requests that named none. */
  recorded(): Map<string, Definition[]>;
  close(): Promise<void>;
}

/** Headers that describe one hop, not the message (RFC 9110 §7.6.1), and ones rebuilt here. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length', EXAMPLE_HEADER, CLIENT_HEADER]);

function forwardHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_HEADERS.has(name) && value !== undefined) out[name] = value;
  // A compressed answer could not be recorded as JSON.
  out['accept-encoding'] = 'identity';
  return out;
}

function parseResponse(body: Buffer, contentType: string | undefined): Json {
  const text = body.toString('utf8');
  if (text === '') return '';
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const { profile } = options;
  const routes: ReadonlyMap<string, RouteInfo> | undefined = await profile.loadRoutes?.();
  const scrubber = scrubberFor(profile, options.secretPatterns);
  const target = new URL(options.target);
  const client = target.protocol === 'https:' ? https : http;
  const basePath = target.pathname.replace(/\/+$/, '');

  const recorded = new Map<string, Definition[]>();
  /** More distinct requests than any docs tree makes; past it, requests pass through unrecorded. */
  const MAX_RECORDED = 20_000;
  const seen = new Set<string>();
  const ctx: NormalizeContext = {
    routes,
    scrubber,
    // A GET's query text takes the types of what this session recorded on the route already.
    hints: (path) => [...recorded.values()].flat().filter((d) => d.path === path).map((d) => d.body),
  };

  const forward = (req: http.IncomingMessage, path: string, search: string, body: Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const upstream = client.request(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port || undefined,
          method: req.method,
          path: `${basePath}${path}${search}`,
          headers: { ...forwardHeaders(req.headers), 'content-length': body.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body: Buffer;
    try {
      body = await readBody(req, options.bodyTimeoutMs ?? 10_000);
    } catch (error) {
      res.setHeader('connection', 'close');
      res.on('finish', () => req.socket.destroy());
      const type = error instanceof BodyTimeoutError ? 'doc_harness_request_timeout' : 'doc_harness_bad_request';
      res.writeHead(error instanceof BodyTimeoutError ? 408 : 413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type, message: (error as Error).message } }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const { path } = splitExamplePath(url.pathname);
    let answer;
    try {
      answer = await forward(req, path, url.search, body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'doc_harness_target_unreachable', message: `${options.target}: ${(error as Error).message}` } }));
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_HEADERS.has(name) && value !== undefined) headers[name] = value;
    res.writeHead(answer.status, headers);
    res.end(answer.body);

    let keep = false;
    let normal;
    try {
      normal = normalizeRequest({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }, ctx);
    } catch {
      normal = null; // Not a JSON API call: passed through, not recorded.
    }
    if (normal) {
      const key = `${normal.exampleId}\u0000${normal.path}\u0000${canonicalJson(normal.params)}`;
      // Six clients of one example send the same call: the first answer is the recording. Clients
      // choose the example ids, so what one session keeps is bounded.
      if (!seen.has(key) && seen.size < MAX_RECORDED) {
        seen.add(key);
        keep = true;
        const definition: Definition = {
          scope: profile.apiOrigin,
          method: recordedMethod(routes, normal.path, normal.method),
          path: normal.path,
          body: normal.params as JsonObject,
          status: answer.status,
          response: scrubber.json(parseResponse(answer.body, answer.headers['content-type'])),
        };
        if (normal.exampleId !== null) definition.example = normal.exampleId;
        const own = recorded.get(normal.exampleId ?? '') ?? [];
        own.push(definition);
        recorded.set(normal.exampleId ?? '', own);
      }
    }
    options.onRequest?.({ exampleId: normal?.exampleId ?? null, method: req.method ?? 'GET', path: normal?.path ?? url.pathname, status: answer.status, recorded: keep });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (res.headersSent) return void res.destroy(error);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'doc_harness_error', message: `doc-harness recorder failed: ${error.message}` } }));
    });
  });
  const { port, note } = await listenLoopback(server, options.port ?? 0);
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    note,
    recorded: () => new Map([...recorded].map(([example, definitions]) => [example, [...definitions]])),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
